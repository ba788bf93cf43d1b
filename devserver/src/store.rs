//! In-memory data of the Hanko side: users (emails, identities), sessions, one-time tokens and flows.
//!
//! One [`Store`] lives behind a `Mutex`; no lock is held across an `.await`.

use std::collections::HashMap;
use std::time::Instant;

use chrono::{DateTime, Utc};
use serde_json::Value;
use uuid::Uuid;

use crate::thirdparty_error::ThirdPartyError;

/// The seeded user that has no Microsoft identity (demonstrates linking and `user_conflict`).
pub const EXISTING_USER_EMAIL: &str = "casey.jones@contoso.example";

/// An email address of a user.
#[derive(Debug, Clone)]
pub struct Email {
    /// Email id.
    pub id: Uuid,
    /// Lower-case address.
    pub address: String,
    /// Whether the address is verified.
    pub verified: bool,
}

/// A third-party identity attached to a user.
#[derive(Debug, Clone)]
pub struct Identity {
    /// Identity id.
    pub id: Uuid,
    /// Provider id, e.g. `microsoft`.
    pub provider_id: String,
    /// The provider's subject (`sub`).
    pub subject: String,
    /// The email record the identity is tied to.
    pub email_id: Option<Uuid>,
    /// Creation time.
    pub created_at: DateTime<Utc>,
}

/// A user.
#[derive(Debug, Clone)]
pub struct User {
    /// User id.
    pub id: Uuid,
    /// Email addresses.
    pub emails: Vec<Email>,
    /// The primary email's id.
    pub primary_email_id: Option<Uuid>,
    /// Third-party identities.
    pub identities: Vec<Identity>,
    /// Display name from the provider profile.
    pub name: Option<String>,
    /// Username (lower case), when set.
    pub username: Option<String>,
    /// bcrypt hash of the password, when set.
    pub password_hash: Option<String>,
    /// TOTP secret (base32), when an authenticator app is set up.
    pub otp_secret: Option<String>,
    /// Passkeys and security keys.
    pub webauthn_credentials: Vec<WebauthnCredential>,
    /// The TOTP time step last accepted at login (RFC 6238 §5.2 replay protection).
    pub otp_last_step: Option<u64>,
    /// Created by a first-party registration flow that has not reached `success` yet: invisible to
    /// look-ups by email, username and credential (Hanko creates the user only at `success`).
    pub registration_pending: bool,
    /// Creation time.
    pub created_at: DateTime<Utc>,
    /// Last update.
    pub updated_at: DateTime<Utc>,
}

/// A verified WebAuthn credential of a user.
#[derive(Debug, Clone)]
pub struct WebauthnCredential {
    /// The verified credential (public key, id, counter, attestation).
    pub credential: webauthn_rs_core::proto::Credential,
    /// `true` for a security key (MFA only), `false` for a passkey.
    pub mfa_only: bool,
    /// Creation time.
    pub created_at: DateTime<Utc>,
}

/// A passcode "sent" by email: kept for `GET /outbox` and printed to the log.
#[derive(Debug, Clone)]
pub struct OutboxEntry {
    /// When it was sent.
    pub sent_at: DateTime<Utc>,
    /// Recipient address.
    pub to: String,
    /// The passcode.
    pub code: String,
    /// Why it was sent (Hanko's template name, e.g. `email_verification`).
    pub template: &'static str,
}

impl User {
    /// A user with no emails, identities or credentials.
    pub fn new(name: Option<String>) -> User {
        let now = Utc::now();
        User {
            id: Uuid::new_v4(),
            emails: Vec::new(),
            primary_email_id: None,
            identities: Vec::new(),
            name,
            username: None,
            password_hash: None,
            otp_secret: None,
            webauthn_credentials: Vec::new(),
            otp_last_step: None,
            registration_pending: false,
            created_at: now,
            updated_at: now,
        }
    }

    /// The primary email, if any.
    pub fn primary_email(&self) -> Option<&Email> {
        self.primary_email_id
            .and_then(|id| self.emails.iter().find(|e| e.id == id))
    }
}

/// A server-side session row.
#[derive(Debug, Clone)]
pub struct Session {
    /// The user.
    pub user_id: Uuid,
    /// Expiry.
    pub expires_at: DateTime<Utc>,
}

