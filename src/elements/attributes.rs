//! The element's observed attributes, parsed without ever failing.

use crate::flow::model::FlowName;
pub use crate::flow::model::Theme;
use crate::flow::view::Prefill;

/// The attributes `<hanko-auth>` observes.
pub const OBSERVED: [&str; 6] = [
    "api",
    "lang",
    "mode",
    "theme",
    "prefilled-email",
    "prefilled-username",
];

/// Reads a `mode` attribute value: `registration` (case-insensitive) or else `login`.
///
/// ```
/// use hanko_elements::elements::attributes::parse_mode;
/// use hanko_elements::flow::model::FlowName;
/// assert_eq!(parse_mode(Some("registration")), FlowName::Registration);
/// assert_eq!(parse_mode(Some("garbage")), FlowName::Login);
/// ```
pub fn parse_mode(value: Option<&str>) -> FlowName {
    match value.map(|v| v.trim().to_ascii_lowercase()).as_deref() {
        Some("registration") => FlowName::Registration,
        _ => FlowName::Login,
    }
}

/// The current values of the observed attributes of one element (absent = `None`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attributes {
    /// `api`: overrides the API URL given to `register`.
    pub api: Option<String>,
    /// `lang`: the language tag, e.g. `de` or `pt-BR`.
    pub lang: Option<String>,
    /// `mode`: `login` or `registration`.
    pub mode: Option<String>,
    /// `theme`: `light`, `dark` or absent.
    pub theme: Option<String>,
    /// `prefilled-email`: the email the first screen's email input starts with.
    pub prefilled_email: Option<String>,
    /// `prefilled-username`: the username the first screen's username input starts with.
    pub prefilled_username: Option<String>,
}

impl Attributes {
    /// Records a changed attribute; unknown names are ignored.
    pub fn set(&mut self, name: &str, value: Option<String>) {
        match name {
            "api" => self.api = value,
            "lang" => self.lang = value,
            "mode" => self.mode = value,
            "theme" => self.theme = value,
            "prefilled-email" => self.prefilled_email = value,
            "prefilled-username" => self.prefilled_username = value,
            _ => {}
        }
    }

    /// The flow for an element with tag name `tag`: `hanko-login` and `hanko-registration` are
    /// fixed, `hanko-auth` follows its `mode` attribute (falling back to login).
    pub fn flow(&self, tag: &str) -> FlowName {
        match tag {
            "hanko-login" => FlowName::Login,
            "hanko-registration" => FlowName::Registration,
            _ => parse_mode(self.mode.as_deref()),
        }
    }

    /// The `api` attribute when it is a non-empty string, else `registered`.
    pub fn api_or(&self, registered: &str) -> String {
        match self.api.as_deref().map(str::trim) {
            Some(api) if !api.is_empty() => api.to_owned(),
            _ => registered.to_owned(),
        }
    }

    /// What to prefill on the first screens: the non-empty `prefilled-email` and
    /// `prefilled-username`, trimmed.
    ///
    /// ```
    /// use hanko_elements::elements::attributes::Attributes;
    /// let mut attributes = Attributes::default();
    /// attributes.set("prefilled-email", Some(" pat@contoso.example ".into()));
    /// attributes.set("prefilled-username", Some("  ".into()));
    /// let prefill = attributes.prefill();
    /// assert_eq!(prefill.email.as_deref(), Some("pat@contoso.example"));
    /// assert_eq!(prefill.username, None);
    /// ```
    pub fn prefill(&self) -> Prefill {
        let clean = |value: &Option<String>| {
            value
                .as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        Prefill {
            email: clean(&self.prefilled_email),
            username: clean(&self.prefilled_username),
        }
    }

    /// The `lang` attribute when non-empty, else `fallback`.
    pub fn lang_or(&self, fallback: &str) -> String {
        match self.lang.as_deref().map(str::trim) {
            Some(lang) if !lang.is_empty() => lang.to_owned(),
            _ => fallback.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mode_falls_back_to_login() {
        for value in [
            None,
            Some(""),
            Some("signup"),
            Some("LOGIN"),
            Some("registrationx"),
        ] {
            assert_eq!(parse_mode(value), FlowName::Login, "{value:?}");
        }
        assert_eq!(parse_mode(Some(" Registration ")), FlowName::Registration);
    }

    #[test]
    fn tag_fixes_the_flow() {
        let mut attrs = Attributes::default();
        attrs.set("mode", Some("registration".into()));
        assert_eq!(attrs.flow("hanko-auth"), FlowName::Registration);
        assert_eq!(attrs.flow("hanko-login"), FlowName::Login);
        attrs.set("mode", None);
        assert_eq!(attrs.flow("hanko-registration"), FlowName::Registration);
    }

    #[test]
    fn empty_api_and_lang_use_the_defaults() {
        let mut attrs = Attributes::default();
        attrs.set("api", Some("  ".into()));
        attrs.set("lang", Some(String::new()));
        attrs.set("unknown", Some("x".into()));
        assert_eq!(
            attrs.api_or("http://127.0.0.1:8000"),
            "http://127.0.0.1:8000"
        );
        assert_eq!(attrs.lang_or("en"), "en");
        attrs.set("api", Some("https://auth.example".into()));
        attrs.set("lang", Some("de".into()));
        assert_eq!(attrs.api_or("x"), "https://auth.example");
        assert_eq!(attrs.lang_or("en"), "de");
    }

    #[test]
    fn theme_values() {
        assert_eq!(Theme::parse(None), Theme::Auto);
        assert_eq!(Theme::parse(Some("LIGHT")), Theme::Light);
        assert_eq!(Theme::Dark.as_str(), "dark");
    }
}
