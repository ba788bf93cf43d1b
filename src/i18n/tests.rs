use super::keys::{KEYS, PLURAL_KEYS};
use super::*;

use crate::errors::FailureKind;
use serde_json::json;

/// Every string of a translation with its key.
fn strings(t: &Translation) -> Vec<(String, String)> {
    t.strings
        .iter()
        .map(|(key, text)| (key.clone(), text.clone()))
        .collect()
}

/// The keys a built-in language must have: every plain key and its plural forms.
fn wanted_keys(lang: Lang) -> Vec<String> {
    let mut keys = layout(lang);
    keys.sort_unstable();
    keys
}

/// The English template whose placeholders a key must keep (a plural form: the English `other`).
fn english_for(key: &str) -> String {
    let english = Lang::english();
    let plural = PLURAL_KEYS.iter().find(|base| {
        key.strip_prefix(**base)
            .is_some_and(|rest| rest.starts_with('.'))
    });
    match plural {
        Some(base) => english.text(&format!("{base}.other")),
        None => english.get(key).unwrap_or_default().to_owned(),
    }
}

/// Strings that may be identical to English in some language (names, loan words, short words).
const ALLOWED_SAME: &[&str] = &[
    "labels.details",
    "labels.description",
    "inputs.code.label",
    "inputs.password.label",
    "actions.continue_to_otp_secret_creation",
];

#[test]
fn every_language_has_exactly_the_declared_keys() {
    let mut declared: Vec<&str> = KEYS.to_vec();
    declared.sort_unstable();
    declared.dedup();
    assert_eq!(declared.len(), KEYS.len(), "a key is declared twice");
    for lang in Lang::ALL {
        let have: Vec<String> = lang
            .translation()
            .expect("compiled in")
            .keys()
            .map(str::to_owned)
            .collect();
        assert_eq!(have, wanted_keys(lang), "{}", lang.code());
    }
}

#[test]
fn every_string_keeps_the_english_placeholders() {
    for lang in Lang::ALL {
        for (key, text) in strings(lang.translation().expect("compiled in")) {
            assert!(!text.trim().is_empty(), "{}: {key} is empty", lang.code());
            let en = english_for(&key);
            let mut want = placeholders(&en);
            let mut got = placeholders(&text);
            want.sort_unstable();
            got.sort_unstable();
            // The singular, dual and zero forms may spell the number out ("1 second").
            let spelled = [".zero", ".one", ".two"].iter().any(|s| key.ends_with(s));
            if !spelled || !got.is_empty() {
                assert_eq!(got, want, "{}: {key} = {text:?}", lang.code());
            }
            let en_same_key = Lang::english().get(&key).unwrap_or_default();
            assert_eq!(
                text.matches('{').count(),
                text.matches('}').count(),
                "{}: {key}",
                lang.code()
            );
            if lang != Lang::En {
                let same_words = text == en_same_key && !ALLOWED_SAME.contains(&key.as_str());
                let short = text.chars().count() <= 4;
                assert!(
                    !same_words || short,
                    "{}: {key} is still English: {text:?}",
                    lang.code()
                );
            }
        }
    }
}