/// A one-time `hanko_token` issued by the callback.
#[derive(Debug, Clone)]
pub struct OneTimeToken {
    /// The user signed in.
    pub user_id: Uuid,
    /// The identity used.
    pub identity_id: Uuid,
    /// The PKCE verifier from the state; `exchange_token` must present the same.
    pub code_verifier: Option<String>,
    /// Whether the callback created the user (Hanko's `token.user_created`).
    pub user_created: bool,
    /// Expiry.
    pub expires_at: Instant,
}

/// Flow names with their own endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlowName {
    /// `POST /login`.
    Login,
    /// `POST /registration`.
    Registration,
}

impl FlowName {
    /// The path segment and name.
    pub fn as_str(self) -> &'static str {
        match self {
            FlowName::Login => "login",
            FlowName::Registration => "registration",
        }
    }

    /// The state after `preflight`.
    pub fn init_state(self) -> StateName {
        match self {
            FlowName::Login => StateName::LoginInit,
            FlowName::Registration => StateName::RegistrationInit,
        }
    }
}

/// The flow states this server implements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateName {
    /// `preflight`.
    Preflight,
    /// `login_init`.
    LoginInit,
    /// `registration_init`.
    RegistrationInit,
    /// `thirdparty`.
    Thirdparty,
    /// `passcode_confirmation`.
    PasscodeConfirmation,
    /// `onboarding_email`.
    OnboardingEmail,
    /// `onboarding_username`.
    OnboardingUsername,
    /// `credential_onboarding_chooser`.
    CredentialOnboardingChooser,
    /// `password_creation`.
    PasswordCreation,
    /// `onboarding_create_passkey`.
    OnboardingCreatePasskey,
    /// `onboarding_verify_passkey_attestation`.
    OnboardingVerifyPasskeyAttestation,
    /// `mfa_method_chooser`.
    MfaMethodChooser,
    /// `mfa_otp_secret_creation`.
    MfaOtpSecretCreation,
    /// `mfa_security_key_creation`.
    MfaSecurityKeyCreation,
    /// `login_method_chooser`.
    LoginMethodChooser,
    /// `login_password`.
    LoginPassword,
    /// `login_password_recovery`.
    LoginPasswordRecovery,
    /// `login_passkey`.
    LoginPasskey,
    /// `login_otp`.
    LoginOtp,
    /// `login_security_key`.
    LoginSecurityKey,
    /// `device_trust`.
    DeviceTrust,
    /// The made-up state `favourite_colour` (test aid, see `Config::custom_state`).
    FavouriteColour,
    /// `success`.
    Success,
    /// `error`.
    Error,
}

impl StateName {
    /// Wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            StateName::Preflight => "preflight",
            StateName::LoginInit => "login_init",
            StateName::RegistrationInit => "registration_init",
            StateName::Thirdparty => "thirdparty",
            StateName::PasscodeConfirmation => "passcode_confirmation",
            StateName::OnboardingEmail => "onboarding_email",
            StateName::OnboardingUsername => "onboarding_username",
            StateName::CredentialOnboardingChooser => "credential_onboarding_chooser",
            StateName::PasswordCreation => "password_creation",
            StateName::OnboardingCreatePasskey => "onboarding_create_passkey",
            StateName::OnboardingVerifyPasskeyAttestation => {
                "onboarding_verify_passkey_attestation"
            }
            StateName::MfaMethodChooser => "mfa_method_chooser",
            StateName::MfaOtpSecretCreation => "mfa_otp_secret_creation",
            StateName::MfaSecurityKeyCreation => "mfa_security_key_creation",
            StateName::LoginMethodChooser => "login_method_chooser",
            StateName::LoginPassword => "login_password",
            StateName::LoginPasswordRecovery => "login_password_recovery",
            StateName::LoginPasskey => "login_passkey",
            StateName::LoginOtp => "login_otp",
            StateName::LoginSecurityKey => "login_security_key",
            StateName::DeviceTrust => "device_trust",
            StateName::FavouriteColour => "favourite_colour",
            StateName::Success => "success",
            StateName::Error => "error",
        }
    }

    /// Whether the state belongs to Hanko's `credential_usage` sub-flow (login flow), which decides when
    /// the login onboarding hook runs.
    pub fn is_credential_usage(self) -> bool {
        matches!(
            self,
            StateName::LoginInit
                | StateName::Thirdparty
                | StateName::PasscodeConfirmation
                | StateName::LoginMethodChooser
                | StateName::LoginPassword
                | StateName::LoginPasswordRecovery
                | StateName::LoginPasskey
        )
    }
}

