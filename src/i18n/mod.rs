//! Every string the element shows, in twenty languages, with partial overrides supplied at runtime.
//!
//! Strings are addressed by dotted keys, all declared in [`keys`]; flow strings are derived from
//! the names Hanko sends (`states.<state>.headline`, `actions.<action>`, `inputs.<input>.label`,
//! `errors.<code>`), so a state Hanko adds later needs only a translation block. A key without a
//! string shows a readable form of its name instead ("favourite_colour" → "Favourite colour").
//! One file per built-in language: English is always compiled in, every other language with its
//! cargo feature `lang-<code>` (`all-languages`, the default, has them all); a build without one
//! loads it on demand from a language file ([`file`]). A `lang` plus a fallback language; and partial custom
//! translations keyed by language ([`CustomTranslations`]), written nested
//! (`{"labels": {"sign_out": "Log out"}}`) or flat (`{"labels.sign_out": "Log out"}`), that win
//! over the built-in strings. Templates carry `{provider}`, `{seconds}` or `{email}`
//! placeholders, filled with [`fill`].
//!
//! ```
//! use hanko_elements::i18n::{fill, resolve, CustomTranslations};
//!
//! let custom = CustomTranslations::from_json(r#"{"de": {"labels": {"sign_out": "Tschüss"}}}"#).unwrap();
//! let t = resolve("de-DE", "en", &custom);
//! assert_eq!(t.text("labels.sign_out"), "Tschüss");
//! assert_eq!(fill(&t.text("labels.sign_in_with"), &[("provider", "GitHub")]), "Mit GitHub anmelden");
//! assert_eq!(t.text("states.favourite_colour.headline"), "Favourite colour");
//! ```

#[cfg(feature = "lang-ar")]
mod ar;
#[cfg(feature = "lang-cs")]
mod cs;
#[cfg(feature = "lang-da")]
mod da;
#[cfg(feature = "lang-de")]
mod de;
mod en;
#[cfg(feature = "lang-es")]
mod es;
pub mod file;
#[cfg(feature = "lang-fr")]
mod fr;
#[cfg(feature = "lang-he")]
mod he;
#[cfg(feature = "lang-id")]
mod id;
#[cfg(feature = "lang-it")]
mod it;
#[cfg(feature = "lang-ja")]
mod ja;
pub mod keys;
#[cfg(feature = "lang-ko")]
mod ko;
#[cfg(feature = "lang-nb")]
mod nb;
#[cfg(feature = "lang-nl")]
mod nl;
#[cfg(feature = "lang-pl")]
mod pl;
#[cfg(feature = "lang-pt-br")]
mod pt_br;
#[cfg(feature = "lang-sv")]
mod sv;
#[cfg(feature = "lang-tr")]
mod tr;
#[cfg(feature = "lang-uk")]
mod uk;
#[cfg(feature = "lang-zh")]
mod zh;

pub use file::{install_language_file, language_file, layout, LanguageFileError};

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A plural form, as CLDR names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PluralForm {
    /// Arabic 0.
    Zero,
    /// Singular (`1` in most languages; `0` and `1` in French).
    One,
    /// Arabic and Hebrew 2.
    Two,
    /// Polish, Ukrainian and Czech 2–4 (Polish and Ukrainian not 12–14, 22–24, …); Arabic 3–10
    /// (and 103–110, …).
    Few,
    /// Polish and Ukrainian 0, 5–21, 25–31, …; Arabic 11–99 (and 111–199, …).
    Many,
    /// Everything else (the only form in Japanese, Chinese, Korean and Indonesian).
    Other,
}

impl PluralForm {
    /// The key suffix: `zero`, `one`, `two`, `few`, `many`, `other`.
    pub fn suffix(self) -> &'static str {
        match self {
            PluralForm::Zero => "zero",
            PluralForm::Two => "two",
            PluralForm::One => "one",
            PluralForm::Few => "few",
            PluralForm::Many => "many",
            PluralForm::Other => "other",
        }
    }
}

