//! The styling surface the README documents takes effect: each CSS custom property set on
//! `<hanko-auth>` changes the computed style of the element it is documented to style, and each
//! shadow part is reachable with `hanko-auth::part(<name>)`, on the screens that show them
//! (`examples/plain-html/index.html` against the dev backend): the first screen (the email form,
//! the "or" divider, the Microsoft button), the error notice, the signed-in view, an input error,
//! the passcode screen (its links) and the authenticator app's QR code.
//!
//! Run: `cargo test -p hanko-e2e --test styling` after building the bundle (see
//! `examples/plain-html/README.md`); needs chromium and chromedriver.

use fantoccini::actions::{InputSource as _, MouseActions, PointerAction};
use hanko_devserver::{seed, Config};
use hanko_e2e::flow_page::{FlowPage, Setup};
use hanko_e2e::page::{
    self, go_to_microsoft, EXAMPLE_PAGE, HOST, MICROSOFT_BUTTON, SIGNED_IN_EMAIL, WORK_ACCOUNT,
};
use hanko_e2e::{require_bundle, tests, Browser, Ctx, Test};
use serde_json::{json, Value};
use std::sync::Arc;

/// One expectation: `selector` inside the shadow root has computed `property` equal to `value`.
struct Expect {
    /// What is being checked, for the failure message (a property or part name).
    what: &'static str,
    selector: &'static str,
    property: &'static str,
    value: &'static str,
}

const fn expect(
    what: &'static str,
    selector: &'static str,
    property: &'static str,
    value: &'static str,
) -> Expect {
    Expect {
        what,
        selector,
        property,
        value,
    }
}

const CONTAINER: &str = r#"[part="container"]"#;
const HEADLINE: &str = "h1";
const FORM_ITEM: &str = r#"[part="form-item"]"#;
/// The email form's submit button on the first screen.
const CONTINUE: &str = r#"button[data-action="continue_with_login_identifier"]"#;
const RETRY: &str = r#"button[data-action="retry"]"#;
const ERROR_TITLE: &str = ".hanko-error-title";
const ERROR_DETAILS: &str = r#"[data-field="error-details"]"#;
const ERROR_NOTICE: &str = ".hanko-error-notice";
const SIGNED_IN_AS: &str = r#"[data-field="signed-in-as"]"#;
const DIVIDER: &str = r#"[part="divider"]"#;
const DIVIDER_TEXT: &str = r#"[part="divider-text"]"#;
const EMAIL_INPUT: &str = r#"input[name="email"]"#;
const CODE_INPUT: &str = r#"input[name="code"]"#;
const INPUT_ERROR: &str = r#"[data-input="email"] [part="input-error"]"#;
/// The passcode screen's "Back" link.
const BACK: &str = r#"button[data-action="back"]"#;
const QR_CODE: &str = r#"img[data-field="otp-qr-code"]"#;

/// Custom properties set on the element for every check below (colours in `rgb()` as computed).
const PROPERTIES: [(&str, &str); 28] = [
    ("--color", "rgb(1, 2, 3)"),
    ("--color-shade-1", "rgb(4, 5, 6)"),
    ("--color-shade-2", "rgb(7, 8, 9)"),
    ("--brand-color", "rgb(10, 11, 12)"),
    ("--brand-color-shade-1", "rgb(13, 14, 15)"),
    ("--brand-contrast-color", "rgb(250, 251, 252)"),
    ("--background-color", "rgb(240, 241, 242)"),
    ("--error-color", "rgb(100, 0, 1)"),
    ("--link-color", "rgb(30, 31, 32)"),
    ("--font-family", "monospace"),
    ("--font-size", "17px"),
    ("--font-weight", "300"),
    ("--line-height", "23px"),
    ("--border-radius", "3px"),
    ("--border-style", "dashed"),
    ("--border-width", "3px"),
    ("--item-height", "51px"),
    ("--item-margin", "7px 0px"),
    ("--container-padding", "11px"),
    ("--container-max-width", "333px"),
    ("--headline1-font-size", "31px"),
    ("--headline1-font-weight", "800"),
    ("--headline1-margin", "9px 0px"),
    ("--divider-padding", "0px 19px"),
    ("--divider-visibility", "hidden"),
    ("--link-text-decoration", "overline"),
    ("--link-text-decoration-hover", "line-through"),
    ("--button-min-width", "123px"),
];