/// Why a passcode is sent (Hanko's passcode templates).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasscodeTemplate {
    /// `email_verification`: confirms an address of the flow's user.
    EmailVerification,
    /// `email_registration_attempted`: the address belongs to another user; confirming it adds nothing.
    RegistrationAttempted,
    /// `login`: a sign-in passcode for a known address.
    Login,
    /// `recovery`: a password-recovery passcode for a known address.
    Recovery,
    /// `email_login_attempted`: sign-in or recovery for an unknown address; confirming it fails.
    LoginAttempted,
}

impl PasscodeTemplate {
    /// Hanko's template name.
    pub fn as_str(self) -> &'static str {
        match self {
            PasscodeTemplate::EmailVerification => "email_verification",
            PasscodeTemplate::RegistrationAttempted => "email_registration_attempted",
            PasscodeTemplate::Login => "login",
            PasscodeTemplate::Recovery => "recovery",
            PasscodeTemplate::LoginAttempted => "email_login_attempted",
        }
    }
}

/// A passcode the flow waits for.
#[derive(Debug, Clone)]
pub struct PendingPasscode {
    /// The code.
    pub code: String,
    /// Recipient.
    pub address: String,
    /// When it stops being valid.
    pub expires_at: Instant,
    /// Wrong attempts so far.
    pub attempts: u32,
}

/// Hanko's stash: what the flow has learnt so far.
#[derive(Debug, Clone, Default)]
pub struct Stash {
    /// `webauthn_available` from `register_client_capabilities`.
    pub webauthn_available: bool,
    /// `webauthn_platform_authenticator_available`.
    pub platform_authenticator_available: bool,
    /// `webauthn_conditional_mediation_available`.
    pub conditional_mediation_available: bool,
    /// `user_identification`: the identifier entered in `login_init` (password rate-limit key).
    pub user_identification: Option<String>,
    /// `username` entered in `login_init`.
    pub username: Option<String>,
    /// `user_has_username`.
    pub user_has_username: bool,
    /// `login_method`: `passcode`, `password` or `passkey` (first-party logins only).
    pub login_method: Option<&'static str>,
    /// `mfa_usage_method`: `totp` or `security_key`.
    pub mfa_usage_method: Option<&'static str>,
    /// `pw_recovery_pending`: the recovery passcode was asked for.
    pub password_recovery_pending: bool,
    /// `device_trust_granted`: the user chose `trust_device`.
    pub device_trust_granted: bool,
    /// The WebAuthn authentication ceremony in progress (request options sent).
    pub webauthn_authentication: Option<webauthn_rs_core::proto::AuthenticationState>,
    /// Whether the callback created the user.
    pub user_created: bool,
    /// The address `passcode_confirmation` sends to.
    pub email: Option<String>,
    /// Which passcode email.
    pub passcode_template: Option<PasscodeTemplate>,
    /// The email record `verify_passcode` marks verified (an existing address of the user).
    pub email_to_verify: Option<Uuid>,
    /// The passcode sent last.
    pub passcode: Option<PendingPasscode>,
    /// `user_has_emails`.
    pub user_has_emails: bool,
    /// `user_has_password`.
    pub user_has_password: bool,
    /// `user_has_passkey`.
    pub user_has_passkey: bool,
    /// `user_has_otp_secret`.
    pub user_has_otp_secret: bool,
    /// `user_has_security_key`.
    pub user_has_security_key: bool,
    /// `login_onboarding_scheduled`.
    pub login_onboarding_scheduled: bool,
    /// `mfa_method_chooser` was shown.
    pub mfa_chooser_visited: bool,
    /// `credential_onboarding_chooser` was shown (passkey `skip` is suspended after it).
    pub credential_chooser_visited: bool,
    /// The TOTP secret shown in `mfa_otp_secret_creation`.
    pub otp_secret: Option<String>,
    /// `create_mfa_only_credential`: the attestation belongs to a security key.
    pub create_mfa_only_credential: bool,
    /// The WebAuthn registration ceremony in progress.
    pub webauthn_registration: Option<webauthn_rs_core::proto::RegistrationState>,
    /// The made-up state was answered or skipped.
    pub custom_state_done: bool,
}