/// All strings of the element in one language: key → string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Translation {
    /// The language whose plural rules apply.
    plural: Option<Lang>,
    /// The strings.
    strings: BTreeMap<String, String>,
}

impl Translation {
    /// The string at `key`, if there is one.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.strings.get(key).map(String::as_str)
    }

    /// The string at `key`, or a readable form of the name in the key when there is none
    /// (see [`readable`]).
    ///
    /// ```
    /// use hanko_elements::i18n::Lang;
    /// let t = Lang::english();
    /// assert_eq!(t.text("actions.back"), "Back");
    /// assert_eq!(t.text("inputs.favourite_colour.label"), "Favourite colour");
    /// ```
    pub fn text(&self, key: &str) -> String {
        match self.get(key) {
            Some(text) => text.to_owned(),
            None => readable(key_name(key)),
        }
    }

    /// The first of `keys` that has a string, else the readable form of the last key's name.
    pub fn first_of(&self, keys: &[&str]) -> String {
        keys.iter()
            .find_map(|key| self.get(key))
            .map(str::to_owned)
            .unwrap_or_else(|| readable(key_name(keys.last().copied().unwrap_or_default())))
    }

    /// The plural form of `key` for `count` (`<key>.one`, `<key>.few`, …, falling back to
    /// `<key>.other`), with `{seconds}` and `{count}` filled in.
    ///
    /// ```
    /// use hanko_elements::i18n::Lang;
    /// let pl = Lang::Pl.translation().unwrap();
    /// assert_eq!(pl.plural("texts.resend_in", 3), "Nowy kod możesz poprosić za 3 sekundy.");
    /// assert_eq!(pl.plural("texts.resend_in", 5), "Nowy kod możesz poprosić za 5 sekund.");
    /// assert_eq!(Lang::english().plural("texts.resend_in", 1), "You can ask for a new code in 1 second.");
    /// ```
    pub fn plural(&self, key: &str, count: u64) -> String {
        let form = plural_form(self.plural, count);
        let template = self
            .get(&format!("{key}.{}", form.suffix()))
            .or_else(|| self.get(&format!("{key}.other")))
            .map(str::to_owned)
            .unwrap_or_else(|| readable(key_name(key)));
        let count = count.to_string();
        fill(&template, &[("seconds", &count), ("count", &count)])
    }

    /// Every key with a string, in key order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.strings.keys().map(String::as_str)
    }

    fn from_pairs(lang: Lang, pairs: &[(&str, &str)]) -> Translation {
        let mut strings = BTreeMap::new();
        for (key, text) in pairs {
            strings.insert((*key).to_owned(), (*text).to_owned());
        }
        Translation {
            plural: Some(lang),
            strings,
        }
    }

    /// Overlays another language's strings (its plural rules win too).
    fn overlay_builtin(&mut self, other: &Translation) {
        self.plural = other.plural;
        for (key, text) in &other.strings {
            self.strings.insert(key.clone(), text.clone());
        }
    }

    /// Overlays a partial translation: nested objects and dotted keys both name a key; strings
    /// replace strings; values of another JSON type are ignored.
    fn overlay(&mut self, partial: &Value) {
        fn walk(prefix: &str, value: &Value, strings: &mut BTreeMap<String, String>) {
            match value {
                Value::Object(entries) => {
                    for (key, value) in entries {
                        let path = if prefix.is_empty() {
                            key.clone()
                        } else {
                            format!("{prefix}.{key}")
                        };
                        walk(&path, value, strings);
                    }
                }
                Value::String(text) if !prefix.is_empty() => {
                    strings.insert(prefix.to_owned(), text.clone());
                }
                _ => {}
            }
        }
        if partial.is_object() {
            walk("", partial, &mut self.strings);
        }
    }
}

/// The name a key is about: `states.login_init.headline` → `login_init`, `actions.back` → `back`.
fn key_name(key: &str) -> &str {
    const ROLES: [&str; 10] = [
        "headline", "text", "label", "title", "zero", "one", "two", "few", "many", "other",
    ];
    let mut parts = key.rsplit('.');
    let last = parts.next().unwrap_or_default();
    if ROLES.contains(&last) {
        parts.next().unwrap_or(last)
    } else {
        last
    }
}

