//! Language files: a built-in language's strings as a small JSON file, so that a build can leave
//! a language out (cargo features `lang-<code>`) and load it when a page uses it.
//!
//! A file holds the strings in the order of the language's [`layout`] (every key of
//! [`KEYS`], then each key of [`PLURAL_KEYS`] in each plural form the language has), without the
//! keys themselves, which keeps each file at about 2–3 KB gzip. Its `layout` field is a
//! fingerprint of that key list, so a file written for another version of the element is refused
//! instead of putting strings in the wrong places.
//!
//! ```
//! use hanko_elements::i18n::{install_language_file, language_file, Lang};
//!
//! let json = language_file(Lang::De).unwrap();
//! assert!(json.starts_with(r#"{"lang":"de","layout":""#));
//! // A build with German compiled in already has it; installing again changes nothing.
//! assert_eq!(install_language_file(Lang::De, &json), Ok(()));
//! assert!(install_language_file(Lang::De, r#"{"lang":"de","layout":"0","strings":[]}"#).is_err());
//! ```

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::keys::{KEYS, PLURAL_KEYS};
use super::{Lang, Translation};

/// The keys of a language file for `lang`, in file order.
///
/// ```
/// use hanko_elements::i18n::{layout, Lang};
/// let keys = layout(Lang::Ar);
/// assert!(keys.contains(&"texts.resend_in.zero".to_owned()));
/// assert!(!layout(Lang::De).contains(&"texts.resend_in.zero".to_owned()));
/// ```
pub fn layout(lang: Lang) -> Vec<String> {
    let mut keys: Vec<String> = KEYS.iter().map(|key| (*key).to_owned()).collect();
    for key in PLURAL_KEYS {
        for form in lang.plural_forms() {
            keys.push(format!("{key}.{}", form.suffix()));
        }
    }
    keys
}

/// The fingerprint of a layout: FNV-1a (32 bits, hexadecimal) over the keys, each followed by a
/// line break.
fn fingerprint(keys: &[String]) -> String {
    let mut hash: u32 = 0x811c_9dc5;
    for key in keys {
        for byte in key.bytes().chain(std::iter::once(b'\n')) {
            hash ^= u32::from(byte);
            hash = hash.wrapping_mul(0x0100_0193);
        }
    }
    format!("{hash:08x}")
}

/// A language file as it is stored: `{"lang": <tag>, "layout": <fingerprint>, "strings": [...]}`.
struct LanguageFile {
    /// The language's tag (as [`Lang::code`]).
    lang: String,
    /// The fingerprint of the layout the strings follow.
    layout: String,
    /// The strings in layout order; `null` where the language has none.
    strings: Vec<Option<String>>,
}

impl LanguageFile {
    /// Reads a file's JSON; `None` unless it has all three fields, with their types.
    fn read(json: &str) -> Option<LanguageFile> {
        let value: Value = serde_json::from_str(json).ok()?;
        let text = |key: &str| value.get(key)?.as_str().map(str::to_owned);
        let strings = value
            .get("strings")?
            .as_array()?
            .iter()
            .map(|text| match text {
                Value::Null => Some(None),
                Value::String(text) => Some(Some(text.clone())),
                _ => None,
            })
            .collect::<Option<Vec<_>>>()?;
        Some(LanguageFile {
            lang: text("lang")?,
            layout: text("layout")?,
            strings,
        })
    }

    /// The file's JSON.
    fn to_json(&self) -> String {
        let file = json!({"lang": self.lang, "layout": self.layout, "strings": self.strings});
        // Writing a `Value` fails only for non-string map keys, which a `Value` cannot have.
        serde_json::to_string(&file).unwrap_or_default()
    }
}

/// The language file of a language compiled into this build (`None` for one that is not).
pub fn language_file(lang: Lang) -> Option<String> {
    let translation = lang.translation()?;
    let keys = layout(lang);
    let file = LanguageFile {
        lang: lang.code().to_owned(),
        layout: fingerprint(&keys),
        strings: keys
            .iter()
            .map(|key| translation.get(key).map(str::to_owned))
            .collect(),
    };
    Some(file.to_json())
}

/// Why a language file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LanguageFileError {
    /// Not JSON of the expected shape.
    Malformed,
    /// For another language than the one asked for.
    OtherLanguage,
    /// Written for another version's key list.
    OtherLayout,
}

