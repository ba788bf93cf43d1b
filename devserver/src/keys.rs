//! RSA signing keys (RS256), generated at start, and their public JWK form.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header};
use rsa::pkcs1::EncodeRsaPrivateKey;
use rsa::traits::PublicKeyParts;
use rsa::RsaPrivateKey;
use serde::Serialize;

use crate::Error;

/// An RSA-2048 key pair with a key id.
pub struct SigningKey {
    kid: String,
    encoding: EncodingKey,
    decoding: DecodingKey,
    n: String,
    e: String,
}

impl SigningKey {
    /// Generates a fresh key pair (takes ~0.1 s; call from a blocking thread).
    pub fn generate() -> Result<SigningKey, Error> {
        let private = RsaPrivateKey::new(&mut rand::rngs::OsRng, 2048)
            .map_err(|e| Error::Keys(e.to_string()))?;
        let der = private
            .to_pkcs1_der()
            .map_err(|e| Error::Keys(e.to_string()))?;
        let encoding = EncodingKey::from_rsa_der(der.as_bytes());
        let n = URL_SAFE_NO_PAD.encode(private.n().to_bytes_be());
        let e = URL_SAFE_NO_PAD.encode(private.e().to_bytes_be());
        let decoding =
            DecodingKey::from_rsa_components(&n, &e).map_err(|e| Error::Keys(e.to_string()))?;
        let kid = crate::random::token_no_pad(12);
        Ok(SigningKey {
            kid,
            encoding,
            decoding,
            n,
            e,
        })
    }

    /// The key id (`kid` header of every token this key signs).
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// Signs `claims` as an RS256 JWT with this key's `kid`.
    pub fn sign<T: Serialize>(&self, claims: &T) -> Result<String, jsonwebtoken::errors::Error> {
        let mut header = Header::new(Algorithm::RS256);
        header.kid = Some(self.kid.clone());
        jsonwebtoken::encode(&header, claims, &self.encoding)
    }

    /// The public key for verification.
    pub fn decoding_key(&self) -> &DecodingKey {
        &self.decoding
    }

    /// The public JWK. `with_alg`: Hanko's JWKS carries `alg` and `use`; Microsoft's omits `alg`.
    pub fn public_jwk(&self, with_alg: bool) -> serde_json::Value {
        let mut jwk = serde_json::json!({
            "kty": "RSA",
            "use": "sig",
            "kid": self.kid,
            "n": self.n,
            "e": self.e,
        });
        if with_alg {
            jwk["alg"] = serde_json::Value::from("RS256");
        }
        jwk
    }
}
