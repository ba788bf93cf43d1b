//! Focus moved on purpose when the screen changes under the user (see
//! [`crate::flow::model::moves_focus`]): if the focused control went away with the old screen,
//! focus goes to the new screen's first input, else its error message, else its headline, so a
//! keyboard or screen-reader user goes on where the new step begins instead of at the top of
//! the page. Focus that is still inside the element (a control that stays) or somewhere else on
//! the page is left alone.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::flow::model::{moves_focus, Screen};

/// Where focus goes on a new screen, the first match wins.
const TARGETS: [&str; 3] = [
    "input:not([type=hidden]):not([disabled]), select:not([disabled])",
    r#"[data-field="error-message"]"#,
    "h1",
];

/// Watches `screen` and moves focus into `container` when [`moves_focus`] says so.
pub fn follow_screen(container: NodeRef<html::Section>, screen: Signal<Screen>) {
    let last = StoredValue::new(None::<String>);
    Effect::new(move |_| {
        let name = screen.with(|s| s.name().to_owned());
        let from = last.get_value();
        if name != "loading" {
            last.set_value(Some(name.clone()));
        }
        if !moves_focus(from.as_deref(), &name) {
            return;
        }
        let Some(section) = container.get_untracked() else {
            return;
        };
        // After this update is drawn (and after the error notice took focus, if it did).
        request_animation_frame(move || focus_new_screen(&section));
    });
}

fn focus_new_screen(section: &web_sys::HtmlElement) {
    let Some(document) = section.owner_document() else {
        return;
    };
    let shadow = section
        .get_root_node()
        .dyn_into::<web_sys::ShadowRoot>()
        .ok();
    let focused_here = match &shadow {
        Some(shadow) => shadow.active_element(),
        None => document.active_element(),
    };
    if focused_here.is_some_and(|a| section.contains(Some(&a))) {
        return; // a control that stayed keeps it
    }
    let body: Option<web_sys::Element> = document.body().map(Into::into);
    let host = shadow.map(|s| s.host());
    let lost = match document.active_element() {
        None => true,
        Some(active) => Some(&active) == body.as_ref() || Some(&active) == host.as_ref(),
    };
    if !lost {
        return; // the user is somewhere else on the page
    }
    let target = TARGETS
        .iter()
        .find_map(|selector| section.query_selector(selector).ok().flatten())
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(target) = target {
        if target.get_attribute("tabindex").is_none() && target.tab_index() < 0 {
            let _ = target.set_attribute("tabindex", "-1");
        }
        let _ = target.focus();
    }
}