/// On the first screen.
const FIRST_SCREEN: &[Expect] = &[
    expect("--color", CONTAINER, "color", "rgb(1, 2, 3)"),
    expect(
        "--background-color",
        CONTAINER,
        "background-color",
        "rgb(240, 241, 242)",
    ),
    expect("--font-family", CONTAINER, "font-family", "monospace"),
    expect("--font-size", CONTAINER, "font-size", "17px"),
    expect("--font-weight", CONTAINER, "font-weight", "300"),
    expect("--line-height", CONTAINER, "line-height", "23px"),
    expect("--container-padding", CONTAINER, "padding-top", "11px"),
    expect("--container-max-width", CONTAINER, "max-width", "333px"),
    expect("--headline1-font-size", HEADLINE, "font-size", "31px"),
    expect("--headline1-font-weight", HEADLINE, "font-weight", "800"),
    expect("--headline1-margin", HEADLINE, "margin-top", "9px"),
    expect("--item-margin", FORM_ITEM, "margin-top", "7px"),
    expect("--item-height", CONTINUE, "height", "51px"),
    expect("--item-height", MICROSOFT_BUTTON, "min-height", "51px"),
    expect(
        "--border-radius",
        MICROSOFT_BUTTON,
        "border-top-left-radius",
        "3px",
    ),
    expect("--button-min-width", MICROSOFT_BUTTON, "min-width", "123px"),
    expect("--divider-padding", DIVIDER_TEXT, "padding-left", "19px"),
    expect("--divider-padding", DIVIDER_TEXT, "padding-right", "19px"),
    expect("--divider-visibility", DIVIDER, "visibility", "hidden"),
    expect("--item-margin", DIVIDER, "margin-top", "7px"),
    expect("--color-shade-1", DIVIDER, "color", "rgb(4, 5, 6)"),
    expect(
        "--color-shade-2",
        r#"[part="divider-line"]"#,
        "border-top-color",
        "rgb(7, 8, 9)",
    ),
    expect("--color", EMAIL_INPUT, "color", "rgb(1, 2, 3)"),
    expect(
        "--background-color",
        EMAIL_INPUT,
        "background-color",
        "rgb(240, 241, 242)",
    ),
    expect(
        "--color-shade-1",
        EMAIL_INPUT,
        "border-top-color",
        "rgb(4, 5, 6)",
    ),
    expect("--border-style", EMAIL_INPUT, "border-top-style", "dashed"),
    expect("--border-width", EMAIL_INPUT, "border-top-width", "3px"),
    expect(
        "--border-radius",
        EMAIL_INPUT,
        "border-top-left-radius",
        "3px",
    ),
    expect("--item-height", EMAIL_INPUT, "height", "51px"),
];

/// On the error notice (after "cancel" at Microsoft).
const ERROR_SCREEN: &[Expect] = &[
    expect("--error-color", ERROR_TITLE, "color", "rgb(100, 0, 1)"),
    expect("--color-shade-1", ERROR_DETAILS, "color", "rgb(4, 5, 6)"),
    expect(
        "--brand-color",
        RETRY,
        "background-color",
        "rgb(10, 11, 12)",
    ),
    expect(
        "--brand-contrast-color",
        RETRY,
        "color",
        "rgb(250, 251, 252)",
    ),
    expect("--border-style", RETRY, "border-top-style", "dashed"),
    expect("--border-width", RETRY, "border-top-width", "3px"),
    expect("--item-margin", ERROR_NOTICE, "margin-top", "7px"),
];

