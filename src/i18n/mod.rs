//! Every string the element shows, in ten languages, with partial overrides supplied at runtime.
//!
//! The model follows hanko-elements: one typed [`Translation`] grouped into `headlines`, `labels`,
//! `texts` and `errors`; one module per built-in language; a `lang` plus a fallback language; and
//! partial custom translations keyed by language ([`CustomTranslations`]) that win over the built-in
//! strings. Templates carry `{provider}`, `{seconds}`, `{email}` or `{state}` placeholders, filled
//! with [`fill`].
//!
//! ```
//! use hanko_elements::i18n::{fill, resolve, CustomTranslations};
//!
//! let custom = CustomTranslations::from_json(r#"{"de": {"labels": {"sign_out": "Tschüss"}}}"#).unwrap();
//! let t = resolve("de-DE", "en", &custom);
//! assert_eq!(t.labels.sign_out, "Tschüss");
//! assert_eq!(fill(&t.labels.sign_in_with, &[("provider", "GitHub")]), "Mit GitHub anmelden");
//! ```

mod de;
mod en;
mod es;
mod fr;
mod it;
mod ja;
mod nl;
mod pl;
mod pt_br;
mod zh;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::errors::FailureKind;

/// All strings of the element in one language.
///
/// Field names are stable (custom translations address them by these names in JSON, e.g.
/// `{"labels": {"sign_out": "Log out"}}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Translation {
    /// Headlines above a screen.
    pub headlines: Headlines,
    /// Short labels: buttons, disclosure and field names.
    pub labels: Labels,
    /// Sentences shown as status text.
    pub texts: Texts,
    /// One message per [`FailureKind`].
    pub errors: ErrorTexts,
}

/// Headlines above a screen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Headlines {
    /// Login mode, e.g. "Sign in".
    pub sign_in: String,
    /// Registration mode, e.g. "Create account".
    pub create_account: String,
}

/// Short labels: buttons, disclosure and field names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Labels {
    /// "Sign in with Microsoft" (Microsoft's own wording in this language).
    pub sign_in_with_microsoft: String,
    /// "Sign up with Microsoft" (registration mode).
    pub sign_up_with_microsoft: String,
    /// Template: "Sign in with {provider}".
    pub sign_in_with: String,
    /// Template: "Sign up with {provider}".
    pub sign_up_with: String,
    /// "Sign out".
    pub sign_out: String,
    /// "Try again".
    pub try_again: String,
    /// Template: "Try again in {seconds} seconds" (used while more than one second is left).
    pub try_again_in: String,
    /// "Try again in 1 second" (the last second of the countdown).
    pub try_again_in_one: String,
    /// "Use another account".
    pub use_another_account: String,
    /// "Sign in another way".
    pub sign_in_another_way: String,
    /// "Details" (summary of the error-details disclosure).
    pub details: String,
    /// "Error code".
    pub error_code: String,
    /// "Microsoft error" (label of the AADSTS number).
    pub microsoft_error: String,
    /// "Trace ID".
    pub trace_id: String,
    /// "Correlation ID".
    pub correlation_id: String,
    /// "Description".
    pub description: String,
    /// "Last used" (badge on the provider used last time).
    pub last_used: String,
    /// "or" (separator).
    pub or: String,
    /// Stands in for `{provider}` when the provider is unknown, e.g. "the provider".
    pub provider_fallback: String,
}

/// Sentences shown as status text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Texts {
    /// "Loading…".
    pub loading: String,
    /// Template: "Taking you to {provider}…".
    pub redirecting: String,
    /// "Signing you in…".
    pub signing_in: String,
    /// Template: "Signed in as {email}".
    pub signed_in_as: String,
    /// "You are signed in." (no email known).
    pub signed_in: String,
    /// "Signing out…".
    pub signing_out: String,
    /// No provider is available for signing in.
    pub no_providers: String,
    /// Template: "This sign-in step isn't supported here yet ({state})."
    pub unsupported_step: String,
    /// "Contact the site's support if this keeps happening."
    pub contact_support: String,
}

/// A failure message: a short title and one or two sentences saying what happened and what to do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorMessage {
    /// Short title, e.g. "Sign-in cancelled".
    pub title: String,
    /// What happened and what to do; may use `{provider}`.
    pub text: String,
}