#[test]
fn microsoft_wording_rules() {
    for lang in Lang::ALL {
        for (key, text) in strings(lang.translation().expect("compiled in")) {
            for forbidden in [
                "Azure",
                "Active Directory",
                "Entra ID",
                "Microsoft Entra",
                "AAD",
            ] {
                assert!(
                    !text.contains(forbidden),
                    "{}: {key} says {forbidden}",
                    lang.code()
                );
            }
        }
        let t = lang.translation().expect("compiled in");
        let sign_in = t.text("labels.sign_in_with_microsoft");
        let sign_up = t.text("labels.sign_up_with_microsoft");
        assert!(sign_in.contains("Microsoft"), "{}", lang.code());
        assert!(sign_up.contains("Microsoft"), "{}", lang.code());
        assert_ne!(sign_in, sign_up, "{}", lang.code());
    }
    let work_or_school = [
        (Lang::En, "work or school account"),
        (Lang::De, "Geschäfts-, Schul- oder Unikonto"),
        (Lang::Fr, "compte professionnel ou scolaire"),
        (Lang::Es, "cuenta profesional o educativa"),
        (Lang::It, "account aziendale o dell'istituto di istruzione"),
        (Lang::Nl, "werk- of schoolaccount"),
        (Lang::PtBr, "conta corporativa ou de estudante"),
        (Lang::Pl, "konta służbowego lub szkolnego"),
        (Lang::Ja, "職場または学校アカウント"),
        (Lang::Zh, "工作或学校帐户"),
        (Lang::Ar, "حساب العمل أو المؤسسة التعليمية"),
        (Lang::He, "חשבון עבודה או בית ספר"),
        (Lang::Ko, "회사 또는 학교 계정"),
        (Lang::Tr, "ş veya okul hesab"),
        (Lang::Sv, "arbets- eller skolkonto"),
        (Lang::Da, "arbejds- eller skolekonto"),
        (Lang::Nb, "jobb- eller skolekonto"),
        (Lang::Uk, "робоч"),
        (Lang::Cs, "pracovn"),
        (Lang::Id, "akun kantor atau sekolah"),
    ];
    for (lang, term) in work_or_school {
        let t = lang.translation().expect("compiled in");
        for key in [
            "errors.needs_admin_approval.text",
            "errors.account_not_allowed.text",
        ] {
            let text = t.text(key);
            assert!(text.contains(term), "{}: {text}", lang.code());
        }
    }
}

#[test]
fn every_failure_kind_has_its_own_message() {
    let t = Lang::english();
    let mut titles = Vec::new();
    for kind in FailureKind::ALL.iter().copied() {
        let title = t.get(&format!("errors.{}.title", kind.name()));
        let text = t.get(&format!("errors.{}.text", kind.name()));
        assert!(title.is_some() && text.is_some(), "{kind:?}");
        titles.extend(title);
    }
    titles.sort_unstable();
    titles.dedup();
    assert_eq!(titles.len(), FailureKind::ALL.len());
}

#[test]
fn language_tags() {
    let table: &[(&str, Option<Lang>)] = &[
        ("en", Some(Lang::En)),
        ("EN-us", Some(Lang::En)),
        ("de-DE", Some(Lang::De)),
        ("de_CH", Some(Lang::De)),
        ("fr", Some(Lang::Fr)),
        ("es-419", Some(Lang::Es)),
        ("it", Some(Lang::It)),
        ("nl-BE", Some(Lang::Nl)),
        ("pt-BR", Some(Lang::PtBr)),
        ("ptBR", Some(Lang::PtBr)),
        ("pt", Some(Lang::PtBr)),
        ("pt-br", Some(Lang::PtBr)),
        ("pl", Some(Lang::Pl)),
        ("ja-JP", Some(Lang::Ja)),
        ("zh", Some(Lang::Zh)),
        ("zh-CN", Some(Lang::Zh)),
        ("zh-Hans", Some(Lang::Zh)),
        ("zh-Hans-CN", Some(Lang::Zh)),
        ("ar-EG", Some(Lang::Ar)),
        ("he", Some(Lang::He)),
        ("iw-IL", Some(Lang::He)),
        ("ko-KR", Some(Lang::Ko)),
        ("tr", Some(Lang::Tr)),
        ("sv-FI", Some(Lang::Sv)),
        ("da", Some(Lang::Da)),
        ("nb-NO", Some(Lang::Nb)),
        ("no", Some(Lang::Nb)),
        ("uk-UA", Some(Lang::Uk)),
        ("cs", Some(Lang::Cs)),
        ("id-ID", Some(Lang::Id)),
        ("in", Some(Lang::Id)),
        ("zh-TW", None),
        ("zh-Hant", None),
        (" de ", Some(Lang::De)),
        ("", None),
        ("xx", None),
        ("english", None),
        ("d", None),
    ];
    for (tag, lang) in table {
        assert_eq!(Lang::parse(tag), *lang, "{tag:?}");
        assert_eq!(lookup(tag).is_some(), lang.is_some());
    }
    for lang in Lang::ALL {
        assert_eq!(Lang::parse(lang.code()), Some(lang));
    }
}