/// A readable label from a snake_case name: an ASCII first letter upper-case (names on the wire
/// are ASCII; others stay as they are), `_` and `-` as spaces.
///
/// ```
/// use hanko_elements::i18n::readable;
/// assert_eq!(readable("favourite_colour"), "Favourite colour");
/// assert_eq!(readable("otp_code"), "Otp code");
/// assert_eq!(readable("élan_vital"), "élan vital");
/// assert_eq!(readable(""), "");
/// ```
pub fn readable(name: &str) -> String {
    let mut spaced = name.replace(['_', '-'], " ").trim().to_owned();
    if let Some(first) = spaced.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    spaced
}

/// The plural form of `count` in `lang` (English rules when unknown), following CLDR's rules for
/// whole numbers.
fn plural_form(lang: Option<Lang>, count: u64) -> PluralForm {
    match lang {
        Some(Lang::Ja | Lang::Zh | Lang::Ko | Lang::Id) => PluralForm::Other,
        Some(Lang::Fr) if count <= 1 => PluralForm::One,
        Some(Lang::Pl) => match (count % 10, count % 100) {
            _ if count == 1 => PluralForm::One,
            (2..=4, rest) if !(12..=14).contains(&rest) => PluralForm::Few,
            _ => PluralForm::Many,
        },
        Some(Lang::Uk) => match (count % 10, count % 100) {
            (1, rest) if rest != 11 => PluralForm::One,
            (2..=4, rest) if !(12..=14).contains(&rest) => PluralForm::Few,
            _ => PluralForm::Many,
        },
        Some(Lang::Cs) => match count {
            1 => PluralForm::One,
            2..=4 => PluralForm::Few,
            _ => PluralForm::Other,
        },
        Some(Lang::Ar) => match (count, count % 100) {
            (0, _) => PluralForm::Zero,
            (1, _) => PluralForm::One,
            (2, _) => PluralForm::Two,
            (_, 3..=10) => PluralForm::Few,
            (_, 11..=99) => PluralForm::Many,
            _ => PluralForm::Other,
        },
        Some(Lang::He) => match count {
            1 => PluralForm::One,
            2 => PluralForm::Two,
            _ => PluralForm::Other,
        },
        _ if count == 1 => PluralForm::One,
        _ => PluralForm::Other,
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
    /// Arabic (`ar`), written right to left.
    Ar,
    /// Hebrew (`he`), written right to left.
    He,
    /// Korean (`ko`).
    Ko,
    /// Turkish (`tr`).
    Tr,
    /// Swedish (`sv`).
    Sv,
    /// Danish (`da`).
    Da,
    /// Norwegian Bokmål (`nb`).
    Nb,
    /// Ukrainian (`uk`).
    Uk,
    /// Czech (`cs`).
    Cs,
    /// Indonesian (`id`).
    Id,
}

impl Lang {
    /// Every built-in language, English first.
    pub const ALL: [Lang; 20] = [
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
        Lang::Ar,
        Lang::He,
        Lang::Ko,
        Lang::Tr,
        Lang::Sv,
        Lang::Da,
        Lang::Nb,
        Lang::Uk,
        Lang::Cs,
        Lang::Id,
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
            Lang::Ar => "ar",
            Lang::He => "he",
            Lang::Ko => "ko",
            Lang::Tr => "tr",
            Lang::Sv => "sv",
            Lang::Da => "da",
            Lang::Nb => "nb",
            Lang::Uk => "uk",
            Lang::Cs => "cs",
            Lang::Id => "id",
        }
    }

    /// Resolves a language tag to a built-in language, case-insensitively: `de-DE` → `de`,
    /// `pt-BR` / `ptBR` / `pt` / `pt_br` → `pt-BR`, `zh` / `zh-CN` / `zh-Hans` → `zh`, the
    /// legacy `iw` → `he` and `in` → `id`, and `no` / `nb-NO` → `nb`.
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
            "ar" => Some(Lang::Ar),
            "he" | "iw" => Some(Lang::He),
            "ko" => Some(Lang::Ko),
            "tr" => Some(Lang::Tr),
            "sv" => Some(Lang::Sv),
            "da" => Some(Lang::Da),
            "nb" | "no" => Some(Lang::Nb),
            "uk" => Some(Lang::Uk),
            "cs" => Some(Lang::Cs),
            "id" | "in" => Some(Lang::Id),
            _ => None,
        }
    }

    /// The plural forms this language's strings have for each key of [`keys::PLURAL_KEYS`].
    pub fn plural_forms(self) -> &'static [PluralForm] {
        match self {
            Lang::Ja | Lang::Zh | Lang::Ko | Lang::Id => &[PluralForm::Other],
            Lang::Ar => &[
                PluralForm::Zero,
                PluralForm::One,
                PluralForm::Two,
                PluralForm::Few,
                PluralForm::Many,
                PluralForm::Other,
            ],
            Lang::He => &[PluralForm::One, PluralForm::Two, PluralForm::Other],
            Lang::Cs => &[PluralForm::One, PluralForm::Few, PluralForm::Other],
            Lang::Pl | Lang::Uk => &[
                PluralForm::One,
                PluralForm::Few,
                PluralForm::Many,
                PluralForm::Other,
            ],
            _ => &[PluralForm::One, PluralForm::Other],
        }
    }

    /// The built-in strings of this language: compiled in (English always, the others with their
    /// cargo feature `lang-<code>`, all by default), or installed from a language file
    /// ([`install_language_file`]); `None` for a language that is neither (yet).
    pub fn translation(self) -> Option<&'static Translation> {
        let cell = &TRANSLATIONS[self.index()];
        if let Some(translation) = cell.get() {
            return Some(translation);
        }
        let pairs = self.compiled_strings()?;
        Some(cell.get_or_init(|| Translation::from_pairs(self, pairs)))
    }

    /// English's strings, which every build has.
    pub fn english() -> &'static Translation {
        TRANSLATIONS[0].get_or_init(|| Translation::from_pairs(Lang::En, en::STRINGS))
    }

    /// Makes `translation` this language's built-in strings, unless it has some already.
    fn install(self, translation: Translation) {
        let _ = TRANSLATIONS[self.index()].set(translation);
    }

    fn index(self) -> usize {
        Lang::ALL.iter().position(|l| *l == self).unwrap_or(0)
    }

    /// The strings compiled into this build for this language.
    fn compiled_strings(self) -> Option<&'static [(&'static str, &'static str)]> {
        match self {
            Lang::En => Some(en::STRINGS),
            #[cfg(feature = "lang-ar")]
            Lang::Ar => Some(ar::STRINGS),
            #[cfg(feature = "lang-cs")]
            Lang::Cs => Some(cs::STRINGS),
            #[cfg(feature = "lang-da")]
            Lang::Da => Some(da::STRINGS),
            #[cfg(feature = "lang-de")]
            Lang::De => Some(de::STRINGS),
            #[cfg(feature = "lang-es")]
            Lang::Es => Some(es::STRINGS),
            #[cfg(feature = "lang-fr")]
            Lang::Fr => Some(fr::STRINGS),
            #[cfg(feature = "lang-he")]
            Lang::He => Some(he::STRINGS),
            #[cfg(feature = "lang-id")]
            Lang::Id => Some(id::STRINGS),
            #[cfg(feature = "lang-it")]
            Lang::It => Some(it::STRINGS),
            #[cfg(feature = "lang-ja")]
            Lang::Ja => Some(ja::STRINGS),
            #[cfg(feature = "lang-ko")]
            Lang::Ko => Some(ko::STRINGS),
            #[cfg(feature = "lang-nb")]
            Lang::Nb => Some(nb::STRINGS),
            #[cfg(feature = "lang-nl")]
            Lang::Nl => Some(nl::STRINGS),
            #[cfg(feature = "lang-pl")]
            Lang::Pl => Some(pl::STRINGS),
            #[cfg(feature = "lang-pt-br")]
            Lang::PtBr => Some(pt_br::STRINGS),
            #[cfg(feature = "lang-sv")]
            Lang::Sv => Some(sv::STRINGS),
            #[cfg(feature = "lang-tr")]
            Lang::Tr => Some(tr::STRINGS),
            #[cfg(feature = "lang-uk")]
            Lang::Uk => Some(uk::STRINGS),
            #[cfg(feature = "lang-zh")]
            Lang::Zh => Some(zh::STRINGS),
            #[allow(unreachable_patterns)]
            _ => None,
        }
    }
}