/// One [`ErrorMessage`] per [`FailureKind`]; field names equal [`crate::errors::Failure::kind_name`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorTexts {
    /// [`FailureKind::Cancelled`].
    pub cancelled: ErrorMessage,
    /// [`FailureKind::NeedsAdminApproval`].
    pub needs_admin_approval: ErrorMessage,
    /// [`FailureKind::AccountNotAllowed`].
    pub account_not_allowed: ErrorMessage,
    /// [`FailureKind::MoreStepsNeeded`].
    pub more_steps_needed: ErrorMessage,
    /// [`FailureKind::ProviderUnavailable`].
    pub provider_unavailable: ErrorMessage,
    /// [`FailureKind::Misconfigured`].
    pub misconfigured: ErrorMessage,
    /// [`FailureKind::UserConflict`].
    pub user_conflict: ErrorMessage,
    /// [`FailureKind::MultipleAccounts`].
    pub multiple_accounts: ErrorMessage,
    /// [`FailureKind::UnverifiedEmail`].
    pub unverified_email: ErrorMessage,
    /// [`FailureKind::EmailLimitReached`].
    pub email_limit_reached: ErrorMessage,
    /// [`FailureKind::SignupDisabled`].
    pub signup_disabled: ErrorMessage,
    /// [`FailureKind::InvalidRequest`].
    pub invalid_request: ErrorMessage,
    /// [`FailureKind::ServerError`].
    pub server_error: ErrorMessage,
    /// [`FailureKind::Expired`].
    pub expired: ErrorMessage,
    /// [`FailureKind::RateLimited`].
    pub rate_limited: ErrorMessage,
    /// [`FailureKind::NotPermitted`].
    pub not_permitted: ErrorMessage,
    /// [`FailureKind::InvalidInput`].
    pub invalid_input: ErrorMessage,
    /// [`FailureKind::Network`].
    pub network: ErrorMessage,
    /// [`FailureKind::LostFlow`].
    pub lost_flow: ErrorMessage,
    /// [`FailureKind::Unknown`].
    pub unknown: ErrorMessage,
}

impl ErrorTexts {
    /// The message for one kind of failure.
    pub fn message(&self, kind: FailureKind) -> &ErrorMessage {
        match kind {
            FailureKind::Cancelled => &self.cancelled,
            FailureKind::NeedsAdminApproval => &self.needs_admin_approval,
            FailureKind::AccountNotAllowed => &self.account_not_allowed,
            FailureKind::MoreStepsNeeded => &self.more_steps_needed,
            FailureKind::ProviderUnavailable => &self.provider_unavailable,
            FailureKind::Misconfigured => &self.misconfigured,
            FailureKind::UserConflict => &self.user_conflict,
            FailureKind::MultipleAccounts => &self.multiple_accounts,
            FailureKind::UnverifiedEmail => &self.unverified_email,
            FailureKind::EmailLimitReached => &self.email_limit_reached,
            FailureKind::SignupDisabled => &self.signup_disabled,
            FailureKind::InvalidRequest => &self.invalid_request,
            FailureKind::ServerError => &self.server_error,
            FailureKind::Expired => &self.expired,
            FailureKind::RateLimited => &self.rate_limited,
            FailureKind::NotPermitted => &self.not_permitted,
            FailureKind::InvalidInput => &self.invalid_input,
            FailureKind::Network => &self.network,
            FailureKind::LostFlow => &self.lost_flow,
            FailureKind::Unknown => &self.unknown,
        }
    }

    /// The message for one kind of failure, to change it.
    fn message_mut(&mut self, kind: FailureKind) -> &mut ErrorMessage {
        match kind {
            FailureKind::Cancelled => &mut self.cancelled,
            FailureKind::NeedsAdminApproval => &mut self.needs_admin_approval,
            FailureKind::AccountNotAllowed => &mut self.account_not_allowed,
            FailureKind::MoreStepsNeeded => &mut self.more_steps_needed,
            FailureKind::ProviderUnavailable => &mut self.provider_unavailable,
            FailureKind::Misconfigured => &mut self.misconfigured,
            FailureKind::UserConflict => &mut self.user_conflict,
            FailureKind::MultipleAccounts => &mut self.multiple_accounts,
            FailureKind::UnverifiedEmail => &mut self.unverified_email,
            FailureKind::EmailLimitReached => &mut self.email_limit_reached,
            FailureKind::SignupDisabled => &mut self.signup_disabled,
            FailureKind::InvalidRequest => &mut self.invalid_request,
            FailureKind::ServerError => &mut self.server_error,
            FailureKind::Expired => &mut self.expired,
            FailureKind::RateLimited => &mut self.rate_limited,
            FailureKind::NotPermitted => &mut self.not_permitted,
            FailureKind::InvalidInput => &mut self.invalid_input,
            FailureKind::Network => &mut self.network,
            FailureKind::LostFlow => &mut self.lost_flow,
            FailureKind::Unknown => &mut self.unknown,
        }
    }
}