#[test]
fn resolve_merges_custom_builtin_and_fallback() {
    let custom = CustomTranslations::from_json(
        &json!({
            "de": {"labels": {"sign_out": "Tschüss", "try_again": 5}},
            "ptBR": {"states": {"login_init": {"headline": "Bem-vindo"}}},
            "ga": {"labels": {"sign_out": "Sínigh amach"}, "errors": {"cancelled": {"title": "Cealaithe"}}},
            "en": {"labels": {"or": "OR"}, "actions.skip": "Not now"},
            "fr": "not an object"
        })
        .to_string(),
    )
    .unwrap();
    let de_builtin = Lang::De.translation().expect("compiled in");

    // Custom wins, built-in fills the rest, wrong types are ignored.
    let de = resolve("de-DE", "en", &custom);
    assert_eq!(de.text("labels.sign_out"), "Tschüss");
    assert_eq!(
        de.text("labels.try_again"),
        de_builtin.text("labels.try_again")
    );
    assert_eq!(
        de.text("labels.or"),
        de_builtin.text("labels.or"),
        "custom fallback does not beat built-in lang"
    );

    // Alias keys.
    for tag in ["pt-BR", "pt"] {
        assert_eq!(
            resolve(tag, "en", &custom).text("states.login_init.headline"),
            "Bem-vindo"
        );
    }

    // A language without built-in strings: custom, then the fallback language (custom then built-in).
    let ga = resolve("ga-IE", "en", &custom);
    assert_eq!(ga.text("labels.sign_out"), "Sínigh amach");
    assert_eq!(ga.text("errors.cancelled.title"), "Cealaithe");
    assert_eq!(
        ga.text("errors.cancelled.text"),
        Lang::english().text("errors.cancelled.text")
    );
    assert_eq!(ga.text("labels.or"), "OR");
    assert_eq!(ga.text("actions.skip"), "Not now", "flat keys work too");
    let ga_de = resolve("ga", "de", &custom);
    assert_eq!(
        ga_de.text("labels.try_again"),
        de_builtin.text("labels.try_again")
    );

    // Garbage in both: English.
    assert_eq!(
        resolve("", "", &CustomTranslations::new()).strings,
        Lang::english().strings
    );
    assert_eq!(
        resolve("fr", "de", &custom).strings,
        Lang::Fr.translation().expect("compiled in").strings
    );

    // Exact key beats alias key.
    let mut both = CustomTranslations::new();
    both.insert("pt", json!({"labels": {"or": "alias"}}));
    both.insert("pt-BR", json!({"labels": {"or": "exact"}}));
    assert_eq!(resolve("pt-BR", "en", &both).text("labels.or"), "exact");
}

#[test]
fn every_string_can_be_overridden_by_its_json_path() {
    for (path, _) in strings(Lang::english()) {
        let keys: Vec<&str> = path.split('.').collect();
        let mut partial = json!("custom");
        for key in keys.iter().rev() {
            partial = json!({ *key: partial });
        }
        let mut custom = CustomTranslations::new();
        custom.insert("en", partial);
        let changed = strings(&resolve("en", "en", &custom));
        for (other, text) in changed {
            assert_eq!(text == "custom", other == path, "{path} changed {other}");
        }
    }
}

#[test]
fn custom_strings_name_states_the_element_does_not_know() {
    let custom = CustomTranslations::from_json(
        r#"{"en": {"states": {"favourite_colour": {"headline": "Pick a colour"}}}}"#,
    )
    .unwrap();
    let t = resolve("en", "en", &custom);
    assert_eq!(t.text("states.favourite_colour.headline"), "Pick a colour");
    assert_eq!(
        Lang::En
            .translation()
            .expect("compiled in")
            .text("states.favourite_colour.headline"),
        "Favourite colour"
    );
}