/// A running flow.
#[derive(Debug, Clone)]
pub struct Flow {
    /// Which flow.
    pub name: FlowName,
    /// Current state.
    pub state: StateName,
    /// Scheduled states, next first.
    pub schedule: Vec<StateName>,
    /// Earlier snapshots of this flow that `back` returns to (newest last); emptied by Hanko's
    /// `PreventRevert`.
    pub history: Vec<Flow>,
    /// The CSRF token the next action must carry.
    pub csrf_token: String,
    /// Creation time (for the flow lifetime).
    pub created_at: Instant,
    /// Payload of the current state.
    pub payload: Value,
    /// User resolved by `exchange_token`.
    pub user_id: Option<Uuid>,
    /// Provider used by `exchange_token`.
    pub provider: Option<String>,
    /// Hanko's stash.
    pub stash: Stash,
}

/// What the provider told about the person (Hanko's `UserData`).
#[derive(Debug, Clone)]
pub struct ProviderUser {
    /// `sub`.
    pub subject: String,
    /// Lower-case email; `None` only with `Config::accept_account_without_email`.
    pub email: Option<String>,
    /// Whether the provider vouches for the email.
    pub email_verified: bool,
    /// Display name.
    pub name: Option<String>,
}

/// Result of account linking.
#[derive(Debug, Clone, Copy)]
pub struct Linked {
    /// The user.
    pub user_id: Uuid,
    /// The identity used.
    pub identity_id: Uuid,
    /// Whether the user was created now.
    pub user_created: bool,
}

/// Linking policy from the configuration.
#[derive(Debug, Clone, Copy)]
pub struct LinkPolicy {
    /// `account.allow_signup`.
    pub allow_signup: bool,
    /// Provider `allow_linking`.
    pub allow_linking: bool,
    /// `email.limit`.
    pub email_limit: usize,
    /// Reject unverified provider emails with `unverified_email` (Hanko's non-flow path with
    /// `email.require_verification`).
    pub reject_unverified_email: bool,
}

/// All mutable data of the Hanko side.
#[derive(Debug, Default)]
pub struct Store {
    /// Users by id.
    pub users: HashMap<Uuid, User>,
    /// Sessions by id.
    pub sessions: HashMap<Uuid, Session>,
    /// One-time tokens by value.
    pub tokens: HashMap<String, OneTimeToken>,
    /// Flows by id.
    pub flows: HashMap<Uuid, Flow>,
    /// Passcodes sent, oldest first.
    pub outbox: Vec<OutboxEntry>,
    /// Trusted devices by device token: the user and the expiry.
    pub trusted_devices: HashMap<String, (Uuid, DateTime<Utc>)>,
}

impl Store {
    /// A store with the seeded user [`EXISTING_USER_EMAIL`] (verified email, no identities).
    pub fn seeded() -> Store {
        let mut store = Store::default();
        let mut user = User::new(Some("Casey Jones".into()));
        let email_id = Uuid::new_v4();
        user.emails.push(Email {
            id: email_id,
            address: EXISTING_USER_EMAIL.into(),
            verified: true,
        });
        user.primary_email_id = Some(email_id);
        store.users.insert(user.id, user);
        store
    }

    /// The user owning `address` (lower case), if any.
    pub fn user_by_email(&self, address: &str) -> Option<Uuid> {
        self.users
            .values()
            .filter(|u| !u.registration_pending)
            .find(|u| u.emails.iter().any(|e| e.address == address))
            .map(|u| u.id)
    }