/// Parts and a distinct outline colour for each; set with `hanko-auth::part(<name>)`.
const PARTS: [(&str, &str); 21] = [
    ("container", "rgb(20, 0, 0)"),
    ("headline1", "rgb(21, 0, 0)"),
    ("paragraph", "rgb(22, 0, 0)"),
    ("button", "rgb(23, 0, 0)"),
    ("primary-button", "rgb(24, 0, 0)"),
    ("secondary-button", "rgb(25, 0, 0)"),
    ("error", "rgb(26, 0, 0)"),
    ("error-text", "rgb(27, 0, 0)"),
    ("form-item", "rgb(28, 0, 0)"),
    ("last-used", "rgb(29, 0, 0)"),
    ("form", "rgb(30, 0, 0)"),
    ("label", "rgb(31, 0, 0)"),
    ("input", "rgb(32, 0, 0)"),
    ("text-input", "rgb(33, 0, 0)"),
    ("passcode-input", "rgb(34, 0, 0)"),
    ("input-error", "rgb(35, 0, 0)"),
    ("link", "rgb(36, 0, 0)"),
    ("divider", "rgb(37, 0, 0)"),
    ("divider-line", "rgb(38, 0, 0)"),
    ("divider-text", "rgb(39, 0, 0)"),
    ("qr-code", "rgb(40, 0, 0)"),
];

/// Sets [`PROPERTIES`] on the element and a `::part()` rule per [`PARTS`] entry (the outline
/// colour; `button` and `input` also get a word spacing each, since the parts that come after
/// them on the same elements override their colour).
const APPLY: &str = r#"
const [host, properties, parts] = arguments;
const element = document.querySelector(host);
for (const [name, value] of properties) element.style.setProperty(name, value);
const style = document.createElement("style");
style.textContent = parts
  .map(([part, colour]) => `${host}::part(${part}) { outline-color: ${colour}; }`)
  .concat([
    `${host}::part(button) { word-spacing: 13px; }`,
    `${host}::part(input) { word-spacing: 14px; }`,
  ])
  .join("\n");
document.head.append(style);
"#;

/// Reads `property` of `selector` inside the shadow root of `host` (`null` if absent).
const COMPUTED: &str = r#"
const [host, selector, property] = arguments;
const node = document.querySelector(host)?.shadowRoot?.querySelector(selector);
return node ? getComputedStyle(node).getPropertyValue(property) : null;
"#;

async fn computed(
    browser: &Browser,
    selector: &str,
    property: &str,
) -> anyhow::Result<Option<String>> {
    let value = browser
        .eval(
            COMPUTED,
            vec![json!(HOST), json!(selector), json!(property)],
        )
        .await?;
    Ok(value.as_str().map(|value| value.trim().to_owned()))
}

/// Checks every row of `checks`; fails with all mismatches at once.
async fn expect_all(browser: &Browser, checks: &[Expect]) -> anyhow::Result<()> {
    let mut wrong = Vec::new();
    for check in checks {
        let seen = computed(browser, check.selector, check.property).await?;
        if seen.as_deref() != Some(check.value) {
            wrong.push(format!(
                "{}: {} {} is {seen:?}, expected {:?}",
                check.what, check.selector, check.property, check.value
            ));
        }
    }
    anyhow::ensure!(
        wrong.is_empty(),
        "the styling surface did not take effect:\n{}",
        wrong.join("\n")
    );
    Ok(())
}

/// Each part in `parts` (name, selector of an element that carries it) got its outline colour.
async fn expect_parts(
    browser: &Browser,
    parts: &[(&'static str, &'static str)],
) -> anyhow::Result<()> {
    let checks: Vec<Expect> = parts
        .iter()
        .map(|(part, selector)| {
            let colour = PARTS
                .iter()
                .find(|(name, _)| name == part)
                .map(|(_, colour)| *colour)
                .unwrap_or("(not in PARTS)");
            expect(part, selector, "outline-color", colour)
        })
        .collect();
    expect_all(browser, &checks).await
}

/// The example page in `theme` on a fresh backend, the Microsoft button rendered.
async fn open_styled(
    ctx: &Ctx,
    theme: &str,
) -> anyhow::Result<(Browser, hanko_e2e::Backend, hanko_e2e::StaticServer)> {
    require_bundle()?;
    let backend = ctx.backend(|_: &mut Config| ()).await?;
    let site = ctx.serve_repo("127.0.0.1").await?;
    let url = page::page_url(
        &site,
        EXAMPLE_PAGE,
        &backend.api(),
        &[("theme", theme)],
        None,
    )?;
    let browser = ctx.browser().await?;
    browser.goto(url.as_str()).await?;
    browser.find_in_shadow(HOST, MICROSOFT_BUTTON).await?;
    Ok((browser, backend, site))
}

