//! Seeded first-party accounts: **test aids for development and end-to-end tests, never for
//! production**. Every constant here is public on purpose (the private keys too), so that a test can
//! sign in as these users, e.g. by adding the WebAuthn credentials to a ChromeDriver virtual
//! authenticator (`addCredential` with `credentialId`, `isResidentCredential`, `rpId`, `privateKey`,
//! `userHandle`, `signCount`).
//!
//! Created at start when `seed_accounts` is on (the default). The addresses do not collide with the
//! simulated Microsoft accounts.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::Utc;
use p256::pkcs8::DecodePrivateKey;
use uuid::Uuid;
use webauthn_rs_core::proto::{
    AttestationFormat, COSEAlgorithm, COSEEC2Key, COSEKey, COSEKeyType, Credential, ECDSACurve,
    ParsedAttestation, RegisteredExtensions, UserVerificationPolicy,
};

use crate::store::{Email, Store, User, WebauthnCredential};

/// The password of every seeded user that has one.
pub const PASSWORD: &str = "correct horse battery staple";

/// A user with a verified email and nothing else: signs in with a passcode.
pub const PASSCODE_USER_EMAIL: &str = "passcode@example.com";
/// A user with a verified email and [`PASSWORD`].
pub const PASSWORD_USER_EMAIL: &str = "password@example.com";
/// A user with a verified email, [`PASSWORD`] and the authenticator app [`TOTP_SECRET`].
pub const TOTP_USER_EMAIL: &str = "totp@example.com";
/// A user with a verified email, [`PASSWORD`] and the security key [`SECURITY_KEY_CREDENTIAL_ID`].
pub const SECURITY_KEY_USER_EMAIL: &str = "security-key@example.com";
/// A user with a verified email and the passkey [`PASSKEY_CREDENTIAL_ID`] (no password).
pub const PASSKEY_USER_EMAIL: &str = "passkey@example.com";

/// User id of [`PASSCODE_USER_EMAIL`].
pub const PASSCODE_USER_ID: &str = "c5a09ccd-bb19-4933-becc-b5b9ee059f65";
/// User id of [`PASSWORD_USER_EMAIL`].
pub const PASSWORD_USER_ID: &str = "0d3e9ce8-ded6-4495-be08-3690717071ab";
/// User id of [`TOTP_USER_EMAIL`].
pub const TOTP_USER_ID: &str = "f283269a-fdb7-4906-8da9-7817c32e2cef";
/// User id of [`SECURITY_KEY_USER_EMAIL`].
pub const SECURITY_KEY_USER_ID: &str = "3d7b9583-dd5f-43a5-bc10-eb98282bf197";
/// User id of [`PASSKEY_USER_EMAIL`].
pub const PASSKEY_USER_ID: &str = "a43d04bd-25df-4729-914c-ceac591a4454";

/// The TOTP secret of [`TOTP_USER_EMAIL`] (base32; SHA-1, 6 digits, 30 s).
pub const TOTP_SECRET: &str = "5S7D6VA45ZYX5UNT33CBYFFZPOGDNIKS";

/// RP ID both seeded WebAuthn credentials are scoped to (the default `webauthn.relying_party_id`).
pub const RP_ID: &str = "localhost";

/// Credential id (base64url, no padding) of the passkey (resident, discoverable) of [`PASSKEY_USER_EMAIL`].
pub const PASSKEY_CREDENTIAL_ID: &str = "Z27mjOefeJA_jOoJCxVrKq-t93PulEuRejcShVLVQtg";
/// PKCS#8 DER P-256 private key of the passkey, base64url without padding (ChromeDriver's `privateKey`).
pub const PASSKEY_PRIVATE_KEY: &str = "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg8lZHYY768M_F2hgQJylm6pPmVOT8quQ1fxbe6wMmWluhRANCAARLISrhUmn59u-9wbiseMgzkfisLWLkVA4pLkQgHdCHFfVCXyLetMDM9XL6CwsmtkMNPgX6RsdP84zh8yIW15bz";
/// User handle of the passkey: the 16 bytes of [`PASSKEY_USER_ID`], base64url without padding.
pub const PASSKEY_USER_HANDLE: &str = "pD0EvSXfRymRTM6sWRpEVA";

/// Credential id (base64url, no padding) of the security key (not resident, MFA only) of
/// [`SECURITY_KEY_USER_EMAIL`].
pub const SECURITY_KEY_CREDENTIAL_ID: &str = "sWwi_co_ALkCu2hjwx-ML4WWDAo96sA4daLeRxTgrYw";
/// PKCS#8 DER P-256 private key of the security key, base64url without padding.
pub const SECURITY_KEY_PRIVATE_KEY: &str = "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgGQw7bagMEPB8ncTVngANnGENyOQBL7_9_r-SuFLTWvmhRANCAASJ1BvOEuMVICNNokvRCVhDMeHTiITdAwvnPu4Hh7HxDvSVHd6KpoiKFIoeEEviJfbbE-U-lcRZA3-nk859Qsuv";
/// User handle of the security key: the 16 bytes of [`SECURITY_KEY_USER_ID`], base64url without padding.
pub const SECURITY_KEY_USER_HANDLE: &str = "PXuVg91fQ6W8EOuYKCvxlw";

