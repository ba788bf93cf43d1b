//! The generic renderer: draws any [`ViewModel`] — its provider buttons and its actions with
//! their inputs — as keyed lists, so controls that stay from one state to the next keep their
//! DOM nodes.
//!
//! Structure (every control runs the action named in its `data-action`):
//!
//! ```text
//! ul.hanko-form-list > li[part=form-item] > button[data-action=thirdparty_oauth][data-provider=<id>]
//! form[data-action=<action>][part=form]
//!   div[part=form-item] > label[part=label] + input[name=<input>][part="input text-input"] + p[part=input-error]
//!   button[type=submit][data-action=<action>][part="button primary-button"]
//! button[type=button][data-action=<action>][part="button secondary-button"]     (no inputs)
//! button[type=button][data-action=back|skip|resend_passcode][part=link]         (secondary)
//! ```

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::components::{
    action_button, provider_display_name, Look, MicrosoftButton, ProviderButton, Status,
};
use super::Submission;
use crate::flow::view::{ActionView, Control, InputView, Role, ViewModel, PROVIDER_ACTION};
use crate::i18n::{fill, Translation};

/// What an override (or the generic body) draws from: the view model of the state on screen,
/// the strings, and how to run an action.
#[derive(Clone, Copy)]
pub struct FormContext {
    /// The view model, reactively.
    pub view: Memo<ViewModel>,
    /// The strings to show.
    pub t: Signal<Translation>,
    /// Runs an action.
    pub submit: Callback<Submission>,
    /// The provider the user signed in with last time.
    pub last_used: Signal<Option<String>>,
}

impl FormContext {
    /// Runs `action` with these input values.
    pub fn run(&self, action: &str, inputs: BTreeMap<String, String>) {
        self.submit.run(Submission {
            action: action.to_owned(),
            inputs,
        });
    }
}

/// The generic body of any state: its actions (forms and buttons), then its provider buttons,
/// then its secondary links.
pub fn generic_body(context: FormContext) -> AnyView {
    view! {
        <ActionList context roles=&[Role::Primary, Role::Choice]/>
        <ProviderList context/>
        <ActionList context roles=&[Role::Secondary]/>
    }
    .into_any()
}

