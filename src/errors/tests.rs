use super::sanitize::{self, MAX_DESCRIPTION_CHARS};
use super::*;

use FailureKind as K;
use Recovery as R;

const MS_TAIL: &str = " Trace ID: 0b1c2d3e-0000-4000-8000-000000000001 Correlation ID: 7d2e3f40-0000-4000-8000-000000000002 Timestamp: 2024-05-01 10:00:00Z";

fn ms(aadsts: &str, text: &str) -> String {
    format!("AADSTS{aadsts}: {text}{MS_TAIL}")
}

#[test]
fn redirect_codes_without_aadsts() {
    let table: &[(&str, Option<&str>, FailureKind, Recovery)] = &[
        ("access_denied", None, K::Cancelled, R::Retry),
        (
            "consent_required",
            None,
            K::NeedsAdminApproval,
            R::SignInAnotherWay,
        ),
        ("interaction_required", None, K::MoreStepsNeeded, R::Retry),
        ("login_required", None, K::MoreStepsNeeded, R::Retry),
        (
            "temporarily_unavailable",
            None,
            K::ProviderUnavailable,
            R::Retry,
        ),
        (
            "unauthorized_client",
            None,
            K::Misconfigured,
            R::ContactSupport,
        ),
        (
            "unsupported_response_type",
            None,
            K::Misconfigured,
            R::ContactSupport,
        ),
        (
            "invalid_resource",
            None,
            K::Misconfigured,
            R::ContactSupport,
        ),
        (
            "invalid_request",
            Some("could not exchange authorization code for access token"),
            K::InvalidRequest,
            R::Retry,
        ),
        (
            "server_error",
            Some("an internal error has occurred"),
            K::ServerError,
            R::Retry,
        ),
        (
            "user_conflict",
            Some("a user with this email already exists"),
            K::UserConflict,
            R::SignInAnotherWay,
        ),
        (
            "multiple_accounts",
            None,
            K::MultipleAccounts,
            R::UseAnotherAccount,
        ),
        (
            "unverified_email",
            None,
            K::UnverifiedEmail,
            R::UseAnotherAccount,
        ),
        (
            "email_maxnum",
            None,
            K::EmailLimitReached,
            R::SignInAnotherWay,
        ),
        (
            "signup_disabled",
            None,
            K::SignupDisabled,
            R::SignInAnotherWay,
        ),
        ("something_new", Some("whatever"), K::Unknown, R::Retry),
        ("ACCESS_DENIED", None, K::Cancelled, R::Retry),
    ];
    for (code, description, kind, recovery) in table {
        let f = Failure::from_redirect(code, *description, Some("microsoft"));
        assert_eq!((f.kind, f.recovery), (*kind, *recovery), "{code}");
        assert_eq!(f.code, *code, "code is kept as shown");
        assert_eq!(f.provider.as_deref(), Some("microsoft"));
        assert_eq!(f.aadsts, None);
    }
}