    /// Sign-in, link or sign-up, following Hanko's `LinkAccount`. The verified-email check of
    /// Hanko's non-flow path runs first, only with [`LinkPolicy::reject_unverified_email`].
    pub fn link_account(
        &mut self,
        data: &ProviderUser,
        provider_id: &str,
        policy: LinkPolicy,
    ) -> Result<Linked, ThirdPartyError> {
        if policy.reject_unverified_email && data.email.is_some() && !data.email_verified {
            return Err(ThirdPartyError::new(
                "unverified_email",
                "third party provider email must be verified",
            ));
        }
        let now = Utc::now();
        let existing = self.users.values().find_map(|u| {
            u.identities
                .iter()
                .find(|i| i.subject == data.subject && i.provider_id == provider_id)
                .map(|i| (u.id, i.id))
        });
        if let Some((user_id, identity_id)) = existing {
            return self.sign_in(data, user_id, identity_id, policy);
        }
        let owner = data.email.as_deref().and_then(|e| self.user_by_email(e));
        match owner {
            Some(user_id) => {
                if !policy.allow_linking {
                    return Err(ThirdPartyError::new(
                        "user_conflict",
                        "third party account linking for existing user with same email disallowed",
                    ));
                }
                let user = self
                    .users
                    .get_mut(&user_id)
                    .ok_or_else(|| ThirdPartyError::server("could not get user"))?;
                let email_id = user
                    .emails
                    .iter()
                    .find(|e| Some(e.address.as_str()) == data.email.as_deref())
                    .map(|e| e.id);
                let identity = Identity {
                    id: Uuid::new_v4(),
                    provider_id: provider_id.into(),
                    subject: data.subject.clone(),
                    email_id,
                    created_at: now,
                };
                let identity_id = identity.id;
                user.identities.push(identity);
                if user.name.is_none() && data.name.is_some() {
                    user.name = data.name.clone();
                    user.updated_at = now;
                }
                Ok(Linked {
                    user_id,
                    identity_id,
                    user_created: false,
                })
            }
            None => {
                if !policy.allow_signup {
                    return Err(ThirdPartyError::new(
                        "signup_disabled",
                        "account signup is disabled",
                    ));
                }
                let mut user = User::new(data.name.clone());
                let email = data.email.as_ref().map(|address| Email {
                    id: Uuid::new_v4(),
                    address: address.clone(),
                    verified: data.email_verified,
                });
                let identity = Identity {
                    id: Uuid::new_v4(),
                    provider_id: provider_id.into(),
                    subject: data.subject.clone(),
                    email_id: email.as_ref().map(|e| e.id),
                    created_at: now,
                };
                user.primary_email_id = email.as_ref().map(|e| e.id);
                user.emails.extend(email);
                user.identities.push(identity.clone());
                let linked = Linked {
                    user_id: user.id,
                    identity_id: identity.id,
                    user_created: true,
                };
                self.users.insert(user.id, user);
                Ok(linked)
            }
        }
    }

    fn sign_in(
        &mut self,
        data: &ProviderUser,
        user_id: Uuid,
        identity_id: Uuid,
        policy: LinkPolicy,
    ) -> Result<Linked, ThirdPartyError> {
        let linked = Linked {
            user_id,
            identity_id,
            user_created: false,
        };
        let Some(address) = data.email.as_deref() else {
            return Ok(linked);
        };
        let current_address = self.users.get(&user_id).and_then(|u| {
            let identity = u.identities.iter().find(|i| i.id == identity_id)?;
            let email_id = identity.email_id?;
            u.emails
                .iter()
                .find(|e| e.id == email_id)
                .map(|e| e.address.clone())
        });
        if current_address.as_deref() == Some(address) {
            return Ok(linked);
        }
        // The primary address at the provider changed.
        let owner = self.user_by_email(address);
        let user = self
            .users
            .get_mut(&user_id)
            .ok_or_else(|| ThirdPartyError::server("could not get user"))?;
        let email_id = match owner {
            Some(owner) if owner != user_id => {
                return Err(ThirdPartyError::new(
                    "multiple_accounts",
                    format!(
                        "cannot identify associated user: '{address}' is used by multiple accounts"
                    ),
                ));
            }
            Some(_) => user
                .emails
                .iter()
                .find(|e| e.address == address)
                .map(|e| e.id),
            None => {
                if user.emails.len() >= policy.email_limit {
                    return Err(ThirdPartyError::new(
                        "email_maxnum",
                        "max number of email addresses reached",
                    ));
                }
                let email = Email {
                    id: Uuid::new_v4(),
                    address: address.to_string(),
                    verified: data.email_verified,
                };
                let id = email.id;
                user.emails.push(email);
                if user.primary_email_id.is_none() {
                    user.primary_email_id = Some(id);
                }
                user.updated_at = Utc::now();
                Some(id)
            }
        };
        if let Some(identity) = user.identities.iter_mut().find(|i| i.id == identity_id) {
            identity.email_id = email_id;
        }
        Ok(linked)
    }

    /// Adds `address` to the user (primary if it is the first); returns its id.
    pub fn add_email(&mut self, user_id: Uuid, address: &str, verified: bool) -> Option<Uuid> {
        let user = self.users.get_mut(&user_id)?;
        if let Some(email) = user.emails.iter_mut().find(|e| e.address == address) {
            email.verified |= verified;
            return Some(email.id);
        }
        let email = Email {
            id: Uuid::new_v4(),
            address: address.to_string(),
            verified,
        };
        let id = email.id;
        user.emails.push(email);
        if user.primary_email_id.is_none() {
            user.primary_email_id = Some(id);
        }
        user.updated_at = Utc::now();
        Some(id)
    }

