//! The options of `register(api, options)`, as in hanko-elements (pure; parsed from JSON).

use std::fmt;

use serde_json::{Map, Value};

use crate::i18n::CustomTranslations;
pub use crate::protocol::token::SessionTokenLocation;
use crate::protocol::types::json_text;

/// The options of `register(api, options)`; field names and defaults follow hanko-elements.
///
/// From JavaScript, pass an object with camelCase keys; unknown keys (e.g. `enablePasskeys`, which governs hanko-elements' profile element) are
/// ignored, `null` means "default", a value of the wrong type is an error.
///
/// ```
/// use hanko_elements::RegisterOptions;
/// let options = RegisterOptions::from_json(
///     r#"{"shadow": false, "fallbackLanguage": "de", "translations": {"de": {"labels": {"sign_out": "Abmelden"}}}}"#,
/// ).unwrap();
/// assert!(!options.shadow);
/// assert_eq!(options.fallback_language, "de");
/// assert!(RegisterOptions::from_json(r#"{"shadow": "yes"}"#).is_err());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct RegisterOptions {
    /// `shadow` (default `true`): render into an open shadow root; `false` renders into the element
    /// itself (light DOM; the stylesheet then goes to `document.adoptedStyleSheets`).
    pub shadow: bool,
    /// `injectStyles` (default `true`): apply the built-in stylesheet. `false` leaves all styling
    /// to the page (`::part()` selectors, or plain CSS in light DOM).
    pub inject_styles: bool,
    /// `translations`: partial translations keyed by language tag, winning over the built-in ones.
    pub translations: CustomTranslations,
    /// `translationsLocation`: a URL path such as `"/i18n"`. When set, a `lang` that is neither
    /// built in nor in `translations` is fetched once from `<location>/<lang>.json` (a partial
    /// translation). Unlike hanko-elements (default `"/i18n"`) this is off unless given.
    pub translations_location: Option<String>,
    /// `languagesLocation`: where the language files of built-in languages this build leaves out
    /// are loaded from, as `<location>/<code>.json` (see [`crate::i18n::file`]). The bundle's
    /// `register` sets it to the `i18n` folder beside its module unless given; without it, such a
    /// language falls back to `fallbackLanguage`.
    pub languages_location: Option<String>,
    /// `fallbackLanguage` (default `"en"`): used when `lang` is absent or unknown.
    pub fallback_language: String,
    /// `storageKey` (default `"hanko"`): name of the header-mode token cookie / sessionStorage
    /// entry and prefix of the `_last_login` localStorage entry.
    pub storage_key: String,
    /// `sessionTokenLocation` (default `"cookie"`).
    pub session_token_location: SessionTokenLocation,
    /// `cookieSameSite` (`"lax"`, `"strict"` or `"none"`; default: the controller's `lax`).
    pub cookie_same_site: Option<String>,
    /// `cookieDomain`: `Domain` of the header-mode token cookie.
    pub cookie_domain: Option<String>,
    /// `sessionCheckInterval` in milliseconds (default 30000, at least 3000), as hanko-elements:
    /// how often the page's session service ([`crate::session`]) checks the session while signed in.
    pub session_check_interval: u32,
    /// `debug` (default `false`): log each flow state, action and failure to the console, by
    /// name, status and error code only (never a token, an input's value or the claims; see
    /// [`crate::flow::debug_log`]).
    pub debug: bool,
    /// `hidePasskeyButtonOnLogin` (default `false`): no "Sign in with a passkey" button on the
    /// first sign-in screen; passkeys are then offered in the identifier input's autofill only
    /// (when the browser supports it), as in hanko-elements.
    pub hide_passkey_button_on_login: bool,
}

impl Default for RegisterOptions {
    fn default() -> Self {
        RegisterOptions {
            shadow: true,
            inject_styles: true,
            translations: CustomTranslations::new(),
            translations_location: None,
            languages_location: None,
            fallback_language: "en".to_owned(),
            storage_key: "hanko".to_owned(),
            session_token_location: SessionTokenLocation::Cookie,
            cookie_same_site: None,
            cookie_domain: None,
            session_check_interval: 30_000,
            debug: false,
            hide_passkey_button_on_login: false,
        }
    }
}

/// Why `register` options were rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionsError(String);

impl fmt::Display for OptionsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "hanko-elements: invalid register options: {}", self.0)
    }
}

impl std::error::Error for OptionsError {}

/// The options as given: every key optional and nullable.
struct RawOptions {
    shadow: Option<bool>,
    inject_styles: Option<bool>,
    translations: Option<CustomTranslations>,
    translations_location: Option<String>,
    languages_location: Option<String>,
    fallback_language: Option<String>,
    storage_key: Option<String>,
    session_token_location: Option<String>,
    cookie_same_site: Option<String>,
    cookie_domain: Option<String>,
    session_check_interval: Option<f64>,
    debug: Option<bool>,
    hide_passkey_button_on_login: Option<bool>,
}

