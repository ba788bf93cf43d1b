//! A software WebAuthn authenticator for the tests: a P-256 (ES256) credential that answers creation
//! options with a `none` attestation and request options with a signed assertion, as a browser would
//! hand them to the Flow API.
#![allow(dead_code)]

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use p256::pkcs8::DecodePrivateKey;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// The page origin the tests pretend to be on (any port of `http://localhost` is allowed).
pub const ORIGIN: &str = "http://localhost:8080";

/// One credential of the authenticator.
pub struct SoftKey {
    pub key: SigningKey,
    pub cred_id: Vec<u8>,
    pub user_handle: Option<Vec<u8>>,
    pub counter: u32,
}

fn cbor_head(major: u8, len: usize, out: &mut Vec<u8>) {
    let m = major << 5;
    if len < 24 {
        out.push(m | len as u8);
    } else if len < 256 {
        out.extend([m | 24, len as u8]);
    } else {
        out.extend([m | 25, (len >> 8) as u8, len as u8]);
    }
}

fn cbor_text(text: &str, out: &mut Vec<u8>) {
    cbor_head(3, text.len(), out);
    out.extend(text.as_bytes());
}

fn cbor_bytes(bytes: &[u8], out: &mut Vec<u8>) {
    cbor_head(2, bytes.len(), out);
    out.extend(bytes);
}

impl SoftKey {
    /// A fresh random credential.
    pub fn random() -> SoftKey {
        let key = SigningKey::random(&mut rand::rngs::OsRng);
        let cred_id = (0..32).map(|_| rand::random::<u8>()).collect();
        SoftKey {
            key,
            cred_id,
            user_handle: None,
            counter: 0,
        }
    }

    /// A credential from a base64url PKCS#8 key, credential id and user handle (the seeds).
    pub fn from_seed(private_key: &str, cred_id: &str, user_handle: &str) -> SoftKey {
        let der = B64.decode(private_key).unwrap();
        SoftKey {
            key: SigningKey::from_pkcs8_der(&der).unwrap(),
            cred_id: B64.decode(cred_id).unwrap(),
            user_handle: Some(B64.decode(user_handle).unwrap()),
            counter: 0,
        }
    }

    fn cose_key(&self) -> Vec<u8> {
        let point = self.key.verifying_key().to_encoded_point(false);
        let mut out = vec![0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21];
        cbor_bytes(point.x().unwrap(), &mut out);
        out.push(0x22);
        cbor_bytes(point.y().unwrap(), &mut out);
        out
    }

    fn client_data(kind: &str, challenge: &str) -> Vec<u8> {
        serde_json::to_vec(&json!({
            "type": kind, "challenge": challenge, "origin": ORIGIN, "crossOrigin": false
        }))
        .unwrap()
    }

    /// Answers `creation_options` (`{"publicKey": {…}}`) with a `none` attestation.
    pub fn attest(&mut self, creation_options: &Value) -> Value {
        let options = &creation_options["publicKey"];
        let rp_id = options["rp"]["id"].as_str().unwrap();
        self.user_handle = Some(B64.decode(options["user"]["id"].as_str().unwrap()).unwrap());
        let client_data =
            Self::client_data("webauthn.create", options["challenge"].as_str().unwrap());
        self.counter += 1;
        let mut auth_data = Sha256::digest(rp_id.as_bytes()).to_vec();
        auth_data.push(0x45); // UP, UV, AT
        auth_data.extend(self.counter.to_be_bytes());
        auth_data.extend([0u8; 16]);
        auth_data.extend((self.cred_id.len() as u16).to_be_bytes());
        auth_data.extend(&self.cred_id);
        auth_data.extend(self.cose_key());
        let mut object = vec![0xa3];
        cbor_text("fmt", &mut object);
        cbor_text("none", &mut object);
        cbor_text("attStmt", &mut object);
        object.push(0xa0);
        cbor_text("authData", &mut object);
        cbor_bytes(&auth_data, &mut object);
        let id = B64.encode(&self.cred_id);
        json!({
            "id": id, "rawId": id, "type": "public-key",
            "response": {
                "clientDataJSON": B64.encode(client_data),
                "attestationObject": B64.encode(object),
            },
            "extensions": {},
        })
    }

    /// Answers `request_options` with an assertion signed by `signer` (normally this credential's key).
    pub fn assert_with(&mut self, request_options: &Value, signer: &SigningKey) -> Value {
        let options = &request_options["publicKey"];
        let rp_id = options["rpId"].as_str().unwrap();
        let client_data = Self::client_data("webauthn.get", options["challenge"].as_str().unwrap());
        self.counter += 1;
        let mut auth_data = Sha256::digest(rp_id.as_bytes()).to_vec();
        auth_data.push(0x05); // UP, UV
        auth_data.extend(self.counter.to_be_bytes());
        let mut signed = auth_data.clone();
        signed.extend(Sha256::digest(&client_data));
        let signature: Signature = signer.sign(&signed);
        let id = B64.encode(&self.cred_id);
        json!({
            "id": id, "rawId": id, "type": "public-key",
            "response": {
                "authenticatorData": B64.encode(auth_data),
                "clientDataJSON": B64.encode(client_data),
                "signature": B64.encode(signature.to_der().as_bytes()),
                "userHandle": self.user_handle.as_ref().map(|h| B64.encode(h)),
            },
            "extensions": {},
        })
    }

    /// Answers `request_options` with a correctly signed assertion.
    pub fn assert(&mut self, request_options: &Value) -> Value {
        let key = self.key.clone();
        self.assert_with(request_options, &key)
    }
}
