//! Redirect allowlist: gobwas glob semantics plus the host-boundary hardening of Hanko PR #2734.

use hanko_devserver::redirect::Allowlist;

#[test]
fn redirect_allowlist_table() {
    let cases: &[(&str, &str, bool)] = &[
        // legacy `host**` form
        ("https://app.example.com**", "https://app.example.com", true),
        (
            "https://app.example.com**",
            "https://app.example.com/",
            true,
        ),
        (
            "https://app.example.com**",
            "https://app.example.com/login?x=1#top",
            true,
        ),
        (
            "https://app.example.com**",
            "https://app.example.com:8443/x",
            true,
        ),
        (
            "https://app.example.com**",
            "https://app.example.com.evil.test",
            false,
        ),
        (
            "https://app.example.com**",
            "https://app.example.com.evil.test/x",
            false,
        ),
        (
            "https://app.example.com**",
            "https://app.example.com@evil.test/",
            false,
        ),
        (
            "https://app.example.com**",
            "https://app.example.comevil.test/",
            false,
        ),
        (
            "https://app.example.com**",
            "http://app.example.com/",
            false,
        ),
        (
            "https://app.example.com**",
            "https://APP.example.com/x",
            false,
        ),
        (
            "https://app.example.com**",
            "https:///app.example.com",
            false,
        ),
        (
            "https://app.example.com**",
            "https://user:pw@app.example.com/",
            false,
        ),
        (
            "https://app.example.com**",
            "javascript:alert(1)//https://app.example.com",
            false,
        ),
        // static ports
        ("http://localhost:8888**", "http://localhost:8888/foo", true),
        (
            "http://localhost:8888**",
            "http://localhost:9999/foo",
            false,
        ),
        (
            "http://localhost:8888**",
            "http://localhost:88889/foo",
            false,
        ),
        ("http://localhost:8888**", "http://localhost/foo", false),
        ("http://localhost:*", "http://localhost:3000", true),
        // loopback defaults
        ("http://127.0.0.1**", "http://127.0.0.1:5173/app?x=1", true),
        ("http://127.0.0.1**", "http://127.0.0.1", true),
        ("http://127.0.0.1**", "http://127.0.0.1.evil.com/", false),
        ("http://127.0.0.1**", "http://127.0.0.1.nip.io:80", false),
        ("http://127.0.0.1**", "//127.0.0.1/x", false),
        ("http://localhost**", "http://localhost./x", true),
        ("http://localhost**", "http://localhost.evil.test/x", false),
        // subdomain wildcard
        (
            "https://*.example.com/**",
            "https://app.example.com/x",
            true,
        ),
        ("https://*.example.com/**", "https://example.com/x", false),
        (
            "https://*.example.com/**",
            "https://a.b.example.com/x",
            false,
        ),
        (
            "https://*.example.com/**",
            "https://badexample.com/x",
            false,
        ),
        (
            "https://*.example.com/**",
            "https://evil.test/.example.com/x",
            false,
        ),
        // exact and path globs
        ("https://app.example.com", "https://app.example.com", true),
        ("https://app.example.com", "https://app.example.com/", true),
        (
            "https://app.example.com",
            "https://app.example.com/path",
            false,
        ),
        (
            "https://app.example.com/*",
            "https://app.example.com/callback",
            true,
        ),
        (
            "https://app.example.com/*",
            "https://app.example.com/a/b",
            false,
        ),
        (
            "https://app.example.com/**",
            "https://app.example.com/a/b?c=d",
            true,
        ),
        // patterns the boundary check refuses
        ("**", "https://evil.test", false),
        ("**", "javascript:alert(1)", false),
        (
            "https://{app,admin}.example.com/**",
            "https://admin.example.com/x",
            false,
        ),
        // not URLs
        ("https://app.example.com**", "", false),
        ("https://app.example.com**", "/relative", false),
    ];
    assert!(cases.len() >= 30);
    let mut failures = Vec::new();
    for (pattern, candidate, expected) in cases {
        let list = Allowlist::new(&[pattern.to_string()]).expect("pattern compiles");
        if list.is_allowed(candidate) != *expected {
            failures.push(format!("{pattern:?} vs {candidate:?}: expected {expected}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn any_entry_may_allow() {
    let list = Allowlist::new(&[
        "https://a.example**".to_string(),
        "http://localhost**".to_string(),
    ])
    .unwrap();
    assert!(list.is_allowed("http://localhost:1234/"));
    assert!(list.is_allowed("https://a.example/x"));
    assert!(!list.is_allowed("https://b.example/x"));
}

#[test]
fn malformed_patterns_are_refused_at_start() {
    assert!(Allowlist::new(&["https://[app.example.com".to_string()]).is_err());
}