#[test]
fn readable_fallbacks_from_names() {
    let t = Lang::english();
    assert_eq!(t.text("actions.choose_a_planet"), "Choose a planet");
    assert_eq!(t.text("inputs.shoe_size.label"), "Shoe size");
    assert_eq!(t.text("errors.moon_not_full"), "Moon not full");
    assert_eq!(t.text("errors.moon.title"), "Moon");
    assert_eq!(
        t.first_of(&[
            "states.mfa_security_key_creation.actions.webauthn_generate_creation_options",
            "actions.webauthn_generate_creation_options"
        ]),
        "Create a security key"
    );
    assert_eq!(
        t.first_of(&[
            "states.onboarding_create_passkey.actions.webauthn_generate_creation_options",
            "actions.webauthn_generate_creation_options"
        ]),
        "Create a passkey"
    );
    assert_eq!(t.first_of(&["states.x.actions.y", "actions.y"]), "Y");
    assert_eq!(readable("_odd__name_"), "Odd  name");
}

#[test]
fn plural_rules() {
    let forms = |lang: Lang| -> Vec<&'static str> {
        [0, 1, 2, 4, 5, 12, 14, 21, 22, 25, 112]
            .into_iter()
            .map(|n| plural_form(Some(lang), n).suffix())
            .collect()
    };
    assert_eq!(
        forms(Lang::Pl),
        ["many", "one", "few", "few", "many", "many", "many", "many", "few", "many", "many"]
    );
    assert_eq!(forms(Lang::Fr)[..3], ["one", "one", "other"]);
    assert_eq!(forms(Lang::En)[..3], ["other", "one", "other"]);
    assert!(forms(Lang::Ja).iter().all(|f| *f == "other"));
    let de = Lang::De.translation().expect("compiled in");
    assert_eq!(
        de.plural("labels.try_again_in", 1),
        "In 1 Sekunde erneut versuchen"
    );
    assert_eq!(
        de.plural("labels.try_again_in", 30),
        "In 30 Sekunden erneut versuchen"
    );
    assert_eq!(
        Lang::Zh
            .translation()
            .expect("compiled in")
            .plural("labels.try_again_in", 1),
        "1 秒后重试"
    );
    assert_eq!(
        Lang::english().plural("texts.unknown_countdown", 3),
        "Unknown countdown"
    );
}

#[test]
fn plural_rules_of_the_added_languages() {
    const SAMPLES: [u64; 16] = [0, 1, 2, 3, 4, 5, 10, 11, 12, 14, 21, 22, 99, 100, 102, 111];
    let forms = |lang: Lang| -> Vec<&'static str> {
        SAMPLES
            .into_iter()
            .map(|n| plural_form(Some(lang), n).suffix())
            .collect()
    };
    let cases: [(Lang, [&str; 16]); 10] = [
        (
            Lang::Ar,
            [
                "zero", "one", "two", "few", "few", "few", "few", "many", "many", "many", "many",
                "many", "many", "other", "other", "many",
            ],
        ),
        (
            Lang::He,
            [
                "other", "one", "two", "other", "other", "other", "other", "other", "other",
                "other", "other", "other", "other", "other", "other", "other",
            ],
        ),
        (
            Lang::Uk,
            [
                "many", "one", "few", "few", "few", "many", "many", "many", "many", "many", "one",
                "few", "many", "many", "few", "many",
            ],
        ),
        (
            Lang::Cs,
            [
                "other", "one", "few", "few", "few", "other", "other", "other", "other", "other",
                "other", "other", "other", "other", "other", "other",
            ],
        ),
        (Lang::Ko, ["other"; 16]),
        (Lang::Id, ["other"; 16]),
        (Lang::Tr, one_or_other()),
        (Lang::Sv, one_or_other()),
        (Lang::Da, one_or_other()),
        (Lang::Nb, one_or_other()),
    ];
    for (lang, want) in cases {
        assert_eq!(forms(lang), want, "{}", lang.code());
    }
    let ar = Lang::Ar.translation().expect("compiled in");
    assert_eq!(
        ar.plural("texts.resend_in", 2),
        "يمكنك طلب رمز جديد بعد ثانيتين."
    );
    assert_eq!(
        ar.plural("labels.try_again_in", 5),
        "أعد المحاولة بعد 5 ثوانٍ"
    );
    assert_eq!(
        ar.plural("labels.try_again_in", 30),
        "أعد المحاولة بعد 30 ثانية"
    );
    let uk = Lang::Uk.translation().expect("compiled in");
    assert_eq!(
        uk.plural("labels.try_again_in", 21),
        "Спробуйте ще раз через 21 секунду"
    );
    assert_eq!(
        uk.plural("labels.try_again_in", 30),
        "Спробуйте ще раз через 30 секунд"
    );
    assert_eq!(
        Lang::He
            .translation()
            .expect("compiled in")
            .plural("labels.try_again_in", 30),
        "אפשר לנסות שוב בעוד 30 שניות"
    );
    assert_eq!(
        Lang::Cs
            .translation()
            .expect("compiled in")
            .plural("texts.resend_in", 3),
        "O nový kód můžete požádat za 3 sekundy."
    );
}