impl Translation {
    /// Overlays a partial translation shaped like this one: strings replace strings; unknown keys
    /// and values of the wrong JSON type are ignored, so the shape never changes.
    fn overlay(&mut self, partial: &Value) {
        let Value::Object(groups) = partial else {
            return;
        };
        for (group, fields) in groups {
            let Value::Object(fields) = fields else {
                continue;
            };
            for (name, value) in fields {
                match (group.as_str(), value) {
                    ("errors", Value::Object(message)) => {
                        let kind = FailureKind::ALL.into_iter().find(|k| k.name() == name);
                        if let Some(kind) = kind {
                            self.errors.message_mut(kind).overlay(message);
                        }
                    }
                    (group, Value::String(text)) => {
                        if let Some(slot) = self.text_mut(group, name) {
                            slot.clone_from(text);
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    /// The string at `<group>.<name>` for the groups `headlines`, `labels` and `texts`.
    fn text_mut(&mut self, group: &str, name: &str) -> Option<&mut String> {
        let h = &mut self.headlines;
        let l = &mut self.labels;
        let t = &mut self.texts;
        Some(match (group, name) {
            ("headlines", "sign_in") => &mut h.sign_in,
            ("headlines", "create_account") => &mut h.create_account,
            ("labels", "sign_in_with_microsoft") => &mut l.sign_in_with_microsoft,
            ("labels", "sign_up_with_microsoft") => &mut l.sign_up_with_microsoft,
            ("labels", "sign_in_with") => &mut l.sign_in_with,
            ("labels", "sign_up_with") => &mut l.sign_up_with,
            ("labels", "sign_out") => &mut l.sign_out,
            ("labels", "try_again") => &mut l.try_again,
            ("labels", "try_again_in") => &mut l.try_again_in,
            ("labels", "try_again_in_one") => &mut l.try_again_in_one,
            ("labels", "use_another_account") => &mut l.use_another_account,
            ("labels", "sign_in_another_way") => &mut l.sign_in_another_way,
            ("labels", "details") => &mut l.details,
            ("labels", "error_code") => &mut l.error_code,
            ("labels", "microsoft_error") => &mut l.microsoft_error,
            ("labels", "trace_id") => &mut l.trace_id,
            ("labels", "correlation_id") => &mut l.correlation_id,
            ("labels", "description") => &mut l.description,
            ("labels", "last_used") => &mut l.last_used,
            ("labels", "or") => &mut l.or,
            ("labels", "provider_fallback") => &mut l.provider_fallback,
            ("texts", "loading") => &mut t.loading,
            ("texts", "redirecting") => &mut t.redirecting,
            ("texts", "signing_in") => &mut t.signing_in,
            ("texts", "signed_in_as") => &mut t.signed_in_as,
            ("texts", "signed_in") => &mut t.signed_in,
            ("texts", "signing_out") => &mut t.signing_out,
            ("texts", "no_providers") => &mut t.no_providers,
            ("texts", "unsupported_step") => &mut t.unsupported_step,
            ("texts", "contact_support") => &mut t.contact_support,
            _ => return None,
        })
    }
}

impl ErrorMessage {
    /// Overlays `{"title": …, "text": …}` (either key may be missing; non-strings are ignored).
    fn overlay(&mut self, partial: &serde_json::Map<String, Value>) {
        if let Some(Value::String(title)) = partial.get("title") {
            self.title.clone_from(title);
        }
        if let Some(Value::String(text)) = partial.get("text") {
            self.text.clone_from(text);
        }
    }
}

/// A built-in language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    /// English (`en`).
    En,
    /// German (`de`).
    De,
    /// French (`fr`).
    Fr,
    /// Spanish (`es`).
    Es,
    /// Italian (`it`).
    It,
    /// Dutch (`nl`).
    Nl,
    /// Brazilian Portuguese (`pt-BR`).
    PtBr,
    /// Polish (`pl`).
    Pl,
    /// Japanese (`ja`).
    Ja,
    /// Simplified Chinese (`zh`).
    Zh,
}

impl Lang {
    /// Every built-in language, English first.
    pub const ALL: [Lang; 10] = [
        Lang::En,
        Lang::De,
        Lang::Fr,
        Lang::Es,
        Lang::It,
        Lang::Nl,
        Lang::PtBr,
        Lang::Pl,
        Lang::Ja,
        Lang::Zh,
    ];

    /// The canonical tag: `en`, `de`, …, `pt-BR`, `zh`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
            Lang::Fr => "fr",
            Lang::Es => "es",
            Lang::It => "it",
            Lang::Nl => "nl",
            Lang::PtBr => "pt-BR",
            Lang::Pl => "pl",
            Lang::Ja => "ja",
            Lang::Zh => "zh",
        }
    }

    /// Resolves a language tag to a built-in language, case-insensitively: `de-DE` → `de`,
    /// `pt-BR` / `ptBR` / `pt` / `pt_br` → `pt-BR`, `zh` / `zh-CN` / `zh-Hans` → `zh`.
    ///
    /// Traditional-Chinese tags (`zh-TW`, `zh-HK`, `zh-Hant`) are not Simplified Chinese and give
    /// `None`, as does anything unknown.
    ///
    /// ```
    /// use hanko_elements::i18n::Lang;
    /// assert_eq!(Lang::parse("DE-at"), Some(Lang::De));
    /// assert_eq!(Lang::parse("ptBR"), Some(Lang::PtBr));
    /// assert_eq!(Lang::parse("zh-Hans-CN"), Some(Lang::Zh));
    /// assert_eq!(Lang::parse("zh-TW"), None);
    /// ```
    pub fn parse(tag: &str) -> Option<Lang> {
        let tag = tag.trim().to_ascii_lowercase().replace('_', "-");
        if tag == "ptbr" {
            return Some(Lang::PtBr);
        }
        let mut parts = tag.split('-');
        let primary = parts.next().unwrap_or_default();
        let rest: Vec<&str> = parts.collect();
        match primary {
            "en" => Some(Lang::En),
            "de" => Some(Lang::De),
            "fr" => Some(Lang::Fr),
            "es" => Some(Lang::Es),
            "it" => Some(Lang::It),
            "nl" => Some(Lang::Nl),
            "pt" => Some(Lang::PtBr),
            "pl" => Some(Lang::Pl),
            "ja" => Some(Lang::Ja),
            "zh" if rest
                .iter()
                .any(|p| matches!(*p, "hant" | "tw" | "hk" | "mo")) =>
            {
                None
            }
            "zh" => Some(Lang::Zh),
            _ => None,
        }
    }

    /// The built-in strings of this language.
    pub fn translation(self) -> &'static Translation {
        static CELLS: [OnceLock<Translation>; 10] = [const { OnceLock::new() }; 10];
        let index = Lang::ALL.iter().position(|l| *l == self).unwrap_or(0);
        CELLS[index].get_or_init(|| match self {
            Lang::En => en::translation(),
            Lang::De => de::translation(),
            Lang::Fr => fr::translation(),
            Lang::Es => es::translation(),
            Lang::It => it::translation(),
            Lang::Nl => nl::translation(),
            Lang::PtBr => pt_br::translation(),
            Lang::Pl => pl::translation(),
            Lang::Ja => ja::translation(),
            Lang::Zh => zh::translation(),
        })
    }
}

/// The built-in strings for a language tag (see [`Lang::parse`] for the accepted forms).
///
/// ```
/// use hanko_elements::i18n::lookup;
/// assert_eq!(lookup("fr-CA").unwrap().labels.sign_in_with_microsoft, "Se connecter avec Microsoft");
/// assert!(lookup("xx").is_none());
/// ```
pub fn lookup(lang: &str) -> Option<&'static Translation> {
    Lang::parse(lang).map(Lang::translation)
}

/// Partial translations supplied by the site, keyed by language tag (like hanko-elements'
/// `translations` option). Each value is a JSON object shaped like [`Translation`] in which any
/// key may be missing.
///
/// ```
/// use hanko_elements::i18n::CustomTranslations;
/// let custom = CustomTranslations::from_json(r#"{"en": {"headlines": {"sign_in": "Welcome"}}}"#).unwrap();
/// assert!(!custom.is_empty());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CustomTranslations(BTreeMap<String, Value>);

impl CustomTranslations {
    /// No custom translations.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads `{"<lang>": {<partial translation>}, …}`.
    pub fn from_json(json: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(json)
    }