/// A unique id for the label and error message of an input.
fn next_id() -> String {
    static NEXT: AtomicU32 = AtomicU32::new(1);
    format!("hanko-input-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// Draws one item for every key `keys` returns, as a keyed list: an item whose key stays keeps
/// its DOM nodes. Not generic: every list of the form is this one `For`, so that the bundle
/// carries the keyed-list code once.
fn keyed_list(
    keys: Box<dyn Fn() -> Vec<String> + Send + Sync>,
    item: Arc<dyn Fn(String) -> AnyView + Send + Sync>,
) -> impl IntoView {
    let children = move |key: String| item(key);
    view! { <For each=keys key=String::clone children/> }
}

/// The key of an action in an [`ActionList`]: its role and its name, so that an action whose
/// role changes (it gains inputs, say) is drawn anew.
fn action_key(role: Role, name: &str) -> String {
    let tag = match role {
        Role::Primary => 'p',
        Role::Choice => 'c',
        Role::Secondary => 's',
    };
    format!("{tag}:{name}")
}

/// The role and name in an [`action_key`].
fn from_action_key(key: &str) -> (Role, &str) {
    match key.split_once(':') {
        Some(("p", name)) => (Role::Primary, name),
        Some(("s", name)) => (Role::Secondary, name),
        Some((_, name)) => (Role::Choice, name),
        None => (Role::Choice, key),
    }
}

/// The actions of some roles, keyed by name (and role), in the view model's order.
#[component]
pub fn ActionList(
    /// The state on screen.
    context: FormContext,
    /// Which roles to draw.
    roles: &'static [Role],
) -> impl IntoView {
    let keys = move || {
        context.view.with(|v| {
            v.actions
                .iter()
                .filter(|a| roles.contains(&a.role))
                .map(|a| action_key(a.role, &a.name))
                .collect()
        })
    };
    let class = if roles.contains(&Role::Secondary) {
        "hanko-actions hanko-actions-secondary"
    } else {
        "hanko-actions"
    };
    view! {
        <div class=class>
            {keyed_list(
                Box::new(keys),
                Arc::new(move |key: String| {
                    let (role, name) = from_action_key(&key);
                    view! { <ActionItem context name=name.to_owned() role/> }.into_any()
                }),
            )}
        </div>
    }
}

/// One action, drawn by its role.
#[component]
fn ActionItem(context: FormContext, name: String, role: Role) -> impl IntoView {
    let action = {
        let name = name.clone();
        Memo::new(move |_| {
            context
                .view
                .with(|v| v.actions.iter().find(|a| a.name == name).cloned())
        })
    };
    match role {
        Role::Primary => view! { <ActionForm context name action/> }.into_any(),
        Role::Choice => view! { <ActionButton context name action link=false/> }.into_any(),
        Role::Secondary => view! { <ActionButton context name action link=true/> }.into_any(),
    }
}

/// The label of an action: `states.<state>.actions.<action>`, else `actions.<action>`.
fn action_label(t: &Translation, action: &ActionView) -> String {
    t.first_of(&[&action.label[0], &action.label[1]])
}

/// The label of the action in `action`, following the language (empty once it is gone).
fn action_label_of(action: Memo<Option<ActionView>>, t: Signal<Translation>) -> Signal<String> {
    Signal::derive(move || {
        action.with(|a| {
            a.as_ref()
                .map(|a| t.with(|t| action_label(t, a)))
                .unwrap_or_default()
        })
    })
}

/// Whether the action in `action` is under way.
fn action_busy(action: Memo<Option<ActionView>>) -> Signal<bool> {
    Signal::derive(move || action.with(|a| a.as_ref().is_some_and(|a| a.busy)))
}

/// An action with inputs: a `<form>` with one field per input and a submit button.
#[component]
fn ActionForm(
    context: FormContext,
    name: String,
    action: Memo<Option<ActionView>>,
) -> impl IntoView {
    let t = context.t;
    let busy = move || context.view.with(|v| v.busy);
    let this_busy = action_busy(action);
    let inputs = move || {
        action.with(|a| {
            a.iter()
                .flat_map(|a| a.inputs.iter().map(|i| i.name.clone()))
                .collect()
        })
    };
    let label = action_label_of(action, t);
    let submit_name = name.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy() {
            return;
        }
        let Some(form) = ev
            .target()
            .and_then(|target| target.dyn_into::<web_sys::HtmlFormElement>().ok())
        else {
            return;
        };
        context.run(&submit_name, read_form(&form));
    };
    let form_name = name.clone();
    view! {
        <form class="hanko-form" part="form" data-action=form_name on:submit=on_submit>
            {keyed_list(
                Box::new(inputs),
                Arc::new(move |input: String| view! { <InputField context action input/> }.into_any()),
            )}
            {action_button(Look::Submit, name, label, this_busy, Signal::derive(busy), None)}
        </form>
    }
}

/// The values of a form's named controls, as typed (`true`/`false` for checkboxes).
fn read_form(form: &web_sys::HtmlFormElement) -> BTreeMap<String, String> {
    let mut values = BTreeMap::new();
    let Ok(controls) = form.query_selector_all("[name]") else {
        return values;
    };
    for index in 0..controls.length() {
        let Some(node) = controls.item(index) else {
            continue;
        };
        if let Some(input) = node.dyn_ref::<web_sys::HtmlInputElement>() {
            let value = if input.type_() == "checkbox" {
                input.checked().to_string()
            } else {
                input.value()
            };
            values.insert(input.name(), value);
        } else if let Some(select) = node.dyn_ref::<web_sys::HtmlSelectElement>() {
            values.insert(select.name(), select.value());
        }
    }
    values
}

/// One input: label, control, and the input-level error (`aria-invalid`, `aria-describedby`).
#[component]
fn InputField(
    context: FormContext,
    action: Memo<Option<ActionView>>,
    input: String,
) -> impl IntoView {
    let t = context.t;
    let view = {
        let input = input.clone();
        Memo::new(move |_| {
            action.with(|a| {
                a.as_ref()
                    .and_then(|a| a.inputs.iter().find(|i| i.name == input).cloned())
            })
        })
    };
    let id = next_id();
    let error_id = format!("{id}-error");
    let get =
        move |pick: fn(&InputView) -> Option<String>| view.with(|v| v.as_ref().and_then(pick));
    let label = move || get(|v| Some(v.label.clone())).map(|key| t.with(|t| t.text(&key)));
    let error = move || get(|v| v.error.clone());
    let error_text = {
        let input = input.clone();
        move || {
            error().map(|code| {
            let error_id = error_id.clone();
            let input = input.clone();
            view! {
                <p class="hanko-input-error" part="input-error" id=error_id role="alert">
                    {move || {
                        t.with(|t| {
                            t.first_of(&[&format!("inputs.{input}.errors.{code}"), &format!("errors.{code}")])
                        })
                    }}
                </p>
            }
        })
        }
    };
    let described = {
        let error_id = format!("{id}-error");
        move || error().map(|_| error_id.clone())
    };
    let busy = move || context.view.with(|v| v.busy);
    let first = view.get_untracked();
    let Some(first) = first else {
        return ().into_any();
    };
    let control = match first.control {
        Control::Select => {
            let options = first
                .options
                .iter()
                .map(|(value, name)| {
                    let text = if name.trim().is_empty() {
                        value.clone()
                    } else {
                        name.clone()
                    };
                    view! { <option value=value.clone()>{text}</option> }
                })
                .collect_view();
            view! {
                <select
                    id=id.clone()
                    name=input.clone()
                    class="hanko-input"
                    part=first.part
                    required=first.required
                    aria-invalid=move || error().map(|_| "true")
                    aria-describedby=described.clone()
                    disabled=busy
                    prop:value=move || get(|v| Some(v.value.clone())).unwrap_or_default()
                >
                    {options}
                </select>
            }
            .into_any()
        }
        Control::Checkbox | Control::Field => view! {
            <input
                id=id.clone()
                name=input.clone()
                class="hanko-input"
                part=first.part
                type=first.html_type
                autocomplete=first.autocomplete
                inputmode=first.inputmode
                required=first.required
                minlength=first.min_length.map(|n| n.to_string())
                maxlength=first.max_length.map(|n| n.to_string())
                aria-invalid=move || error().map(|_| "true")
                aria-describedby=described.clone()
                disabled=busy
                prop:value=move || get(|v| Some(v.value.clone())).unwrap_or_default()
                prop:checked=move || get(|v| Some(v.value.clone())).as_deref() == Some("true")
            />
        }
        .into_any(),
    };
    view! {
        <div class="hanko-form-item" part="form-item" data-input=input.clone()>
            <label class="hanko-label" part="label" for=id>{label}</label>
            {control}
            {error_text}
        </div>
    }
    .into_any()
}

/// An action without inputs: a button, or a link-styled button for secondary actions. A
/// `wait` (the passcode resend countdown) disables it and announces the seconds left.
#[component]
fn ActionButton(
    context: FormContext,
    name: String,
    action: Memo<Option<ActionView>>,
    link: bool,
) -> impl IntoView {
    let t = context.t;
    let remaining = RwSignal::new(0u32);
    Effect::new(move |_| {
        let wait = action
            .with(|a| a.as_ref().and_then(|a| a.wait))
            .unwrap_or(0);
        remaining.set(wait);
        if wait > 0 {
            let tick = move || remaining.update(|r| *r = r.saturating_sub(1));
            if let Ok(handle) = set_interval_with_handle(tick, Duration::from_secs(1)) {
                on_cleanup(move || handle.clear());
            }
        }
    });
    let busy = move || context.view.with(|v| v.busy);
    let this_busy = action_busy(action);
    let label = action_label_of(action, t);
    let look = if link { Look::Link } else { Look::Secondary };
    let disabled = Signal::derive(move || busy() || remaining.get() != 0);
    let run = name.clone();
    let on_press = Callback::new(move |()| {
        if !disabled.get_untracked() {
            context.run(&run, BTreeMap::new());
        }
    });
    let countdown = move || {
        let left = remaining.get();
        (left > 0).then(|| t.with(|t| t.plural("texts.resend_in", u64::from(left))))
    };
    view! {
        {action_button(look, name, label, this_busy, disabled, Some(on_press))}
        <p class="hanko-countdown" part="paragraph" role="status" aria-live="polite">
            {countdown}
        </p>
    }
}

/// The label of a provider's button: `labels.sign_in_with_microsoft`, `labels.sign_up_with`, …
/// (sign-up wording in `registration_init`).
pub fn provider_label(t: &Translation, state: &str, id: &str, name: &str) -> String {
    let sign_up = state == "registration_init";
    let name = if name.trim().is_empty() {
        provider_display_name(id)
    } else {
        name.to_owned()
    };
    match (id, sign_up) {
        ("microsoft", false) => t.text("labels.sign_in_with_microsoft"),
        ("microsoft", true) => t.text("labels.sign_up_with_microsoft"),
        (_, false) => fill(&t.text("labels.sign_in_with"), &[("provider", &name)]),
        (_, true) => fill(&t.text("labels.sign_up_with"), &[("provider", &name)]),
    }
}

/// The provider buttons (`ul > li[part="form-item"] > button`), in the backend's order, keyed by
/// provider: the Microsoft button for `microsoft`, a neutral one otherwise. While a provider's
/// sign-in is under way its button is busy and every control is disabled; the button of the
/// `last_used` provider carries a "Last used" badge; a live status names where the browser goes.
#[component]
pub fn ProviderList(
    /// The state on screen.
    context: FormContext,
) -> impl IntoView {
    let t = context.t;
    let ids = move || {
        context
            .view
            .with(|v| v.providers.iter().map(|p| p.id.clone()).collect())
    };
    let leaving = move || {
        context.view.with(|v| {
            v.leaving.as_ref().map(|id| {
                let name = v
                    .providers
                    .iter()
                    .find(|p| &p.id == id)
                    .map(|p| p.name.clone())
                    .filter(|n| !n.trim().is_empty())
                    .unwrap_or_else(|| provider_display_name(id));
                view! {
                    <Status text=Signal::derive(move || fill(&t.read().text("texts.redirecting"), &[("provider", &name)]))/>
                }
            })
        })
    };
    view! {
        <ul class="hanko-form-list">
            {keyed_list(
                Box::new(ids),
                Arc::new(move |id: String| view! { <ProviderItem context id/> }.into_any()),
            )}
        </ul>
        {leaving}
    }
}

#[component]
fn ProviderItem(context: FormContext, id: String) -> impl IntoView {
    let t = context.t;
    // Read from the view model (a memo already) rather than from a memo per button: one memo
    // type fewer in the bundle.
    let label = {
        let id = id.clone();
        Signal::derive(move || {
            context.view.with(|v| {
                let name = v
                    .providers
                    .iter()
                    .find(|p| p.id == id)
                    .map(|p| p.name.as_str())
                    .unwrap_or_default();
                t.with(|t| provider_label(t, &v.state, &id, name))
            })
        })
    };
    let busy = {
        let id = id.clone();
        Signal::derive(move || {
            context
                .view
                .with(|v| v.providers.iter().any(|p| p.id == id && p.busy))
        })
    };
    let disabled = Signal::derive(move || context.view.with(|v| v.busy));
    let badge = {
        let id = id.clone();
        Signal::derive(move || {
            (context.last_used.read().as_deref() == Some(id.as_str()))
                .then(|| t.read().text("labels.last_used"))
        })
    };
    let chosen = id.clone();
    let on_press = Callback::new(move |()| {
        let mut inputs = BTreeMap::new();
        inputs.insert("provider".to_owned(), chosen.clone());
        context.run(PROVIDER_ACTION, inputs)
    });
    let button = if id == "microsoft" {
        view! { <MicrosoftButton label on_press busy disabled badge/> }.into_any()
    } else {
        view! { <ProviderButton id label on_press busy disabled badge/> }.into_any()
    };
    view! { <li class="hanko-form-item" part="form-item">{button}</li> }
}