/// Reads a language file for `lang` and makes its strings the built-in strings of `lang` for the
/// rest of the page's life. A language that has its strings already (compiled in, or installed
/// before) keeps them.
pub fn install_language_file(lang: Lang, json: &str) -> Result<(), LanguageFileError> {
    lang.install(read_language_file(lang, json)?);
    Ok(())
}

/// The strings of a language file for `lang`.
fn read_language_file(lang: Lang, json: &str) -> Result<Translation, LanguageFileError> {
    let file = LanguageFile::read(json).ok_or(LanguageFileError::Malformed)?;
    if Lang::parse(&file.lang) != Some(lang) {
        return Err(LanguageFileError::OtherLanguage);
    }
    let keys = layout(lang);
    if file.layout != fingerprint(&keys) || file.strings.len() != keys.len() {
        return Err(LanguageFileError::OtherLayout);
    }
    let mut strings = BTreeMap::new();
    for (key, text) in keys.into_iter().zip(file.strings) {
        if let Some(text) = text {
            strings.insert(key, text);
        }
    }
    Ok(Translation {
        plural: Some(lang),
        strings,
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn all_compiled() -> Vec<Lang> {
        Lang::ALL
            .into_iter()
            .filter(|lang| lang.translation().is_some())
            .collect()
    }

    #[test]
    fn every_compiled_language_reads_back_from_its_file() {
        for lang in all_compiled() {
            let json = language_file(lang).expect("compiled in");
            let read = read_language_file(lang, &json).expect("its own file");
            assert_eq!(Some(&read), lang.translation(), "{}", lang.code());
        }
    }

    #[test]
    fn files_for_another_language_or_layout_are_refused() {
        let english = language_file(Lang::En).expect("always compiled in");
        assert_eq!(
            read_language_file(Lang::Fr, &english),
            Err(LanguageFileError::OtherLanguage)
        );
        let mut file = LanguageFile::read(&english).expect("JSON");
        file.strings.pop();
        let short = file.to_json();
        assert_eq!(
            read_language_file(Lang::En, &short),
            Err(LanguageFileError::OtherLayout)
        );
        file.strings.push(None);
        file.layout = "00000000".to_owned();
        let other = file.to_json();
        assert_eq!(
            read_language_file(Lang::En, &other),
            Err(LanguageFileError::OtherLayout)
        );
        for malformed in ["", "[]", "{\"lang\": \"en\"}", "<html>"] {
            assert_eq!(
                read_language_file(Lang::En, malformed),
                Err(LanguageFileError::Malformed),
                "{malformed}"
            );
        }
    }

    #[test]
    fn a_missing_string_stays_missing() {
        let mut file =
            LanguageFile::read(&language_file(Lang::En).expect("compiled in")).expect("JSON");
        file.strings[0] = None;
        let read = read_language_file(Lang::En, &file.to_json()).expect("valid");
        assert_eq!(read.get(KEYS[0]), None);
        assert_eq!(read.get(KEYS[1]), Lang::english().get(KEYS[1]));
    }

    #[test]
    fn the_layout_fingerprint_follows_every_key() {
        let keys = layout(Lang::En);
        let mut renamed = keys.clone();
        renamed[3].push('x');
        assert_ne!(fingerprint(&keys), fingerprint(&renamed));
        let mut reordered = keys.clone();
        reordered.swap(0, 1);
        assert_ne!(fingerprint(&keys), fingerprint(&reordered));
    }

    /// Without the German feature, German is unknown until its file is installed, then built in.
    #[cfg(not(feature = "lang-de"))]
    #[test]
    fn a_language_left_out_is_built_in_once_installed() {
        assert!(crate::i18n::lookup("de").is_none());
        let mut file =
            LanguageFile::read(&language_file(Lang::En).expect("compiled in")).expect("JSON");
        file.lang = "de".to_owned();
        file.layout = fingerprint(&layout(Lang::De));
        file.strings = layout(Lang::De)
            .iter()
            .map(|key| Some(format!("de:{key}")))
            .collect();
        let json = file.to_json();
        assert_eq!(install_language_file(Lang::De, &json), Ok(()));
        let german = crate::i18n::lookup("de-AT").expect("installed");
        assert_eq!(german.get("actions.back"), Some("de:actions.back"));
        let resolved = crate::i18n::resolve("de", "en", &Default::default());
        assert_eq!(resolved.text("actions.back"), "de:actions.back");
        assert_eq!(
            resolved.plural("texts.resend_in", 1),
            "de:texts.resend_in.one"
        );
    }
}