    /// The user whose username is `username` (lower case), if any.
    pub fn user_by_username(&self, username: &str) -> Option<Uuid> {
        self.users
            .values()
            .filter(|u| !u.registration_pending)
            .find(|u| u.username.as_deref() == Some(username))
            .map(|u| u.id)
    }

    /// The email record an identity is tied to.
    pub fn identity_email(&self, user_id: Uuid, identity_id: Uuid) -> Option<&Email> {
        let user = self.users.get(&user_id)?;
        let email_id = user
            .identities
            .iter()
            .find(|i| i.id == identity_id)?
            .email_id?;
        user.emails.iter().find(|e| e.id == email_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: LinkPolicy = LinkPolicy {
        allow_signup: true,
        allow_linking: true,
        email_limit: 5,
        reject_unverified_email: false,
    };

    fn data(subject: &str, email: &str) -> ProviderUser {
        ProviderUser {
            subject: subject.into(),
            email: Some(email.into()),
            email_verified: true,
            name: None,
        }
    }

    #[test]
    fn sign_up_then_sign_in() {
        let mut store = Store::seeded();
        let a = store
            .link_account(&data("s1", "a@x.example"), "microsoft", POLICY)
            .unwrap();
        let b = store
            .link_account(&data("s1", "a@x.example"), "microsoft", POLICY)
            .unwrap();
        assert_eq!(a.user_id, b.user_id);
        assert_eq!(a.identity_id, b.identity_id);
    }

    #[test]
    fn changed_provider_email_owned_by_another_user_is_multiple_accounts() {
        let mut store = Store::seeded();
        store
            .link_account(&data("s1", "a@x.example"), "microsoft", POLICY)
            .unwrap();
        let err = store
            .link_account(&data("s1", EXISTING_USER_EMAIL), "microsoft", POLICY)
            .unwrap_err();
        assert_eq!(err.code, "multiple_accounts");
    }

    #[test]
    fn changed_provider_email_over_the_limit_is_email_maxnum() {
        let mut store = Store::seeded();
        let policy = LinkPolicy {
            email_limit: 1,
            ..POLICY
        };
        store
            .link_account(&data("s1", "a@x.example"), "microsoft", policy)
            .unwrap();
        let err = store
            .link_account(&data("s1", "new@x.example"), "microsoft", policy)
            .unwrap_err();
        assert_eq!(err.code, "email_maxnum");
        let ok = store
            .link_account(&data("s1", "new@x.example"), "microsoft", POLICY)
            .unwrap();
        let email = store.identity_email(ok.user_id, ok.identity_id).unwrap();
        assert_eq!(email.address, "new@x.example");
    }

    #[test]
    fn linking_and_signup_policies() {
        let mut store = Store::seeded();
        let no_link = LinkPolicy {
            allow_linking: false,
            ..POLICY
        };
        let err = store
            .link_account(&data("s2", EXISTING_USER_EMAIL), "microsoft", no_link)
            .unwrap_err();
        assert_eq!(err.code, "user_conflict");
        let no_signup = LinkPolicy {
            allow_signup: false,
            ..POLICY
        };
        let err = store
            .link_account(&data("s3", "b@x.example"), "microsoft", no_signup)
            .unwrap_err();
        assert_eq!(err.code, "signup_disabled");
        let linked = store
            .link_account(&data("s2", EXISTING_USER_EMAIL), "microsoft", no_signup)
            .unwrap();
        assert!(store
            .identity_email(linked.user_id, linked.identity_id)
            .is_some());
    }

    #[test]
    fn unverified_email_is_rejected_before_anything_changes() {
        let mut store = Store::seeded();
        let reject = LinkPolicy {
            reject_unverified_email: true,
            ..POLICY
        };
        let unverified = ProviderUser {
            email_verified: false,
            ..data("s4", "c@x.example")
        };
        let err = store
            .link_account(&unverified, "microsoft", reject)
            .unwrap_err();
        assert_eq!(err.code, "unverified_email");
        assert_eq!(store.users.len(), 1);
        assert!(store
            .link_account(&data("s5", "d@x.example"), "microsoft", reject)
            .is_ok());
        assert!(store.link_account(&unverified, "microsoft", POLICY).is_ok());
    }
}
