//! The styling page (`#styling`): a `<hanko-auth>` beside one input per custom property of
//! [`PROPERTIES`], each with its defaults, applied live to the element (a value the browser
//! refuses for the property is not applied); the theme switch; and the CSS the applied values add
//! up to.

use leptos::html::Custom;
use leptos::prelude::*;

use crate::app::ThemeSelect;
use crate::properties::{Property, PROPERTIES};

/// A property and the value chosen for it (`None`: the element's default).
#[derive(Clone, Copy)]
struct Choice {
    property: &'static Property,
    value: RwSignal<Option<String>>,
}

impl Choice {
    /// The chosen value if the browser takes it for the property (`CSS.supports`), else `None`:
    /// a value the browser would refuse is not set, so the element shows the default.
    fn applied(&self) -> Option<String> {
        let name = self.property.name;
        self.value
            .get()
            .filter(|value| web_sys::css::supports_with_value(name, value).unwrap_or(false))
    }

    /// Whether a value is chosen that the browser refuses.
    fn refused(&self) -> bool {
        self.value.with(Option::is_some) && self.applied().is_none()
    }
}

/// Whether the element's scheme is dark: `theme` is `dark`, or `auto` on a system in dark mode.
fn is_dark(theme: &str) -> bool {
    match theme {
        "dark" => true,
        "light" => false,
        _ => window()
            .match_media("(prefers-color-scheme: dark)")
            .ok()
            .flatten()
            .is_some_and(|query| query.matches()),
    }
}

/// The CSS rule for the values applied, to copy into a page.
fn css_rule(choices: &[Choice]) -> String {
    let declarations: String = choices
        .iter()
        .filter_map(|choice| {
            choice
                .applied()
                .map(|value| format!("  {}: {value};\n", choice.property.name))
        })
        .collect();
    if declarations.is_empty() {
        "/* every property at its default */".to_owned()
    } else {
        format!("hanko-auth {{\n{declarations}}}")
    }
}

/// The styling page.
#[component]
pub fn StylingPage() -> impl IntoView {
    let theme = RwSignal::new("auto".to_owned());
    let element = NodeRef::<Custom<&'static str>>::new();
    let choices: Vec<Choice> = PROPERTIES
        .iter()
        .map(|property| Choice {
            property,
            value: RwSignal::new(None),
        })
        .collect();

    let applied = choices.clone();
    Effect::new(move |_| {
        let Some(element) = element.get() else {
            return;
        };
        let style = element.style();
        for choice in &applied {
            let name = choice.property.name;
            let result = match choice.applied() {
                Some(value) => style.set_property(name, &value),
                None => style.remove_property(name).map(drop),
            };
            if let Err(error) = result {
                leptos::logging::error!("setting {name} failed: {error:?}");
            }
        }
    });

    let rule_choices = choices.clone();
    let reset_choices = choices.clone();
    let rows = choices
        .into_iter()
        .map(|choice| view! { <PropertyRow choice theme/> })
        .collect_view();

    view! {
        <main class="demo-main">
            <section class="demo-card demo-styling-preview" aria-label="Preview">
                <div class="demo-controls">
                    <ThemeSelect theme/>
                    <button
                        type="button"
                        on:click=move |_| reset_choices.iter().for_each(|choice| choice.value.set(None))
                    >
                        "Reset all"
                    </button>
                </div>
                <hanko-auth node_ref=element theme=move || theme.get()></hanko-auth>
                <pre class="demo-css" aria-label="CSS for these choices">{move || css_rule(&rule_choices)}</pre>
            </section>
            <section class="demo-log demo-styling" aria-labelledby="styling-title">
                <h2 id="styling-title">"CSS custom properties"</h2>
                <p class="demo-hint">
                    "Set on the element or an ancestor, they reach inside its shadow root. A value set here wins in both schemes; Reset returns to the default."
                </p>
                <table>
                    <thead>
                        <tr>
                            <th scope="col">"property"</th>
                            <th scope="col">"value"</th>
                            <th scope="col">"default (light / dark)"</th>
                            <th scope="col">"styles"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </section>
        </main>
    }
}

/// One property: its name, an input (a colour picker for colours, else text), a reset button and
/// a note when the browser refuses the value typed, its defaults, and what it styles.
#[component]
fn PropertyRow(choice: Choice, theme: RwSignal<String>) -> impl IntoView {
    let property = choice.property;
    let id = format!("property{}", property.name);
    let default_for_theme = move || {
        if theme.with(|theme| is_dark(theme)) {
            property.dark_default()
        } else {
            property.light
        }
    };
    let defaults = match property.dark {
        Some(dark) => format!("{} / {dark}", property.light),
        None => property.light.to_owned(),
    };
    let input = if property.is_colour() {
        view! {
            <input
                id=id.clone()
                type="color"
                prop:value=move || choice.value.get().unwrap_or_else(|| default_for_theme().to_owned())
                on:input=move |ev| choice.value.set(Some(event_target_value(&ev)))
            />
        }
        .into_any()
    } else {
        view! {
            <input
                id=id.clone()
                type="text"
                placeholder=property.light
                aria-invalid=move || choice.refused().then_some("true")
                prop:value=move || choice.value.get().unwrap_or_default()
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    choice.value.set((!value.trim().is_empty()).then_some(value));
                }
            />
        }
        .into_any()
    };
    view! {
        <tr>
            <th scope="row"><label for=id><code>{property.name}</code></label></th>
            <td>
                <div class="demo-value">
                    {input}
                    <button
                        type="button"
                        aria-label=format!("Reset {}", property.name)
                        disabled=move || choice.value.with(Option::is_none)
                        on:click=move |_| choice.value.set(None)
                    >
                        "Reset"
                    </button>
                    <Show when=move || choice.refused()>
                        <span class="demo-refused">"not a valid value: the default applies"</span>
                    </Show>
                </div>
            </td>
            <td><code>{defaults}</code></td>
            <td>{property.styles}</td>
        </tr>
    }
}