    /// Adds (or replaces) the partial translation for one language tag.
    pub fn insert(&mut self, lang: &str, partial: Value) {
        self.0.insert(lang.to_owned(), partial);
    }

    /// `true` when no language has custom strings.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `true` when some entry's key is `lang`, compared case-insensitively (no alias matching).
    ///
    /// ```
    /// use hanko_elements::i18n::CustomTranslations;
    /// let custom = CustomTranslations::from_json(r#"{"ko-KR": {}}"#).unwrap();
    /// assert!(custom.has_tag("KO-kr"));
    /// assert!(!custom.has_tag("ko"));
    /// ```
    pub fn has_tag(&self, lang: &str) -> bool {
        self.0.keys().any(|key| key.eq_ignore_ascii_case(lang))
    }

    /// The partial translations that apply to `lang`, the least specific first: keys that name
    /// the same built-in language (`pt`, `ptBR`, `pt-BR`) or, for other languages, the same tag
    /// case-insensitively or its primary subtag (`ko` for `ko-KR`).
    fn matching(&self, lang: &str) -> Vec<&Value> {
        let wanted = normalise_tag(lang);
        let primary = wanted.split('-').next().unwrap_or_default().to_owned();
        let builtin = Lang::parse(lang);
        let mut general = Vec::new();
        let mut exact = Vec::new();
        for (key, value) in &self.0 {
            let key_norm = normalise_tag(key);
            if key_norm == wanted {
                exact.push(value);
            } else if builtin.is_some() && Lang::parse(key) == builtin
                || builtin.is_none() && key_norm == primary
            {
                general.push(value);
            }
        }
        general.extend(exact);
        general
    }
}

fn normalise_tag(tag: &str) -> String {
    tag.trim().to_ascii_lowercase().replace('_', "-")
}

/// The strings to show for `lang`: custom strings for `lang`, else built-in strings for `lang`,
/// else custom strings for `fallback`, else built-in strings for `fallback`, else English.
/// Custom values are merged key by key; a key with the wrong JSON type is ignored.
///
/// ```
/// use hanko_elements::i18n::{resolve, CustomTranslations};
/// let custom = CustomTranslations::from_json(r#"{"ko": {"labels": {"sign_out": "로그아웃"}}}"#).unwrap();
/// let t = resolve("ko-KR", "de", &custom);
/// assert_eq!(t.labels.sign_out, "로그아웃");
/// assert_eq!(t.labels.try_again, "Erneut versuchen");
/// ```
pub fn resolve(lang: &str, fallback: &str, custom: &CustomTranslations) -> Translation {
    let mut merged = lookup(fallback)
        .unwrap_or_else(|| Lang::En.translation())
        .clone();
    for partial in custom.matching(fallback) {
        merged.overlay(partial);
    }
    if let Some(builtin) = lookup(lang) {
        merged.clone_from(builtin);
    }
    for partial in custom.matching(lang) {
        merged.overlay(partial);
    }
    merged
}

/// Replaces `{name}` placeholders in `template` with the given values; unknown placeholders and
/// stray braces stay as they are. Values are inserted verbatim (render the result as text).
///
/// ```
/// use hanko_elements::i18n::fill;
/// assert_eq!(fill("Try again in {seconds} seconds", &[("seconds", "30")]), "Try again in 30 seconds");
/// assert_eq!(fill("{x} {provider}", &[("provider", "{x}")]), "{x} {x}");
/// ```
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let replaced = after.find('}').and_then(|close| {
            let name = &after[..close];
            args.iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value, close))
        });
        match replaced {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{name}` placeholders used in a template, in order of appearance (duplicates kept once).
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                if !name.is_empty()
                    && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                    && !found.contains(&name)
                {
                    found.push(name);
                }
                rest = &after[close + 1..];
            }
            None => break,
        }
    }
    found
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
