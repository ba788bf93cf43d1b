use super::*;

use serde_json::json;

/// Every string of a translation with its JSON path, e.g. `("labels.sign_out", "Sign out")`.
fn strings(t: &Translation) -> Vec<(String, String)> {
    fn walk(prefix: &str, value: &Value, out: &mut Vec<(String, String)>) {
        match value {
            Value::Object(map) => {
                for (key, value) in map {
                    let path = if prefix.is_empty() {
                        key.clone()
                    } else {
                        format!("{prefix}.{key}")
                    };
                    walk(&path, value, out);
                }
            }
            Value::String(s) => out.push((prefix.to_owned(), s.clone())),
            other => panic!("unexpected value at {prefix}: {other}"),
        }
    }
    let mut out = Vec::new();
    walk("", &serde_json::to_value(t).unwrap(), &mut out);
    out
}

#[test]
fn every_language_has_every_string_with_the_same_placeholders() {
    let english = strings(Lang::En.translation());
    assert!(english.len() > 60, "{} strings", english.len());
    for lang in Lang::ALL {
        let other = strings(lang.translation());
        assert_eq!(other.len(), english.len(), "{}", lang.code());
        for ((path, en), (other_path, text)) in english.iter().zip(&other) {
            assert_eq!(path, other_path);
            assert!(!text.trim().is_empty(), "{}: {path} is empty", lang.code());
            let mut want = placeholders(en);
            let mut got = placeholders(text);
            want.sort_unstable();
            got.sort_unstable();
            assert_eq!(got, want, "{}: {path} = {text:?}", lang.code());
            assert_eq!(
                text.matches('{').count(),
                text.matches('}').count(),
                "{}: {path}",
                lang.code()
            );
            if lang != Lang::En {
                assert!(
                    text != en || ALLOWED_SAME.contains(&path.as_str()),
                    "{}: {path} is still English: {text:?}",
                    lang.code()
                );
            }
        }
    }
}

/// Strings that may be identical to English in some language (names and loan words).
const ALLOWED_SAME: &[&str] = &["labels.details", "labels.description"];

#[test]
fn microsoft_wording_rules() {
    for lang in Lang::ALL {
        for (path, text) in strings(lang.translation()) {
            for forbidden in [
                "Azure",
                "Active Directory",
                "Entra ID",
                "Microsoft Entra",
                "AAD",
            ] {
                assert!(
                    !text.contains(forbidden),
                    "{}: {path} says {forbidden}",
                    lang.code()
                );
            }
        }
        let t = lang.translation();
        assert!(
            t.labels.sign_in_with_microsoft.contains("Microsoft"),
            "{}",
            lang.code()
        );
        assert!(
            t.labels.sign_up_with_microsoft.contains("Microsoft"),
            "{}",
            lang.code()
        );
        assert_ne!(
            t.labels.sign_in_with_microsoft,
            t.labels.sign_up_with_microsoft,
            "{}",
            lang.code()
        );
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
    ];
    for (lang, term) in work_or_school {
        let errors = &lang.translation().errors;
        assert!(
            errors.needs_admin_approval.text.contains(term),
            "{}: {}",
            lang.code(),
            errors.needs_admin_approval.text
        );
        assert!(
            errors.account_not_allowed.text.contains(term),
            "{}: {}",
            lang.code(),
            errors.account_not_allowed.text
        );
    }
}

#[test]
fn every_failure_kind_has_its_own_message() {
    let t = Lang::En.translation();
    let value = serde_json::to_value(&t.errors).unwrap();
    for kind in FailureKind::ALL {
        let message = t.errors.message(kind);
        assert_eq!(
            value[kind.name()]["title"],
            message.title.as_str(),
            "{kind:?}"
        );
    }
    let mut titles: Vec<&str> = FailureKind::ALL
        .iter()
        .map(|k| t.errors.message(*k).title.as_str())
        .collect();
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
            "de": {"labels": {"sign_out": "Tschüss", "try_again": 5, "unknown_key": "x"}},
            "ptBR": {"headlines": {"sign_in": "Bem-vindo"}},
            "ko": {"labels": {"sign_out": "로그아웃"}, "errors": {"cancelled": {"title": "취소됨"}}},
            "en": {"labels": {"or": "OR"}},
            "fr": "not an object"
        })
        .to_string(),
    )
    .unwrap();

    // Custom wins, built-in fills the rest, wrong types and unknown keys are ignored.
    let de = resolve("de-DE", "en", &custom);
    assert_eq!(de.labels.sign_out, "Tschüss");
    assert_eq!(de.labels.try_again, Lang::De.translation().labels.try_again);
    assert_eq!(
        de.labels.or,
        Lang::De.translation().labels.or,
        "custom fallback does not beat built-in lang"
    );

    // Alias keys.
    assert_eq!(
        resolve("pt-BR", "en", &custom).headlines.sign_in,
        "Bem-vindo"
    );
    assert_eq!(resolve("pt", "en", &custom).headlines.sign_in, "Bem-vindo");

    // A language without built-in strings: custom, then the fallback language (custom then built-in).
    let ko = resolve("ko-KR", "en", &custom);
    assert_eq!(ko.labels.sign_out, "로그아웃");
    assert_eq!(ko.errors.cancelled.title, "취소됨");
    assert_eq!(
        ko.errors.cancelled.text,
        Lang::En.translation().errors.cancelled.text
    );
    assert_eq!(ko.labels.or, "OR");
    let ko_de = resolve("ko", "de", &custom);
    assert_eq!(
        ko_de.labels.try_again,
        Lang::De.translation().labels.try_again
    );

    // Garbage in both: English.
    assert_eq!(
        &resolve("", "", &CustomTranslations::new()),
        Lang::En.translation()
    );
    assert_eq!(&resolve("fr", "en", &custom), Lang::Fr.translation());

    // Exact key beats alias key.
    let mut both = CustomTranslations::new();
    both.insert("pt", json!({"labels": {"or": "alias"}}));
    both.insert("pt-BR", json!({"labels": {"or": "exact"}}));
    assert_eq!(resolve("pt-BR", "en", &both).labels.or, "exact");
}

#[test]
fn every_string_can_be_overridden_by_its_json_path() {
    for (path, _) in strings(Lang::En.translation()) {
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
        ("state", "passcode_confirmation"),
    ];
    for lang in Lang::ALL {
        for (path, text) in strings(lang.translation()) {
            let filled = fill(&text, &args);
            assert!(placeholders(&filled).is_empty(), "{}: {path}", lang.code());
        }
    }
}