impl RegisterOptions {
    /// The smallest `sessionCheckInterval` hanko-elements accepts, in milliseconds.
    pub const MIN_SESSION_CHECK_INTERVAL: u32 = 3_000;

    /// Parses the JSON form of the options object (`JSON.stringify(options)`). `null` or an empty
    /// string give the defaults; anything but an object is an error.
    pub fn from_json(json: &str) -> Result<Self, OptionsError> {
        let json = json.trim();
        if json.is_empty() || json == "null" {
            return Ok(Self::default());
        }
        // Where, not serde_json's own message: its message table and the I/O error display behind
        // it would be compiled into the bundle for a case `JSON.stringify` never produces.
        let value: Value = serde_json::from_str(json).map_err(|e| {
            OptionsError(format!(
                "not JSON (line {}, column {})",
                e.line(),
                e.column()
            ))
        })?;
        let fields = value
            .as_object()
            .ok_or_else(|| OptionsError("expected an object".to_owned()))?;
        let text = |key| given(fields, key, "a string", |v| v.as_str().map(str::to_owned));
        let flag = |key| given(fields, key, "true or false", Value::as_bool);
        let raw = RawOptions {
            shadow: flag("shadow")?,
            inject_styles: flag("injectStyles")?,
            translations: given(fields, "translations", "an object", |v| {
                let mut custom = CustomTranslations::new();
                for (lang, partial) in v.as_object()? {
                    custom.insert(lang, partial.clone());
                }
                Some(custom)
            })?,
            translations_location: text("translationsLocation")?,
            languages_location: text("languagesLocation")?,
            fallback_language: text("fallbackLanguage")?,
            storage_key: text("storageKey")?,
            session_token_location: text("sessionTokenLocation")?,
            cookie_same_site: text("cookieSameSite")?,
            cookie_domain: text("cookieDomain")?,
            session_check_interval: given(
                fields,
                "sessionCheckInterval",
                "a number",
                Value::as_f64,
            )?,
            debug: flag("debug")?,
            hide_passkey_button_on_login: flag("hidePasskeyButtonOnLogin")?,
        };
        Self::from_raw(raw)
    }

    fn from_raw(raw: RawOptions) -> Result<Self, OptionsError> {
        let defaults = Self::default();
        let non_empty = |field: &str, value: Option<String>, default: String| match value {
            None => Ok(default),
            Some(v) if v.trim().is_empty() => {
                Err(OptionsError(format!("`{field}` must not be empty")))
            }
            Some(v) => Ok(v.trim().to_owned()),
        };
        let cookie_same_site = match raw.cookie_same_site {
            None => None,
            Some(v) => match v.trim().to_ascii_lowercase().as_str() {
                value @ ("lax" | "strict" | "none") => Some(value.to_owned()),
                _ => {
                    return Err(OptionsError(format!(
                        "`cookieSameSite` must be \"lax\", \"strict\" or \"none\", not {}",
                        json_text(&Value::from(v))
                    )))
                }
            },
        };
        let session_token_location = match raw.session_token_location.as_deref().map(str::trim) {
            None | Some("cookie") => SessionTokenLocation::Cookie,
            Some("sessionStorage") => SessionTokenLocation::SessionStorage,
            Some(other) => {
                return Err(OptionsError(format!(
                    "`sessionTokenLocation` must be \"cookie\" or \"sessionStorage\", not {}",
                    json_text(&Value::from(other))
                )))
            }
        };
        let session_check_interval = match raw.session_check_interval {
            None => defaults.session_check_interval,
            Some(ms) if ms.is_finite() && ms >= 0.0 => {
                (ms.min(f64::from(u32::MAX)) as u32).max(Self::MIN_SESSION_CHECK_INTERVAL)
            }
            Some(_) => {
                return Err(OptionsError(
                    "`sessionCheckInterval` must be a non-negative number of milliseconds"
                        .to_owned(),
                ))
            }
        };
        Ok(RegisterOptions {
            shadow: raw.shadow.unwrap_or(defaults.shadow),
            inject_styles: raw.inject_styles.unwrap_or(defaults.inject_styles),
            translations: raw.translations.unwrap_or_default(),
            translations_location: location(raw.translations_location),
            languages_location: location(raw.languages_location),
            fallback_language: non_empty(
                "fallbackLanguage",
                raw.fallback_language,
                defaults.fallback_language,
            )?,
            storage_key: non_empty("storageKey", raw.storage_key, defaults.storage_key)?,
            session_token_location,
            cookie_same_site,
            cookie_domain: raw.cookie_domain.filter(|d| !d.trim().is_empty()),
            session_check_interval,
            debug: raw.debug.unwrap_or(defaults.debug),
            hide_passkey_button_on_login: raw
                .hide_passkey_button_on_login
                .unwrap_or(defaults.hide_passkey_button_on_login),
        })
    }
}

