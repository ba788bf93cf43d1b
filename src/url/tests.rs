use super::*;

use proptest::prelude::*;

struct Case {
    href: &'static str,
    token: Option<&'static str>,
    error: Option<(&'static str, Option<&'static str>, Option<&'static str>)>,
    cleaned: &'static str,
}

const fn case(
    href: &'static str,
    token: Option<&'static str>,
    error: Option<(&'static str, Option<&'static str>, Option<&'static str>)>,
    cleaned: &'static str,
) -> Case {
    Case {
        href,
        token,
        error,
        cleaned,
    }
}

#[test]
fn table() {
    let cases = [
        // Nothing to do: the input comes back unchanged.
        case("https://app.example/", None, None, "https://app.example/"),
        case("https://app.example/p?a=1&b=2#f", None, None, "https://app.example/p?a=1&b=2#f"),
        case("", None, None, ""),
        case("/relative?x", None, None, "/relative?x"),
        case("?error_x=1&xerror=2", None, None, "?error_x=1&xerror=2"),
        // Success.
        case(
            "https://app.example/login?hanko_token=AbC_-12%3D",
            Some("AbC_-12="),
            None,
            "https://app.example/login",
        ),
        case(
            "https://app.example/login?lang=de&hanko_token=t0k3n%3D&next=%2Fhome#pane",
            Some("t0k3n="),
            None,
            "https://app.example/login?lang=de&next=%2Fhome#pane",
        ),
        // Proper error query, `+` is a space, order of the rest kept.
        case(
            "https://app.example/p?z=9&error=access_denied&a=1&error_description=AADSTS65004%3A+User+declined&error_uri=https%3A%2F%2Flogin.microsoftonline.com%2Ferror%3Fcode%3D65004&m=%E2%9C%93",
            None,
            Some((
                "access_denied",
                Some("AADSTS65004: User declined"),
                Some("https://login.microsoftonline.com/error?code=65004"),
            )),
            "https://app.example/p?z=9&a=1&m=%E2%9C%93",
        ),
        // Hanko's double-`?` form.
        case(
            "https://app.example/page?keep=1?error=access_denied&error_description=User+cancelled",
            None,
            Some(("access_denied", Some("User cancelled"), None)),
            "https://app.example/page?keep=1",
        ),
        case(
            "https://app.example/page?keep=1&also=2?error=server_error&error_description=an+internal+error+has+occurred",
            None,
            Some(("server_error", Some("an internal error has occurred"), None)),
            "https://app.example/page?keep=1&also=2",
        ),
        // A `?` inside a value is not a separator.
        case(
            "https://app.example/p?next=/a?b=1&error=x",
            None,
            Some(("x", None, None)),
            "https://app.example/p?next=/a?b=1",
        ),
        // Errors inside the fragment.
        case(
            "https://app.example/page#section?error=access_denied&error_description=no",
            None,
            Some(("access_denied", Some("no"), None)),
            "https://app.example/page#section",
        ),
        case(
            "https://app.example/page?keep=1#section?error=user_conflict&error_description=a+user+with+this+email+already+exists",
            None,
            Some(("user_conflict", Some("a user with this email already exists"), None)),
            "https://app.example/page?keep=1#section",
        ),
        case(
            "https://app.example/page#error=consent_required&error_description=AADSTS65001",
            None,
            Some(("consent_required", Some("AADSTS65001"), None)),
            "https://app.example/page",
        ),
        case(
            "https://app.example/app#/route?tab=2?error=login_required",
            None,
            Some(("login_required", None, None)),
            "https://app.example/app#/route?tab=2",
        ),
        case(
            "https://app.example/app#/route?error=login_required&tab=2",
            None,
            Some(("login_required", None, None)),
            "https://app.example/app#/route?tab=2",
        ),
        // A fragment that merely mentions the words is left alone.
        case("/p#error", None, None, "/p#error"),
        case("/p#how-to?error", None, None, "/p#how-to?error"),
        // Query wins over the fragment; first occurrence wins.
        case(
            "/p?error=first&error=second#error=third",
            None,
            Some(("first", None, None)),
            "/p",
        ),
        // Empty or malformed values: removed, but not reported.
        case("/p?error=&x=1", None, None, "/p?x=1"),
        case("/p?error&x=1", None, None, "/p?x=1"),
        case("/p?hanko_token=&x=1", None, None, "/p?x=1"),
        case("/p?hanko_token=%3Cscript%3E", None, None, "/p"),
        // Encoded keys are keys too.
        case("/p?error%5Fdescription=d&%65rror=e", None, Some(("e", Some("d"), None)), "/p"),
        // Broken percent sequences and invalid UTF-8 do not panic.
        case(
            "/p?error=bad%zz%&error_description=%FF%FE%C3",
            None,
            Some(("bad%zz%", Some("\u{FFFD}\u{FFFD}\u{FFFD}"), None)),
            "/p",
        ),
        // Stray separators.
        case("/p?&error=x&&y=1&", None, Some(("x", None, None)), "/p?y=1"),
        case("/p?error=x#", None, Some(("x", None, None)), "/p"),
    ];
    for c in cases {
        let r = parse_return(c.href);
        assert_eq!(r.token.as_deref(), c.token, "token of {}", c.href);
        let error = r
            .error
            .as_ref()
            .map(|e| (e.code.as_str(), e.description.as_deref(), e.uri.as_deref()));
        assert_eq!(error, c.error, "error of {}", c.href);
        assert_eq!(r.cleaned_href, c.cleaned, "cleaned of {}", c.href);
        assert_eq!(
            r.needs_cleaning,
            c.href != c.cleaned,
            "needs_cleaning of {}",
            c.href
        );
        let again = parse_return(&r.cleaned_href);
        assert!(
            !again.needs_cleaning,
            "cleaned {} still has parameters",
            r.cleaned_href
        );
    }
}

#[test]
fn values_are_bounded() {
    let long = "x".repeat(10_000);
    let href =
        format!("/p?error={long}&error_description={long}&error_uri={long}&hanko_token={long}");
    let r = parse_return(&href);
    let e = r.error.unwrap();
    assert_eq!(e.code.len(), 256);
    assert_eq!(e.description.map(|d| d.len()), Some(4096));
    assert_eq!(e.uri.map(|u| u.len()), Some(2048));
    assert_eq!(r.token, None, "over-long token is refused");
    assert_eq!(r.cleaned_href, "/p");

    let multibyte = "%E6%97%A5".repeat(5000);
    let r = parse_return(&format!("/p?error_description={multibyte}&error=x"));
    assert_eq!(
        r.error.unwrap().description.map(|d| d.chars().count()),
        Some(4096)
    );
}

#[test]
fn decode_examples() {
    assert_eq!(decode(""), "");
    assert_eq!(decode("%"), "%");
    assert_eq!(decode("%4"), "%4");
    assert_eq!(decode("%41%4a%4A"), "AJJ");
    assert_eq!(decode("a+%2B"), "a +");
    assert_eq!(decode("%E2%82"), "\u{FFFD}");
}

fn unrelated_key() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9_]{0,8}".prop_filter("not one of ours", |k| !KEYS.contains(&k.as_str()))
}

