//! The simulated Microsoft accounts and outcomes offered on the authorize page.

/// Tenant id of the simulated work or school directory "Contoso".
pub const CONTOSO_TENANT: &str = "4f3a2b1c-9d8e-4c7b-a6f5-0e1d2c3b4a59";
/// Tenant id of the simulated directory "Fabrikam".
pub const FABRIKAM_TENANT: &str = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d";
/// Microsoft's real tenant id for personal Microsoft accounts.
pub const CONSUMERS_TENANT: &str = "9188040d-6c67-4c5b-b112-36a304b66dad";

/// A simulated Microsoft account.
#[derive(Debug)]
pub struct Account {
    /// Button id on the authorize page, e.g. `account-work`.
    pub id: &'static str,
    /// Display name (`name` claim).
    pub name: &'static str,
    /// What the page says about the account.
    pub kind: &'static str,
    /// `tid` claim.
    pub tenant_id: &'static str,
    /// `oid` claim (stable object id).
    pub oid: &'static str,
    /// `upn` claim (work or school accounts).
    pub upn: Option<&'static str>,
    /// `email` claim.
    pub email: Option<&'static str>,
    /// `xms_edov` claim, when the tenant emits it.
    pub xms_edov: Option<bool>,
    /// `preferred_username` claim.
    pub preferred_username: Option<&'static str>,
}

/// All accounts, in page order.
pub const ACCOUNTS: &[Account] = &[
    Account {
        id: "account-work",
        name: "Alex Wilber",
        kind: "Work or school account (upn, Contoso)",
        tenant_id: CONTOSO_TENANT,
        oid: "2b9a7c4e-1f3d-4e8a-9b6c-5d0e1f2a3b4c",
        upn: Some("alex.wilber@contoso.example"),
        email: None,
        xms_edov: None,
        preferred_username: Some("alex.wilber@contoso.example"),
    },
    Account {
        id: "account-personal",
        name: "Pat Morgan",
        kind: "Personal account (email)",
        tenant_id: CONSUMERS_TENANT,
        oid: "00000000-0000-0000-7c1d-2e3f4a5b6c7d",
        upn: None,
        email: Some("pat.morgan@outlook.example"),
        xms_edov: None,
        preferred_username: Some("pat.morgan@outlook.example"),
    },
    Account {
        id: "account-unverified",
        name: "Jordan Lee",
        kind: "Work or school account, email not verified (xms_edov false, Fabrikam)",
        tenant_id: FABRIKAM_TENANT,
        oid: "6e5d4c3b-2a19-4f08-8e7d-6c5b4a392817",
        upn: None,
        email: Some("jordan.lee@fabrikam.example"),
        xms_edov: Some(false),
        preferred_username: Some("jordan.lee@fabrikam.example"),
    },
    Account {
        id: "account-no-email",
        name: "Sam Rivera",
        kind: "Personal account signed in with a phone number (no email)",
        tenant_id: CONSUMERS_TENANT,
        oid: "00000000-0000-0000-3a4b-5c6d7e8f9a0b",
        upn: None,
        email: None,
        xms_edov: None,
        preferred_username: Some("+1 555 0100"),
    },
    Account {
        id: "account-existing",
        name: "Casey Jones",
        kind: "Work or school account whose email already has a Hanko user (no Microsoft identity yet)",
        tenant_id: CONTOSO_TENANT,
        oid: "9c8b7a6f-5e4d-4c3b-8a29-18f7e6d5c4b3",
        upn: Some("casey.jones@contoso.example"),
        email: None,
        xms_edov: None,
        preferred_username: Some("casey.jones@contoso.example"),
    },
];

/// A simulated failure outcome.
#[derive(Debug)]
pub struct Outcome {
    /// Button id, e.g. `outcome-cancel`.
    pub id: &'static str,
    /// Button label.
    pub label: &'static str,
    /// OAuth `error`.
    pub error: &'static str,
    /// AADSTS number.
    pub aadsts: u32,
    /// First line of `error_description`; `{client_id}` is replaced.
    pub message: &'static str,
}

/// All outcomes, in page order.
pub const OUTCOMES: &[Outcome] = &[
    Outcome {
        id: "outcome-cancel",
        label: "Cancel (user declines consent)",
        error: "access_denied",
        aadsts: 65004,
        message: "AADSTS65004: User declined to consent to access the app.",
    },
    Outcome {
        id: "outcome-admin-approval",
        label: "Needs admin approval",
        error: "consent_required",
        aadsts: 65001,
        message: "AADSTS65001: The user or administrator has not consented to use the application with ID '{client_id}' named 'Hanko Dev Server'. Send an interactive authorization request for this user and resource.",
    },
    Outcome {
        id: "outcome-not-allowed",
        label: "Account not allowed in this tenant",
        error: "invalid_request",
        aadsts: 50020,
        message: "AADSTS50020: User account 'pat.morgan@outlook.example' from identity provider 'live.com' does not exist in tenant 'Contoso' and cannot access the application '{client_id}'(Hanko Dev Server) in that tenant. The account needs to be added as an external user in the tenant first. Sign out and sign in again with a different Azure Active Directory user account.",
    },
    Outcome {
        id: "outcome-unavailable",
        label: "Microsoft temporarily unavailable",
        error: "temporarily_unavailable",
        aadsts: 50033,
        message: "AADSTS50033: A transient error has occurred. Please try again.",
    },
];

/// Looks up an account by button id.
pub fn account(id: &str) -> Option<&'static Account> {
    ACCOUNTS.iter().find(|a| a.id == id)
}

/// Looks up an outcome by button id.
pub fn outcome(id: &str) -> Option<&'static Outcome> {
    OUTCOMES.iter().find(|o| o.id == id)
}
