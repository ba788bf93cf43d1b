//! The error notice: what went wrong, what to do, and the raw details on request.

use std::time::Duration;

use leptos::html;
use leptos::prelude::*;

use super::provider_display_name;
use crate::errors::{sanitize, Failure, Recovery};
use crate::i18n::{fill, Translation};
use crate::ui::translated;

/// Longest id shown in the details (ids are parsed to at most 64 characters already).
const MAX_ID_CHARS: usize = 64;

/// The error view of every screen that can show a failure.
///
/// Renders a `role="alert"` live region that is in the page **before** any failure (empty while
/// `failure` is `None`), so assistive technology announces the message when it is inserted.
/// When a failure appears, focus moves to the message (`tabindex="-1"`) unless `focus` is false.
///
/// Structure (all text is inserted as text nodes, never as HTML):
///
/// ```text
/// div.hanko-error-notice[data-kind=<kind_name>]
///   div.hanko-error-live[role=alert]
///     div.hanko-error[part=error][data-field=error-message][tabindex=-1]
///       p.hanko-error-title            title for the FailureKind
///       p.hanko-error-text[part=error-text]   what happened and what to do
///       p.hanko-error-support          "Contact the site's support…" (Recovery::ContactSupport)
///   div.hanko-error-actions
///     button[data-action=use-another-account]   Recovery::UseAnotherAccount
///     button[data-action=sign-in-another-way]   Recovery::SignInAnotherWay
///     button[data-action=retry]                 all others; disabled with a countdown for WaitAndRetry
///   details[data-field=error-details] > summary + dl (error code, AADSTS, trace id, correlation id, description)
/// ```
///
/// ```ignore
/// let failure = RwSignal::new(None::<Failure>);
/// view! {
///     <ErrorNotice failure t on_retry=Callback::new(move |()| controller.retry())/>
/// }
/// ```
#[component]
pub fn ErrorNotice(
    /// The failure to show; `None` leaves the live region empty.
    #[prop(into)]
    failure: Signal<Option<Failure>>,
    /// The strings to show.
    #[prop(into)]
    t: Signal<Translation>,
    /// The provider's display name for `{provider}` (e.g. "Microsoft"). When `None`, the name is
    /// derived from the failure's provider id, else the translation's `labels.provider_fallback`.
    #[prop(into, optional)]
    provider_name: Signal<Option<String>>,
    /// "Try again" (also shown for every recovery but "sign in another way").
    on_retry: Callback<()>,
    /// "Use another account"; `None` uses `on_retry` (a fresh flow lets the user pick again).
    #[prop(optional)]
    on_use_another_account: Option<Callback<()>>,
    /// "Sign in another way"; `None` uses `on_retry` (a fresh flow offers every method).
    #[prop(optional)]
    on_sign_in_another_way: Option<Callback<()>>,
    /// Move focus to the message when a failure appears (default `true`).
    #[prop(optional, default = true)]
    focus: bool,
) -> impl IntoView {
    let message_ref = NodeRef::<html::Div>::new();
    let remaining = RwSignal::new(0u32);
    let on_use_another_account = on_use_another_account.unwrap_or(on_retry);
    let on_sign_in_another_way = on_sign_in_another_way.unwrap_or(on_retry);

    // Countdown for WaitAndRetry, restarted whenever the failure changes.
    Effect::new(move |_| {
        let seconds = failure.with(|f| match f.as_ref().map(|f| f.recovery) {
            Some(Recovery::WaitAndRetry { seconds }) => seconds,
            _ => 0,
        });
        remaining.set(seconds);
        if seconds > 0 {
            let tick = move || remaining.update(|r| *r = r.saturating_sub(1));
            if let Ok(handle) = set_interval_with_handle(tick, Duration::from_secs(1)) {
                on_cleanup(move || handle.clear());
            }
        }
    });

    // Focus the message once it is in the page: once per failure (not again when only the
    // language changes and the message is re-rendered).
    Effect::new(move |last: Option<Option<Failure>>| {
        let last = last.flatten();
        let current = failure.get();
        match (current, message_ref.get()) {
            (None, _) => None,
            (Some(current), Some(node)) if focus && last.as_ref() != Some(&current) => {
                // Focus can fail only for detached nodes; nothing to do then.
                let _ = node.focus();
                Some(current)
            }
            _ => last,
        }
    });

    let provider = move || {
        provider_name
            .get()
            .filter(|name| !name.trim().is_empty())
            .or_else(|| {
                failure.with(|f| {
                    f.as_ref()
                        .and_then(|f| f.provider.as_deref())
                        .map(provider_display_name)
                })
            })
            .unwrap_or_else(|| t.with(|t| t.text("labels.provider_fallback")))
    };

    let message = move || {
        failure.get().map(|f| {
            let (title, text) = t.with(|t| {
                let kind = f.kind.name();
                (
                    t.text(&format!("errors.{kind}.title")),
                    t.text(&format!("errors.{kind}.text")),
                )
            });
            let name = provider();
            let title = fill(&title, &[("provider", &name)]);
            let text = fill(&text, &[("provider", &name)]);
            let support = (f.recovery == Recovery::ContactSupport).then(|| {
                view! {
                    <p class="hanko-error-support">
                        {translated(t, "texts.contact_support")}
                    </p>
                }
            });
            view! {
                <div
                    class="hanko-error"
                    part="error"
                    data-field="error-message"
                    tabindex="-1"
                    node_ref=message_ref
                >
                    <p class="hanko-error-title">{title}</p>
                    <p class="hanko-error-text" part="error-text">{text}</p>
                    {support}
                </div>
            }
        })
    };

    let actions = move || {
        failure
            .with(|f| f.as_ref().map(|f| f.recovery))
            .map(|recovery| {
                let at_once = Signal::stored(false);
                let another_account = (recovery == Recovery::UseAnotherAccount).then(|| {
                    recovery_button(
                        "use-another-account",
                        true,
                        translated(t, "labels.use_another_account"),
                        at_once,
                        on_use_another_account,
                    )
                });
                let another_way = (recovery == Recovery::SignInAnotherWay).then(|| {
                    recovery_button(
                        "sign-in-another-way",
                        true,
                        translated(t, "labels.sign_in_another_way"),
                        at_once,
                        on_sign_in_another_way,
                    )
                });
                let retry = (recovery != Recovery::SignInAnotherWay).then(|| {
                    let retry_label = Signal::derive(move || {
                        t.with(|t| match remaining.get() {
                            0 => t.text("labels.try_again"),
                            n => t.plural("labels.try_again_in", u64::from(n)),
                        })
                    });
                    let waiting = Signal::derive(move || remaining.get() != 0);
                    let primary = recovery != Recovery::UseAnotherAccount;
                    recovery_button("retry", primary, retry_label, waiting, on_retry)
                });
                view! {
                    <div class="hanko-error-actions">{another_account} {another_way} {retry}</div>
                }
            })
    };

    let details = move || {
        failure.get().map(|f| {
            let label = move |key: &str| t.with(|t| t.text(key));
            let row = move |name: String, value: String| {
                view! {
                    <dt class="hanko-error-details-term">{name}</dt>
                    <dd class="hanko-error-details-value">{value}</dd>
                }
            };
            let id = |value: &Option<String>| {
                value
                    .as_deref()
                    .map(|v| sanitize::truncate_chars(&sanitize::clean_text(v), MAX_ID_CHARS))
            };
            let code = row(label("labels.error_code"), sanitize::code(&f.code));
            let aadsts = f
                .aadsts
                .map(|n| row(label("labels.microsoft_error"), format!("AADSTS{n}")));
            let trace = id(&f.trace_id).map(|v| row(label("labels.trace_id"), v));
            let correlation = id(&f.correlation_id).map(|v| row(label("labels.correlation_id"), v));
            let description = f
                .description
                .as_deref()
                .and_then(sanitize::description)
                .map(|v| row(label("labels.description"), v));
            view! {
                <details class="hanko-error-details" data-field="error-details">
                    <summary class="hanko-error-details-summary">
                        {translated(t, "labels.details")}
                    </summary>
                    <dl class="hanko-error-details-list">
                        {code} {aadsts} {trace} {correlation} {description}
                    </dl>
                </details>
            }
        })
    };

    view! {
        <div
            class="hanko-error-notice"
            data-kind=move || failure.with(|f| f.as_ref().map(Failure::kind_name))
        >
            <div class="hanko-error-live" role="alert">
                {message}
            </div>
            {actions}
            {details}
        </div>
    }
}

/// One of the notice's buttons (`data-action`), primary or secondary; disabled, and deaf to
/// presses, while `waiting` (the "Try again in …" countdown). One function for all of them, so
/// that the bundle carries one button's code.
fn recovery_button(
    action: &'static str,
    primary: bool,
    label: Signal<String>,
    waiting: Signal<bool>,
    on_press: Callback<()>,
) -> impl IntoView {
    let (class, part) = if primary {
        ("hanko-button hanko-button-primary", "button primary-button")
    } else {
        ("hanko-button", "button secondary-button")
    };
    view! {
        <button
            type="button"
            class=class
            part=part
            data-action=action
            disabled=waiting
            on:click=move |_| {
                if !waiting.get_untracked() {
                    on_press.run(());
                }
            }
        >
            {label}
        </button>
    }
}
