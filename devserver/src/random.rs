//! Random values: tokens, codes and PKCE challenges.

use base64::engine::general_purpose::{URL_SAFE, URL_SAFE_NO_PAD};
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// Random bytes.
pub fn bytes(len: usize) -> Vec<u8> {
    let mut buf = vec![0u8; len];
    rand::rngs::OsRng.fill_bytes(&mut buf);
    buf
}

/// `len` random bytes, base64url without padding.
pub fn token_no_pad(len: usize) -> String {
    URL_SAFE_NO_PAD.encode(bytes(len))
}

/// Hanko's one-time token: 32 random bytes, base64url **with** `=` padding (44 characters).
pub fn hanko_token() -> String {
    URL_SAFE.encode(bytes(32))
}

/// PKCE S256 challenge: `BASE64URL(SHA256(verifier))` without padding.
pub fn s256_challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// Compares two strings in time independent of where they differ.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    #[test]
    fn hanko_token_is_44_chars_with_padding() {
        let t = super::hanko_token();
        assert_eq!(t.len(), 44);
        assert!(t.ends_with('='));
    }

    #[test]
    fn s256_matches_rfc7636_example() {
        assert_eq!(
            super::s256_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }
}