#[test]
fn aadsts_refines_oauth_codes() {
    let table: &[(&str, &str, FailureKind, Recovery)] = &[
        ("access_denied", "65004", K::Cancelled, R::Retry),
        (
            "consent_required",
            "65001",
            K::NeedsAdminApproval,
            R::SignInAnotherWay,
        ),
        (
            "access_denied",
            "90094",
            K::NeedsAdminApproval,
            R::SignInAnotherWay,
        ),
        (
            "access_denied",
            "90095",
            K::NeedsAdminApproval,
            R::SignInAnotherWay,
        ),
        (
            "invalid_request",
            "50020",
            K::AccountNotAllowed,
            R::UseAnotherAccount,
        ),
        (
            "invalid_request",
            "500208",
            K::AccountNotAllowed,
            R::UseAnotherAccount,
        ),
        (
            "access_denied",
            "50105",
            K::AccountNotAllowed,
            R::UseAnotherAccount,
        ),
        (
            "invalid_request",
            "50034",
            K::AccountNotAllowed,
            R::UseAnotherAccount,
        ),
        (
            "access_denied",
            "50057",
            K::AccountNotAllowed,
            R::UseAnotherAccount,
        ),
        (
            "access_denied",
            "50053",
            K::AccountNotAllowed,
            R::UseAnotherAccount,
        ),
        (
            "access_denied",
            "53003",
            K::AccountNotAllowed,
            R::UseAnotherAccount,
        ),
        (
            "access_denied",
            "530032",
            K::AccountNotAllowed,
            R::UseAnotherAccount,
        ),
        (
            "unauthorized_client",
            "9002332",
            K::AccountNotAllowed,
            R::UseAnotherAccount,
        ),
        (
            "interaction_required",
            "50076",
            K::MoreStepsNeeded,
            R::Retry,
        ),
        (
            "interaction_required",
            "50079",
            K::MoreStepsNeeded,
            R::Retry,
        ),
        ("login_required", "50058", K::MoreStepsNeeded, R::Retry),
        (
            "interaction_required",
            "50072",
            K::MoreStepsNeeded,
            R::Retry,
        ),
        ("server_error", "50033", K::ProviderUnavailable, R::Retry),
        (
            "temporarily_unavailable",
            "90006",
            K::ProviderUnavailable,
            R::Retry,
        ),
        ("server_error", "90024", K::ProviderUnavailable, R::Retry),
        ("server_error", "50087", K::ProviderUnavailable, R::Retry),
        ("server_error", "70012", K::ProviderUnavailable, R::Retry),
        (
            "unauthorized_client",
            "50194",
            K::Misconfigured,
            R::ContactSupport,
        ),
        (
            "invalid_request",
            "90002",
            K::Misconfigured,
            R::ContactSupport,
        ),
        (
            "invalid_request",
            "900144",
            K::Misconfigured,
            R::ContactSupport,
        ),
        // A Microsoft invalid_request / server_error whose number is not in the table.
        (
            "invalid_request",
            "12345",
            K::Misconfigured,
            R::ContactSupport,
        ),
        ("server_error", "12345", K::ProviderUnavailable, R::Retry),
        // Other OAuth codes keep their meaning when the number is unknown.
        ("access_denied", "12345", K::Cancelled, R::Retry),
        // Unknown codes are refined by a known number.
        (
            "weird_code",
            "50020",
            K::AccountNotAllowed,
            R::UseAnotherAccount,
        ),
        ("weird_code", "12345", K::Unknown, R::Retry),
    ];
    for (code, number, kind, recovery) in table {
        let description = ms(number, "Something happened.");
        let f = Failure::from_redirect(code, Some(&description), Some("microsoft"));
        assert_eq!(
            (f.kind, f.recovery),
            (*kind, *recovery),
            "{code} + AADSTS{number}"
        );
        assert_eq!(f.aadsts, number.parse().ok());
        assert_eq!(
            f.trace_id.as_deref(),
            Some("0b1c2d3e-0000-4000-8000-000000000001")
        );
        assert_eq!(
            f.correlation_id.as_deref(),
            Some("7d2e3f40-0000-4000-8000-000000000002")
        );
        assert_eq!(f.timestamp.as_deref(), Some("2024-05-01 10:00:00Z"));
    }
}

#[test]
fn hanko_codes_are_never_refined_by_description_text() {
    for code in [
        "user_conflict",
        "multiple_accounts",
        "unverified_email",
        "email_maxnum",
        "signup_disabled",
    ] {
        let description = ms("65004", "pretend");
        let f = Failure::from_redirect(code, Some(&description), None);
        let expected = Failure::from_redirect(code, None, None);
        assert_eq!(
            (f.kind, f.recovery),
            (expected.kind, expected.recovery),
            "{code}"
        );
        assert_eq!(f.aadsts, Some(65004), "still reported in details");
    }
}

