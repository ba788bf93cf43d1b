//! WebAuthn data between Hanko's JSON and the browser's API: which option fields are binary
//! (base64url in JSON, `ArrayBuffer` for `navigator.credentials`), and base64url itself.
//!
//! Hanko (go-webauthn) sends `challenge`, `user.id` and every credential descriptor `id` as
//! base64url without padding (padding is accepted too), and reads the credential back in the
//! webauthn-json shape, whose binary fields are base64url again.

use base64::engine::general_purpose::{URL_SAFE, URL_SAFE_NO_PAD};
use base64::Engine as _;
use serde_json::Value;

/// JSON pointers of the binary fields of `{"publicKey": {...}}` creation or request options.
///
/// ```
/// use hanko_elements::flow::webauthn::binary_paths;
/// let options = serde_json::json!({"publicKey": {"challenge": "AQID", "user": {"id": "BAU"},
///     "excludeCredentials": [{"type": "public-key", "id": "Bgc"}]}});
/// assert_eq!(binary_paths(&options), ["/publicKey/challenge", "/publicKey/user/id", "/publicKey/excludeCredentials/0/id"]);
/// ```
pub fn binary_paths(options: &Value) -> Vec<String> {
    let mut paths = Vec::new();
    let Some(public_key) = options.get("publicKey") else {
        return paths;
    };
    if public_key.get("challenge").is_some_and(Value::is_string) {
        paths.push("/publicKey/challenge".to_owned());
    }
    if public_key.pointer("/user/id").is_some_and(Value::is_string) {
        paths.push("/publicKey/user/id".to_owned());
    }
    for list in ["excludeCredentials", "allowCredentials"] {
        let descriptors = public_key.get(list).and_then(Value::as_array);
        for (index, descriptor) in descriptors.into_iter().flatten().enumerate() {
            if descriptor.get("id").is_some_and(Value::is_string) {
                paths.push(format!("/publicKey/{list}/{index}/id"));
            }
        }
    }
    paths
}

/// Decodes base64url, with or without padding; `None` for anything else.
///
/// ```
/// use hanko_elements::flow::webauthn::decode;
/// assert_eq!(decode("AQID"), Some(vec![1, 2, 3]));
/// assert_eq!(decode("-_8"), Some(vec![251, 255]));
/// assert_eq!(decode("-_8="), Some(vec![251, 255]));
/// assert_eq!(decode("not base64!"), None);
/// ```
pub fn decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim();
    URL_SAFE_NO_PAD
        .decode(text)
        .or_else(|_| URL_SAFE.decode(text))
        .ok()
}

/// Encodes bytes as base64url without padding (the webauthn-json encoding).
///
/// ```
/// use hanko_elements::flow::webauthn::encode;
/// assert_eq!(encode(&[251, 255]), "-_8");
/// ```
pub fn encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn finds_the_binary_fields_of_hanko_options() {
        let creation = json!({"publicKey": {
            "rp": {"id": "localhost", "name": "Hanko"},
            "user": {"id": "fwqcHgAAQACAAAAAAAAAAQ", "name": "a@b.example", "displayName": "a@b.example"},
            "challenge": "q2Xh1uDO3TSWu2wNXPwY2rnm3T4uHMHlMR_bTrjw36o",
            "pubKeyCredParams": [{"type": "public-key", "alg": -7}],
            "timeout": 600000,
            "excludeCredentials": [{"type": "public-key", "id": "AQ"}, {"type": "public-key"}],
            "authenticatorSelection": {"requireResidentKey": true, "residentKey": "required", "userVerification": "preferred"},
            "attestation": "direct"
        }});
        assert_eq!(
            binary_paths(&creation),
            [
                "/publicKey/challenge",
                "/publicKey/user/id",
                "/publicKey/excludeCredentials/0/id"
            ]
        );
        let request = json!({"publicKey": {"challenge": "AQID", "rpId": "localhost",
            "allowCredentials": [{"type": "public-key", "id": "AQ"}, {"type": "public-key", "id": "Ag"}]}});
        assert_eq!(
            binary_paths(&request),
            [
                "/publicKey/challenge",
                "/publicKey/allowCredentials/0/id",
                "/publicKey/allowCredentials/1/id"
            ]
        );
        assert!(binary_paths(&json!({"challenge": "AQID"})).is_empty());
        assert!(binary_paths(&json!(null)).is_empty());
    }

    #[test]
    fn base64url_round_trips() {
        let user_id = decode("fwqcHgAAQACAAAAAAAAAAQ").unwrap();
        assert_eq!(user_id.len(), 16);
        assert_eq!(encode(&user_id), "fwqcHgAAQACAAAAAAAAAAQ");
        for bytes in [
            vec![],
            vec![0],
            vec![255, 254],
            (0..=255).collect::<Vec<u8>>(),
        ] {
            assert_eq!(decode(&encode(&bytes)), Some(bytes));
        }
        assert_eq!(decode("a+b/"), None, "standard base64 is not base64url");
    }
}