/// bcrypt hash of [`PASSWORD`] (cost 10), computed once per process.
fn password_hash() -> Result<String, String> {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    if let Some(hash) = HASH.get() {
        return Ok(hash.clone());
    }
    let hash = bcrypt::hash(PASSWORD, 10).map_err(|e| format!("bcrypt: {e}"))?;
    Ok(HASH.get_or_init(|| hash).clone())
}

/// A WebAuthn credential from a fixed PKCS#8 P-256 key: the COSE ES256 public key webauthn-rs-core
/// verifies assertions with, counter 0, no backup flags, no user verification recorded.
fn credential(id_b64: &str, private_key_b64: &str, passkey: bool) -> Result<Credential, String> {
    let der = URL_SAFE_NO_PAD
        .decode(private_key_b64)
        .map_err(|e| format!("seed key: {e}"))?;
    let secret = p256::SecretKey::from_pkcs8_der(&der).map_err(|e| format!("seed key: {e}"))?;
    let point =
        p256::elliptic_curve::sec1::ToEncodedPoint::to_encoded_point(&secret.public_key(), false);
    let (x, y) = match (point.x(), point.y()) {
        (Some(x), Some(y)) => (x.to_vec(), y.to_vec()),
        _ => return Err("seed key: no affine coordinates".into()),
    };
    let id = URL_SAFE_NO_PAD
        .decode(id_b64)
        .map_err(|e| format!("seed credential id: {e}"))?;
    Ok(Credential {
        cred_id: id.into(),
        cred: COSEKey {
            type_: COSEAlgorithm::ES256,
            key: COSEKeyType::EC_EC2(COSEEC2Key {
                curve: ECDSACurve::SECP256R1,
                x: x.into(),
                y: y.into(),
            }),
        },
        counter: 0,
        transports: None,
        user_verified: false,
        backup_eligible: false,
        backup_state: false,
        registration_policy: if passkey {
            UserVerificationPolicy::Preferred
        } else {
            UserVerificationPolicy::Discouraged_DO_NOT_USE
        },
        extensions: RegisteredExtensions::none(),
        attestation: ParsedAttestation::default(),
        attestation_format: AttestationFormat::None,
    })
}

fn user(id: &str, address: &str) -> Result<User, String> {
    let mut user = User::new(None);
    user.id = Uuid::parse_str(id).map_err(|e| e.to_string())?;
    let email_id = Uuid::new_v4();
    user.emails.push(Email {
        id: email_id,
        address: address.into(),
        verified: true,
    });
    user.primary_email_id = Some(email_id);
    Ok(user)
}

/// Adds the five seeded accounts to the store.
pub fn add_accounts(store: &mut Store) -> Result<(), String> {
    let hash = password_hash()?;
    let passcode = user(PASSCODE_USER_ID, PASSCODE_USER_EMAIL)?;
    let mut password = user(PASSWORD_USER_ID, PASSWORD_USER_EMAIL)?;
    password.password_hash = Some(hash.clone());
    let mut totp = user(TOTP_USER_ID, TOTP_USER_EMAIL)?;
    totp.password_hash = Some(hash.clone());
    totp.otp_secret = Some(TOTP_SECRET.into());
    let mut security_key = user(SECURITY_KEY_USER_ID, SECURITY_KEY_USER_EMAIL)?;
    security_key.password_hash = Some(hash);
    security_key.webauthn_credentials.push(WebauthnCredential {
        credential: credential(SECURITY_KEY_CREDENTIAL_ID, SECURITY_KEY_PRIVATE_KEY, false)?,
        mfa_only: true,
        created_at: Utc::now(),
    });
    let mut passkey = user(PASSKEY_USER_ID, PASSKEY_USER_EMAIL)?;
    passkey.webauthn_credentials.push(WebauthnCredential {
        credential: credential(PASSKEY_CREDENTIAL_ID, PASSKEY_PRIVATE_KEY, true)?,
        mfa_only: false,
        created_at: Utc::now(),
    });
    for user in [passcode, password, totp, security_key, passkey] {
        store.users.insert(user.id, user);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn user_handles_are_the_user_ids() {
        use base64::Engine;
        for (id, handle) in [
            (super::PASSKEY_USER_ID, super::PASSKEY_USER_HANDLE),
            (super::SECURITY_KEY_USER_ID, super::SECURITY_KEY_USER_HANDLE),
        ] {
            let bytes = uuid::Uuid::parse_str(id).unwrap().into_bytes();
            assert_eq!(
                base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes),
                handle
            );
        }
        let mut store = crate::store::Store::default();
        super::add_accounts(&mut store).unwrap();
        assert_eq!(store.users.len(), 5);
    }
}