/// English-like rules: `one` for 1, `other` for the samples of
/// `plural_rules_of_the_added_languages`.
const fn one_or_other() -> [&'static str; 16] {
    let mut forms = ["other"; 16];
    forms[1] = "one";
    forms
}

#[test]
fn every_form_a_rule_picks_has_strings() {
    for lang in Lang::ALL {
        for count in 0..=1000 {
            let form = plural_form(Some(lang), count);
            assert!(
                lang.plural_forms().contains(&form),
                "{}: {count} is {form:?}",
                lang.code()
            );
        }
    }
}

#[test]
fn direction_follows_the_language() {
    for (tag, dir) in [
        ("ar", "rtl"),
        ("ar-SA", "rtl"),
        ("AR_eg", "rtl"),
        ("he", "rtl"),
        ("he-IL", "rtl"),
        ("iw", "rtl"),
        ("fa-IR", "rtl"),
        ("ur", "rtl"),
        ("en", "ltr"),
        ("de-DE", "ltr"),
        ("ja", "ltr"),
        ("arn", "ltr"),
        ("hei", "ltr"),
        ("", "ltr"),
        ("  ", "ltr"),
        ("-ar", "ltr"),
    ] {
        assert_eq!(text_direction(tag), dir, "{tag:?}");
    }
    for lang in Lang::ALL {
        let want = if matches!(lang, Lang::Ar | Lang::He) {
            "rtl"
        } else {
            "ltr"
        };
        assert_eq!(text_direction(lang.code()), want, "{}", lang.code());
    }
}

#[test]
fn fill_placeholders() {
    assert_eq!(
        fill("Sign in with {provider}", &[("provider", "Microsoft")]),
        "Sign in with Microsoft"
    );
    assert_eq!(fill("{a}{b}{a}", &[("a", "1"), ("b", "2")]), "121");
    assert_eq!(fill("{missing} {", &[("provider", "x")]), "{missing} {");
    assert_eq!(fill("}{", &[]), "}{");
    assert_eq!(fill("{{provider}}", &[("provider", "x")]), "{x}");
    assert_eq!(fill("", &[]), "");
    assert_eq!(fill("日本{seconds}語", &[("seconds", "5")]), "日本5語");
    assert_eq!(placeholders("{a} {b} {a} {} {not valid} {"), vec!["a", "b"]);
}

#[test]
fn filled_templates_leave_no_placeholder() {
    let args = [
        ("provider", "Microsoft"),
        ("seconds", "30"),
        ("email", "a@b.example"),
    ];
    for lang in Lang::ALL {
        for (key, text) in strings(lang.translation().expect("compiled in")) {
            let filled = fill(&text, &args);
            assert!(placeholders(&filled).is_empty(), "{}: {key}", lang.code());
        }
    }
}

#[test]
fn every_input_error_code_has_its_message() {
    for code in crate::errors::INPUT_ERROR_CODES {
        let key = format!("errors.{code}");
        assert!(KEYS.contains(&key.as_str()), "{key} is not declared");
    }
}