/// Each built-in language's strings, once compiled in or installed.
static TRANSLATIONS: [OnceLock<Translation>; 20] = [const { OnceLock::new() }; 20];

/// The writing direction for a language tag, as the HTML `dir` attribute spells it: `"rtl"` for
/// languages written right to left (Arabic, Hebrew, and Persian, Urdu, Pashto, Yiddish, Dhivehi,
/// Sorani Kurdish, Sindhi, Uyghur and Syriac for sites that bring their own strings), `"ltr"` for
/// everything else, including an empty or malformed tag.
///
/// ```
/// use hanko_elements::i18n::text_direction;
/// assert_eq!(text_direction("ar-EG"), "rtl");
/// assert_eq!(text_direction("HE"), "rtl");
/// assert_eq!(text_direction("de"), "ltr");
/// assert_eq!(text_direction(""), "ltr");
/// ```
pub fn text_direction(tag: &str) -> &'static str {
    const RTL: [&str; 12] = [
        "ar", "he", "iw", "fa", "ur", "ps", "yi", "dv", "ckb", "sd", "ug", "syr",
    ];
    let tag = normalise_tag(tag);
    let primary = tag.split('-').next().unwrap_or_default();
    if RTL.contains(&primary) {
        "rtl"
    } else {
        "ltr"
    }
}

