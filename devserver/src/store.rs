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
    /// Creation time.
    pub created_at: DateTime<Utc>,
    /// Last update.
    pub updated_at: DateTime<Utc>,
}

impl User {
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
            StateName::Success => "success",
            StateName::Error => "error",
        }
    }
}

/// A running flow.
#[derive(Debug, Clone)]
pub struct Flow {
    /// Which flow.
    pub name: FlowName,
    /// Current state.
    pub state: StateName,
    /// State `back` returns to.
    pub previous: Option<StateName>,
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
    /// Email that `passcode_confirmation` verifies.
    pub email_to_verify: Option<Uuid>,
}

/// What the provider told about the person (Hanko's `UserData`).
#[derive(Debug, Clone)]
pub struct ProviderUser {
    /// `sub`.
    pub subject: String,
    /// Lower-case email.
    pub email: String,
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
}

impl Store {
    /// A store with the seeded user [`EXISTING_USER_EMAIL`] (verified email, no identities).
    pub fn seeded() -> Store {
        let mut store = Store::default();
        let now = Utc::now();
        let email_id = Uuid::new_v4();
        let user = User {
            id: Uuid::new_v4(),
            emails: vec![Email {
                id: email_id,
                address: EXISTING_USER_EMAIL.into(),
                verified: true,
            }],
            primary_email_id: Some(email_id),
            identities: Vec::new(),
            name: Some("Casey Jones".into()),
            created_at: now,
            updated_at: now,
        };
        store.users.insert(user.id, user);
        store
    }

    fn user_by_email(&self, address: &str) -> Option<Uuid> {
        self.users
            .values()
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
        if policy.reject_unverified_email && !data.email_verified {
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
        match self.user_by_email(&data.email) {
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
                    .find(|e| e.address == data.email)
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
                })
            }
            None => {
                if !policy.allow_signup {
                    return Err(ThirdPartyError::new(
                        "signup_disabled",
                        "account signup is disabled",
                    ));
                }
                let email = Email {
                    id: Uuid::new_v4(),
                    address: data.email.clone(),
                    verified: data.email_verified,
                };
                let identity = Identity {
                    id: Uuid::new_v4(),
                    provider_id: provider_id.into(),
                    subject: data.subject.clone(),
                    email_id: Some(email.id),
                    created_at: now,
                };
                let user = User {
                    id: Uuid::new_v4(),
                    primary_email_id: Some(email.id),
                    emails: vec![email],
                    identities: vec![identity.clone()],
                    name: data.name.clone(),
                    created_at: now,
                    updated_at: now,
                };
                let linked = Linked {
                    user_id: user.id,
                    identity_id: identity.id,
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
        };
        let current_address = self.users.get(&user_id).and_then(|u| {
            let identity = u.identities.iter().find(|i| i.id == identity_id)?;
            let email_id = identity.email_id?;
            u.emails
                .iter()
                .find(|e| e.id == email_id)
                .map(|e| e.address.clone())
        });
        if current_address.as_deref() == Some(data.email.as_str()) {
            return Ok(linked);
        }
        // The primary address at the provider changed.
        let owner = self.user_by_email(&data.email);
        let user = self
            .users
            .get_mut(&user_id)
            .ok_or_else(|| ThirdPartyError::server("could not get user"))?;
        let email_id = match owner {
            Some(owner) if owner != user_id => {
                return Err(ThirdPartyError::new(
                    "multiple_accounts",
                    format!(
                        "cannot identify associated user: '{}' is used by multiple accounts",
                        data.email
                    ),
                ));
            }
            Some(_) => user
                .emails
                .iter()
                .find(|e| e.address == data.email)
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
                    address: data.email.clone(),
                    verified: data.email_verified,
                };
                let id = email.id;
                user.emails.push(email);
                user.updated_at = Utc::now();
                Some(id)
            }
        };
        if let Some(identity) = user.identities.iter_mut().find(|i| i.id == identity_id) {
            identity.email_id = email_id;
        }
        Ok(linked)
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
            email: email.into(),
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