#[test]
fn description_parts_in_realistic_layouts() {
    let description = "AADSTS50020: User account 'pat@outlook.example' from identity provider 'live.com' does not exist in tenant 'Contoso' and cannot access the application.\r\nTrace ID: abcdef01-2345-6789-abcd-ef0123456789\r\nCorrelation ID: 01234567-89ab-cdef-0123-456789abcdef\r\nTimestamp: 2024-05-01 10:00:00Z";
    let f = Failure::from_redirect("invalid_request", Some(description), Some("microsoft"));
    assert_eq!(f.kind, K::AccountNotAllowed);
    assert_eq!(f.aadsts, Some(50020));
    assert_eq!(
        f.trace_id.as_deref(),
        Some("abcdef01-2345-6789-abcd-ef0123456789")
    );
    assert_eq!(
        f.correlation_id.as_deref(),
        Some("01234567-89ab-cdef-0123-456789abcdef")
    );
    assert_eq!(f.timestamp.as_deref(), Some("2024-05-01 10:00:00Z"));
    let shown = f.description.unwrap();
    assert!(
        !shown.contains(['\r', '\n']),
        "line breaks become spaces: {shown}"
    );
    assert!(shown.contains("Trace ID: abcdef01"));

    // Order changed, timestamp in the middle, lower-case labels.
    let parts = description::parse(
        "aadsts65001: x Timestamp: 2024-05-01T10:00:00.123Z Trace ID: 00ff correlation id: AB-cd",
    );
    assert_eq!(parts.aadsts, Some(65001));
    assert_eq!(parts.timestamp.as_deref(), Some("2024-05-01T10:00:00.123Z"));
    assert_eq!(parts.trace_id.as_deref(), Some("00ff"));
    assert_eq!(parts.correlation_id.as_deref(), Some("AB-cd"));

    // Malformed: no digits, too many digits, label without value.
    let parts = description::parse("AADSTS: AADSTS1234567890 Trace ID Correlation ID: zz");
    assert_eq!(parts, description::DescriptionParts::default());
    // The first well-formed number wins.
    assert_eq!(
        description::parse("AADSTSx AADSTS50058 AADSTS65004").aadsts,
        Some(50058)
    );
}

#[test]
fn flow_errors() {
    let table: &[(&str, Option<u32>, FailureKind, Recovery)] = &[
        ("form_data_invalid_error", None, K::InvalidInput, R::Retry),
        ("technical_error", None, K::ServerError, R::Retry),
        ("flow_expired_error", None, K::Expired, R::Retry),
        ("not_found", None, K::Expired, R::Retry),
        (
            "operation_not_permitted_error",
            None,
            K::NotPermitted,
            R::Retry,
        ),
        ("flow_discontinuity_error", None, K::NotPermitted, R::Retry),
        ("unauthorized", None, K::NotPermitted, R::Retry),
        ("forbidden", None, K::NotPermitted, R::Retry),
        (
            "rate_limit_exceeded",
            Some(12),
            K::RateLimited,
            R::WaitAndRetry { seconds: 12 },
        ),
        (
            "rate_limit_exceeded",
            None,
            K::RateLimited,
            R::WaitAndRetry {
                seconds: DEFAULT_RETRY_AFTER,
            },
        ),
        (
            "rate_limit_exceeded",
            Some(0),
            K::RateLimited,
            R::WaitAndRetry { seconds: 1 },
        ),
        (
            "rate_limit_exceeded",
            Some(u32::MAX),
            K::RateLimited,
            R::WaitAndRetry {
                seconds: MAX_RETRY_AFTER,
            },
        ),
        ("passcode_invalid", None, K::Unknown, R::Retry),
    ];
    for (code, retry_after, kind, recovery) in table {
        let f = Failure::from_flow_error(code, Some("message from the server"), *retry_after);
        assert_eq!((f.kind, f.recovery), (*kind, *recovery), "{code}");
        assert_eq!(f.code, *code);
        assert_eq!(f.description.as_deref(), Some("message from the server"));
        assert_eq!(f.provider, None);
    }
}

#[test]
fn local_failures() {
    let n = Failure::network();
    assert_eq!(
        (n.kind, n.recovery, n.code.as_str()),
        (K::Network, R::Retry, NETWORK_CODE)
    );
    let l = Failure::lost_flow();
    assert_eq!(
        (l.kind, l.recovery, l.code.as_str()),
        (K::LostFlow, R::Retry, LOST_FLOW_CODE)
    );
    let table: &[(u16, FailureKind, Recovery)] = &[
        (500, K::ServerError, R::Retry),
        (503, K::ServerError, R::Retry),
        (
            429,
            K::RateLimited,
            R::WaitAndRetry {
                seconds: DEFAULT_RETRY_AFTER,
            },
        ),
        (200, K::Unknown, R::Retry),
        (404, K::Unknown, R::Retry),
        (0, K::Unknown, R::Retry),
    ];
    for (status, kind, recovery) in table {
        let f = Failure::unreadable_answer(*status);
        assert_eq!((f.kind, f.recovery), (*kind, *recovery), "{status}");
        assert_eq!(f.code, UNREADABLE_CODE);
        assert_eq!(f.description, Some(format!("HTTP status {status}")));
    }
}

