//! The encrypted OAuth `state` parameter (Hanko's `GenerateState` / `VerifyState`): JSON, AES-256-GCM, base64url.

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};

/// Contents of the OAuth state.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct OAuthState {
    /// Provider id, e.g. `microsoft`.
    pub provider: String,
    /// Where the callback sends the browser back to.
    pub redirect_to: String,
    /// Unix seconds.
    pub issued_at: i64,
    /// Unix seconds (issued + state lifetime).
    pub expires_at: i64,
    /// 32 random bytes, base64url; equals the cookie's nonce in the non-PKCE path.
    pub nonce: String,
    /// Always true: created by the Flow API.
    pub is_flow: bool,
    /// The PKCE verifier sent with `thirdparty_oauth`, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_verifier: Option<String>,
    /// The flow that started the round trip (`login` or `registration`).
    pub flow: String,
}

/// Why a state was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateError {
    /// Not base64url, not decryptable or not the expected JSON.
    Undecodable,
    /// Older than its expiry.
    Expired,
}

/// Encrypts and decrypts states with a key generated at start.
pub struct StateCipher {
    cipher: Aes256Gcm,
}

impl StateCipher {
    /// A cipher with a fresh random 256-bit key.
    pub fn generate() -> StateCipher {
        let key = Aes256Gcm::generate_key(aes_gcm::aead::OsRng);
        StateCipher {
            cipher: Aes256Gcm::new(&key),
        }
    }

    /// Encrypts `state` to base64url(nonce ‖ ciphertext).
    pub fn seal(&self, state: &OAuthState) -> String {
        let plain = serde_json::to_vec(state).unwrap_or_default();
        let nonce_bytes = crate::random::bytes(12);
        let nonce = Nonce::from_slice(&nonce_bytes);
        let sealed = self
            .cipher
            .encrypt(nonce, plain.as_slice())
            .unwrap_or_default();
        let mut out = nonce_bytes;
        out.extend_from_slice(&sealed);
        URL_SAFE_NO_PAD.encode(out)
    }

    /// Decrypts and checks expiry against `now` (unix seconds).
    pub fn open(&self, sealed: &str, now: i64) -> Result<OAuthState, StateError> {
        let raw = URL_SAFE_NO_PAD
            .decode(sealed.trim_end_matches('='))
            .map_err(|_| StateError::Undecodable)?;
        if raw.len() < 12 + 16 {
            return Err(StateError::Undecodable);
        }
        let (nonce, body) = raw.split_at(12);
        let plain = self
            .cipher
            .decrypt(Nonce::from_slice(nonce), body)
            .map_err(|_| StateError::Undecodable)?;
        let state: OAuthState =
            serde_json::from_slice(&plain).map_err(|_| StateError::Undecodable)?;
        if now >= state.expires_at {
            return Err(StateError::Expired);
        }
        Ok(state)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(expires_at: i64) -> OAuthState {
        OAuthState {
            provider: "microsoft".into(),
            redirect_to: "http://127.0.0.1:8080/".into(),
            issued_at: 0,
            expires_at,
            nonce: "n".into(),
            is_flow: true,
            code_verifier: Some("v".into()),
            flow: "login".into(),
        }
    }

    #[test]
    fn round_trip_and_expiry() {
        let cipher = StateCipher::generate();
        let sealed = cipher.seal(&sample(100));
        assert_eq!(cipher.open(&sealed, 50), Ok(sample(100)));
        assert_eq!(cipher.open(&sealed, 100), Err(StateError::Expired));
        assert_eq!(cipher.open("garbage", 0), Err(StateError::Undecodable));
        let other = StateCipher::generate();
        assert_eq!(other.open(&sealed, 0), Err(StateError::Undecodable));
    }
}