/// The option `key` read by `read`: `None` when absent or `null`, an error naming the option and
/// what it must be (`what`) when `read` cannot read it.
fn given<T>(
    fields: &Map<String, Value>,
    key: &str,
    what: &str,
    read: fn(&Value) -> Option<T>,
) -> Result<Option<T>, OptionsError> {
    match fields.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => read(value).map(Some).ok_or_else(|| {
            OptionsError(format!("`{key}` must be {what}, not {}", json_text(value)))
        }),
    }
}

/// A location option without its trailing slashes; blank means none.
fn location(value: Option<String>) -> Option<String> {
    value
        .map(|l| l.trim().trim_end_matches('/').to_owned())
        .filter(|l| !l.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_null_give_defaults() {
        assert_eq!(
            RegisterOptions::from_json("").unwrap(),
            RegisterOptions::default()
        );
        assert_eq!(
            RegisterOptions::from_json("null").unwrap(),
            RegisterOptions::default()
        );
        assert_eq!(
            RegisterOptions::from_json("{}").unwrap(),
            RegisterOptions::default()
        );
    }

    #[test]
    fn every_option_is_read() {
        let options = RegisterOptions::from_json(
            r#"{
                "shadow": false, "injectStyles": false,
                "translations": {"de": {"labels": {"sign_out": "Tschüss"}}},
                "fallbackLanguage": "de", "storageKey": "acme",
                "sessionTokenLocation": "sessionStorage", "cookieSameSite": "Strict",
                "cookieDomain": "example.com", "sessionCheckInterval": 60000,
                "translationsLocation": "/i18n/",
                "languagesLocation": "https://cdn.example.com/hanko/i18n/"
            }"#,
        )
        .unwrap();
        assert!(!options.shadow);
        assert!(!options.inject_styles);
        assert!(!options.translations.is_empty());
        assert_eq!(options.fallback_language, "de");
        assert_eq!(options.storage_key, "acme");
        assert_eq!(
            options.session_token_location,
            SessionTokenLocation::SessionStorage
        );
        assert_eq!(options.cookie_same_site.as_deref(), Some("strict"));
        assert_eq!(options.cookie_domain.as_deref(), Some("example.com"));
        assert_eq!(options.session_check_interval, 60_000);
        assert_eq!(options.translations_location.as_deref(), Some("/i18n"));
        assert_eq!(
            options.languages_location.as_deref(),
            Some("https://cdn.example.com/hanko/i18n")
        );
    }

    #[test]
    fn custom_translations_reach_the_resolved_strings() {
        let options = RegisterOptions::from_json(
            r#"{"translations": {"en": {"states": {"login_init": {"headline": "Welcome"}}}}}"#,
        )
        .unwrap();
        let t = crate::i18n::resolve("en", &options.fallback_language, &options.translations);
        assert_eq!(t.text("states.login_init.headline"), "Welcome");
    }

    #[test]
    fn unknown_options_and_nulls_are_ignored() {
        let options = RegisterOptions::from_json(
            r#"{"enablePasskeys": false, "translations": null, "shadow": null,
                "translationsLocation": null, "hidePasskeyButtonOnLogin": null}"#,
        )
        .unwrap();
        assert_eq!(options, RegisterOptions::default());
        let hidden = RegisterOptions::from_json(r#"{"hidePasskeyButtonOnLogin": true}"#).unwrap();
        assert!(hidden.hide_passkey_button_on_login);
    }

    #[test]
    fn interval_is_clamped_like_hanko_elements() {
        let options = RegisterOptions::from_json(r#"{"sessionCheckInterval": 10}"#).unwrap();
        assert_eq!(options.session_check_interval, 3_000);
    }

    #[test]
    fn bad_types_are_clear_errors() {
        for (json, needle) in [
            (
                r#"{"shadow": "yes"}"#,
                r#"`shadow` must be true or false, not "yes""#,
            ),
            (
                r#"{"storageKey": 5}"#,
                "`storageKey` must be a string, not 5",
            ),
            (
                r#"{"sessionTokenLocation": "localStorage"}"#,
                "sessionTokenLocation",
            ),
            (r#"{"cookieSameSite": "sometimes"}"#, "cookieSameSite"),
            (r#"{"storageKey": " "}"#, "storageKey"),
            (r#"{"sessionCheckInterval": -1}"#, "sessionCheckInterval"),
            (
                r#"{"translations": ["en"]}"#,
                r#"`translations` must be an object, not ["en"]"#,
            ),
            (
                r#"{"sessionCheckInterval": "60s"}"#,
                "`sessionCheckInterval` must be a number",
            ),
            ("[1, 2]", "expected an object"),
            ("42", "expected an object"),
            ("{", "not JSON (line 1, column 1)"),
        ] {
            let err = RegisterOptions::from_json(json).unwrap_err().to_string();
            assert!(
                err.starts_with("hanko-elements: invalid register options: "),
                "{err}"
            );
            assert!(err.contains(needle), "{json}: {err}");
        }
    }
}