async fn apply(browser: &Browser) -> anyhow::Result<()> {
    let properties: Value = PROPERTIES.iter().map(|(n, v)| json!([n, v])).collect();
    let parts: Value = PARTS.iter().map(|(n, v)| json!([n, v])).collect();
    browser
        .eval(APPLY, vec![json!(HOST), properties, parts])
        .await?;
    Ok(())
}

/// The first screen in `theme`: a page's values win over the defaults of both colour schemes.
async fn first_screen_styling(ctx: Arc<Ctx>, theme: &'static str) -> anyhow::Result<()> {
    let (browser, _backend, _site) = open_styled(&ctx, theme).await?;
    apply(&browser).await?;
    expect_all(&browser, FIRST_SCREEN).await?;
    expect_parts(
        &browser,
        &[
            ("container", CONTAINER),
            ("headline1", HEADLINE),
            ("secondary-button", MICROSOFT_BUTTON),
            ("form-item", FORM_ITEM),
            ("form", r#"form[part="form"]"#),
            ("label", r#"[data-input="email"] [part="label"]"#),
            ("text-input", EMAIL_INPUT),
            ("divider", DIVIDER),
            ("divider-line", r#"[part="divider-line"]"#),
            ("divider-text", DIVIDER_TEXT),
        ],
    )
    .await?;
    expect_all(
        &browser,
        &[
            expect("button", MICROSOFT_BUTTON, "word-spacing", "13px"),
            expect("input", EMAIL_INPUT, "word-spacing", "14px"),
        ],
    )
    .await
}

/// Moves the mouse onto `selector` inside the shadow root.
async fn hover(browser: &Browser, selector: &str) -> anyhow::Result<()> {
    let element = browser.find_in_shadow(HOST, selector).await?;
    let hover = MouseActions::new("mouse".to_owned()).then(PointerAction::MoveToElement {
        element,
        duration: None,
        x: 0.0,
        y: 0.0,
    });
    browser.client().perform_actions(hover).await?;
    Ok(())
}

/// The first screen typed into with an email that has no account, the backend configured to say
/// so: the message at the input.
async fn input_error_styling(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let page = FlowPage::open(&ctx, "en", Setup::default(), |config| {
        config.privacy.show_account_existence_hints = true;
    })
    .await?;
    page.expect_state("login_init", "Sign in").await?;
    page.fill("email", "nobody@example.org").await?;
    page.press("continue_with_login_identifier").await?;
    page.expect_input_error("email", "No account has this email address.")
        .await?;
    apply(&page.browser).await?;
    expect_all(
        &page.browser,
        &[
            expect("--error-color", INPUT_ERROR, "color", "rgb(100, 0, 1)"),
            expect(
                "--error-color",
                EMAIL_INPUT,
                "border-top-color",
                "rgb(100, 0, 1)",
            ),
        ],
    )
    .await?;
    expect_parts(&page.browser, &[("input-error", INPUT_ERROR)]).await
}

/// The passcode screen (email, then "passcode"): its code input and its links ("Back").
async fn passcode_screen_styling(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let page = FlowPage::open(&ctx, "en", Setup::default(), |_| {}).await?;
    page.expect_state("login_init", "Sign in").await?;
    page.fill("email", seed::PASSCODE_USER_EMAIL).await?;
    page.press("continue_with_login_identifier").await?;
    page.press("continue_to_passcode_confirmation").await?;
    page.expect_state("passcode_confirmation", "Enter passcode")
        .await?;
    page.browser
        .wait_for_shadow(HOST, BACK, "the back link", |_| true)
        .await?;
    apply(&page.browser).await?;
    expect_all(
        &page.browser,
        &[
            expect("--link-color", BACK, "color", "rgb(30, 31, 32)"),
            expect(
                "--link-text-decoration",
                BACK,
                "text-decoration-line",
                "overline",
            ),
            expect("input", CODE_INPUT, "word-spacing", "14px"),
        ],
    )
    .await?;
    expect_parts(
        &page.browser,
        &[("link", BACK), ("passcode-input", CODE_INPUT)],
    )
    .await?;
    hover(&page.browser, BACK).await?;
    expect_all(
        &page.browser,
        &[expect(
            "--link-text-decoration-hover",
            BACK,
            "text-decoration-line",
            "line-through",
        )],
    )
    .await
}

/// Registration through Microsoft with an unverified email, the passcode, then the
/// authenticator app: its QR code.
async fn qr_code_styling(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let setup = Setup {
        mode: "registration",
        ..Setup::default()
    };
    let page = FlowPage::open(&ctx, "en", setup, |_| {}).await?;
    page.microsoft("#account-unverified").await?;
    page.confirm_passcode("jordan.lee@fabrikam.example").await?;
    page.expect_state("mfa_method_chooser", "Add a second factor")
        .await?;
    page.press("continue_to_otp_secret_creation").await?;
    page.browser
        .wait_for_shadow(HOST, QR_CODE, "the QR code", |_| true)
        .await?;
    apply(&page.browser).await?;
    expect_parts(&page.browser, &[("qr-code", QR_CODE)]).await
}

async fn error_screen_styling(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let (browser, backend, _site) = open_styled(&ctx, "light").await?;
    go_to_microsoft(&browser, HOST, &backend).await?;
    browser.click("#outcome-cancel").await?;
    browser
        .wait_for_shadow(HOST, ERROR_TITLE, "the error notice", |_| true)
        .await?;
    apply(&browser).await?;
    expect_all(&browser, ERROR_SCREEN).await?;
    expect_parts(
        &browser,
        &[
            ("error", ".hanko-error"),
            ("error-text", ".hanko-error-text"),
            ("primary-button", RETRY),
        ],
    )
    .await?;
    expect_all(&browser, &[expect("button", RETRY, "word-spacing", "13px")]).await?;

    // Hover: the primary button takes --brand-color-shade-1.
    hover(&browser, RETRY).await?;
    expect_all(
        &browser,
        &[expect(
            "--brand-color-shade-1",
            RETRY,
            "background-color",
            "rgb(13, 14, 15)",
        )],
    )
    .await?;

    // Disabled: the border takes --color-shade-2.
    browser
        .eval(
            r#"document.querySelector(arguments[0]).shadowRoot.querySelector(arguments[1]).disabled = true;"#,
            vec![json!(HOST), json!(RETRY)],
        )
        .await?;
    expect_all(
        &browser,
        &[expect(
            "--color-shade-2",
            RETRY,
            "border-top-color",
            "rgb(7, 8, 9)",
        )],
    )
    .await
}

async fn signed_in_styling(ctx: Arc<Ctx>) -> anyhow::Result<()> {
    let (browser, backend, _site) = open_styled(&ctx, "light").await?;
    go_to_microsoft(&browser, HOST, &backend).await?;
    browser.click(WORK_ACCOUNT).await?;
    browser
        .wait_for_shadow(HOST, SIGNED_IN_EMAIL, "the signed-in view", |_| true)
        .await?;
    apply(&browser).await?;
    expect_parts(
        &browser,
        &[
            ("paragraph", SIGNED_IN_AS),
            ("primary-button", r#"button[data-action="sign-out"]"#),
        ],
    )
    .await?;

    // Sign out: the first screen now marks Microsoft as last used.
    browser
        .click_in_shadow(HOST, r#"button[data-action="sign-out"]"#)
        .await?;
    browser
        .wait_for_shadow(HOST, r#"[part="last-used"]"#, "the last-used badge", |_| {
            true
        })
        .await?;
    expect_parts(&browser, &[("last-used", r#"[part="last-used"]"#)]).await
}

fn main() {
    let mut all = tests![
        error_screen_styling,
        signed_in_styling,
        input_error_styling,
        passcode_screen_styling,
        qr_code_styling
    ];
    for theme in ["light", "dark"] {
        all.push(Test::new(
            &format!("first_screen_styling_{theme}"),
            move |ctx| first_screen_styling(ctx, theme),
        ));
    }
    hanko_e2e::run(all);
}