/// The built-in strings for a language tag (see [`Lang::parse`] for the accepted forms).
///
/// ```
/// use hanko_elements::i18n::lookup;
/// assert_eq!(lookup("fr-CA").unwrap().text("labels.sign_in_with_microsoft"), "Se connecter avec Microsoft");
/// assert!(lookup("xx").is_none());
/// ```
pub fn lookup(lang: &str) -> Option<&'static Translation> {
    Lang::parse(lang).and_then(Lang::translation)
}

/// Partial translations supplied by the site, keyed by language tag (like hanko-elements'
/// `translations` option). Each value is a JSON object shaped like [`Translation`] in which any
/// key may be missing.
///
/// ```
/// use hanko_elements::i18n::CustomTranslations;
/// let custom = CustomTranslations::from_json(r#"{"en": {"states": {"login_init": {"headline": "Welcome"}}}}"#).unwrap();
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
/// Custom values are merged key by key; a value that is not a string is ignored.
///
/// ```
/// use hanko_elements::i18n::{resolve, CustomTranslations};
/// let custom = CustomTranslations::from_json(r#"{"ga": {"labels": {"sign_out": "Sínigh amach"}}}"#).unwrap();
/// let t = resolve("ga-IE", "de", &custom);
/// assert_eq!(t.text("labels.sign_out"), "Sínigh amach");
/// assert_eq!(t.text("labels.try_again"), "Erneut versuchen");
/// ```
pub fn resolve(lang: &str, fallback: &str, custom: &CustomTranslations) -> Translation {
    let mut merged = Lang::english().clone();
    if let Some(builtin) = lookup(fallback) {
        merged.overlay_builtin(builtin);
    }
    for partial in custom.matching(fallback) {
        merged.overlay(partial);
    }
    if let Some(builtin) = lookup(lang) {
        merged.overlay_builtin(builtin);
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

/// The built-in languages' contents: run with every language compiled in.
#[cfg(all(test, not(target_arch = "wasm32"), feature = "all-languages"))]
mod tests;