/// Query values as a browser writes them: unreserved characters and percent escapes.
fn value() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof!["[A-Za-z0-9._~/:-]", "%[0-9A-F]{2}", Just("+".to_owned())],
        0..8,
    )
    .prop_map(|parts| parts.concat())
}

fn error_params() -> impl Strategy<Value = String> {
    ("[a-z_]{1,20}", value())
        .prop_map(|(code, description)| format!("error={code}&error_description={description}"))
}

proptest! {
    #[test]
    fn never_panics(input in ".{0,400}") {
        let r = parse_return(&input);
        let again = parse_return(&r.cleaned_href);
        prop_assert!(!again.needs_cleaning, "{:?} → {:?}", input, r.cleaned_href);
        prop_assert_eq!(parse_return(&again.cleaned_href).cleaned_href, again.cleaned_href);
        if !r.needs_cleaning {
            prop_assert_eq!(r.cleaned_href, input);
        }
    }

    #[test]
    fn never_panics_on_url_like_input(input in "[a-z:/.?#&=%+_A-F0-9]{0,200}") {
        let r = parse_return(&input);
        prop_assert!(!parse_return(&r.cleaned_href).needs_cleaning);
    }

    #[test]
    fn cleaning_keeps_everything_else(
        params in proptest::collection::vec((unrelated_key(), value()), 0..5),
        fragment in proptest::option::of("[A-Za-z0-9/_-]{1,12}"),
        form in 0usize..5,
        error in error_params(),
        token in "[A-Za-z0-9_-]{1,43}=",
    ) {
        let query: Vec<String> = params.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let query = query.join("&");
        let base = if query.is_empty() { "https://app.example/p".to_owned() } else { format!("https://app.example/p?{query}") };
        let with_fragment = |s: String| match &fragment { Some(f) => format!("{s}#{f}"), None => s };
        let joiner = if query.is_empty() { "?" } else { "&" };
        let href = match form {
            // Proper query (what a correct backend would send).
            0 => with_fragment(format!("{base}{joiner}{error}")),
            // Hanko's "%s?%s" onto an address with a query.
            1 => with_fragment(format!("{base}?{error}")),
            // Hanko's "%s?%s" onto an address with a fragment.
            2 => format!("{}?{error}", with_fragment(base.clone())),
            // Token in the query (success).
            3 => with_fragment(format!("{base}{joiner}hanko_token={}", token.replace('=', "%3D"))),
            // Error parameters first, the rest after them.
            _ => with_fragment(if query.is_empty() { format!("https://app.example/p?{error}") } else { format!("https://app.example/p?{error}&{query}") }),
        };
        let r = parse_return(&href);
        prop_assert!(r.needs_cleaning);
        prop_assert_eq!(r.cleaned_href.clone(), with_fragment(base));
        if form == 3 {
            prop_assert_eq!(r.token, Some(token));
        } else {
            prop_assert!(r.error.is_some());
        }
        prop_assert!(!parse_return(&r.cleaned_href).needs_cleaning);
    }
}