#[test]
fn codes_are_sanitised() {
    let long = "a".repeat(65);
    let table: &[(&str, &str)] = &[
        ("", "unknown"),
        ("   ", "unknown"),
        ("<script>", "unknown"),
        ("access denied", "unknown"),
        ("ünïcode", "unknown"),
        (&long, "unknown"),
        (" access_denied ", "access_denied"),
        ("v1.2-x_y", "v1.2-x_y"),
    ];
    for (raw, kept) in table {
        assert_eq!(
            Failure::from_redirect(raw, None, None).code,
            *kept,
            "{raw:?}"
        );
        assert_eq!(
            Failure::from_flow_error(raw, None, None).code,
            *kept,
            "{raw:?}"
        );
    }
    assert_eq!(
        Failure::from_redirect(&"a".repeat(64), None, None)
            .code
            .len(),
        64
    );
    assert_eq!(
        Failure::from_redirect("x", None, Some("<b>")).provider,
        None
    );
    assert_eq!(Failure::from_redirect("<b>", None, None).kind, K::Unknown);
}

#[test]
fn descriptions_are_bounded_and_cleaned() {
    let f = Failure::from_redirect(
        "x",
        Some("a\u{0}b\u{7}c\u{202E}d\u{1b}[31me\tf\r\n\r\ng   h "),
        None,
    );
    assert_eq!(f.description.as_deref(), Some("abcd[31me f g h"));
    assert_eq!(
        Failure::from_redirect("x", Some(" \r\n "), None).description,
        None
    );

    let huge = "é".repeat(100_000);
    let f = Failure::from_redirect("x", Some(&huge), None);
    let kept = f.description.unwrap();
    assert_eq!(kept.chars().count(), MAX_DESCRIPTION_CHARS);
    assert!(kept.ends_with('…'));

    let exact = "z".repeat(MAX_DESCRIPTION_CHARS);
    assert_eq!(
        sanitize::description(&exact).as_deref(),
        Some(exact.as_str())
    );
    assert_eq!(sanitize::truncate_chars("日本語テキスト", 3), "日本…");
    assert_eq!(sanitize::truncate_chars("abc", 3), "abc");
    assert_eq!(sanitize::truncate_chars("abc", 0), "…");
}

#[test]
fn kind_names_are_unique_snake_case() {
    let mut names: Vec<&str> = FailureKind::ALL.iter().map(|k| k.name()).collect();
    for name in &names {
        assert!(
            name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
            "{name}"
        );
    }
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), FailureKind::ALL.len());
    assert_eq!(Failure::network().kind_name(), "network");
}

#[test]
fn event_detail_has_the_contract_keys() {
    let description = ms("65004", "User declined to consent to access the app.");
    let f = Failure::from_redirect("access_denied", Some(&description), Some("microsoft"));
    let detail = f.event_detail();
    assert_eq!(detail["code"], "access_denied");
    assert_eq!(detail["kind"], "cancelled");
    assert_eq!(detail["provider"], "microsoft");
    assert_eq!(detail["aadsts"], 65004);
    assert_eq!(detail["traceId"], "0b1c2d3e-0000-4000-8000-000000000001");
    assert_eq!(
        detail["correlationId"],
        "7d2e3f40-0000-4000-8000-000000000002"
    );
    assert_eq!(detail["timestamp"], "2024-05-01 10:00:00Z");
    assert_eq!(detail["description"], description.as_str());
}

proptest::proptest! {
    #[test]
    fn never_panics_and_stays_bounded(code in ".{0,200}", description in proptest::option::of(".{0,3000}"), provider in proptest::option::of(".{0,80}"), retry in proptest::option::of(proptest::num::u32::ANY)) {
        for f in [
            Failure::from_redirect(&code, description.as_deref(), provider.as_deref()),
            Failure::from_flow_error(&code, description.as_deref(), retry),
        ] {
            proptest::prop_assert!(f.code.len() <= sanitize::MAX_CODE_LEN);
            proptest::prop_assert!(f.code.bytes().all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b)));
            if let Some(d) = &f.description {
                proptest::prop_assert!(d.chars().count() <= MAX_DESCRIPTION_CHARS);
                proptest::prop_assert!(!d.chars().any(char::is_control));
            }
            for id in [&f.trace_id, &f.correlation_id, &f.timestamp].into_iter().flatten() {
                proptest::prop_assert!(id.len() <= 64);
            }
        }
    }
}
