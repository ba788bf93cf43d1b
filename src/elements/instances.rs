//! Per-instance state of the custom elements: one entry per connected element, keyed by the id the
//! shim gives each element.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::tachys::view::any_view::AnyViewState;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use super::attributes::{Attributes, Theme, OBSERVED};
use super::component::AuthRoot;
use super::Registration;
use crate::controller::EventSink;
use crate::ui::components::stylesheet;

/// A mounted view: its unmount handle and the isolated root owner it lives under.
struct Mounted {
    handle: Option<UnmountHandle<AnyViewState>>,
    root: Owner,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        drop(self.handle.take());
        self.root.cleanup();
    }
}

/// One connected element.
struct Instance {
    attrs: ArcRwSignal<Attributes>,
    mounted: Option<Mounted>,
}

thread_local! {
    static INSTANCES: RefCell<HashMap<u32, Instance>> = RefCell::new(HashMap::new());
}

/// The element's current observed attributes, read from the DOM.
fn read_attributes(el: &HtmlElement) -> Attributes {
    let mut attrs = Attributes::default();
    for name in OBSERVED {
        attrs.set(name, el.get_attribute(name));
    }
    attrs
}

/// `connectedCallback`: mounts the view unless this is a move of an already mounted element.
pub(crate) fn connected(el: HtmlElement, id: u32, registration: Rc<Registration>) {
    if INSTANCES.with(|m| m.borrow().contains_key(&id)) {
        return;
    }
    let attrs = ArcRwSignal::new(read_attributes(&el));
    INSTANCES.with(|m| {
        m.borrow_mut().insert(
            id,
            Instance {
                attrs: attrs.clone(),
                mounted: None,
            },
        )
    });
    let inject = registration.options.inject_styles;
    let target: HtmlElement = match el.shadow_root() {
        Some(shadow) => {
            if inject {
                stylesheet::adopt_into_shadow_root(&shadow);
            }
            shadow.unchecked_into()
        }
        None => {
            if inject {
                stylesheet::adopt_into_document();
            }
            el.clone()
        }
    };
    let tag = el.local_name();
    let root = Owner::new_root(None);
    let handle = root.with(move || {
        mount_to(target, move || {
            let api = {
                let attrs = attrs.clone();
                let registered = registration.api.clone();
                Memo::new(move |_| attrs.with(|a| a.api_or(&registered)))
            };
            let flow = {
                let attrs = attrs.clone();
                Signal::derive(move || attrs.with(|a| a.flow(&tag)))
            };
            let lang = {
                let attrs = attrs.clone();
                Signal::derive(move || attrs.with(|a| a.lang.clone().unwrap_or_default()))
            };
            let theme = {
                let attrs = attrs.clone();
                Signal::derive(move || attrs.with(|a| Theme::parse(a.theme.as_deref())))
            };
            let prefill = Signal::derive(move || attrs.with(Attributes::prefill));
            let setup = SendWrapper::new((registration, el));
            (move || {
                let (registration, host) = (*setup).clone();
                let options = Rc::new(registration.options.clone());
                let events = EventSink::new(Some(host.unchecked_into()));
                view! { <AuthRoot api=api.get() flow lang theme prefill options events/> }
            })
            .into_any()
        })
    });
    INSTANCES.with(|m| {
        if let Some(instance) = m.borrow_mut().get_mut(&id) {
            instance.mounted = Some(Mounted {
                handle: Some(handle),
                root,
            });
        }
    });
}

/// `disconnectedCallback`: unmounts after the current task unless the element was re-inserted
/// (a move fires disconnect and connect synchronously).
pub(crate) fn disconnected(el: HtmlElement, id: u32) {
    wasm_bindgen_futures::spawn_local(async move {
        let resolved = js_sys::Promise::resolve(&wasm_bindgen::JsValue::UNDEFINED);
        let _ = wasm_bindgen_futures::JsFuture::from(resolved).await;
        if el.is_connected() {
            return;
        }
        let removed = INSTANCES.with(|m| m.borrow_mut().remove(&id));
        drop(removed);
    });
}

/// `attributeChangedCallback`: updates a connected element's attributes (a not yet connected
/// element reads its attributes when it connects).
pub(crate) fn attribute_changed(id: u32, name: String, value: Option<String>) {
    let attrs = INSTANCES.with(|m| m.borrow().get(&id).map(|i| i.attrs.clone()));
    if let Some(attrs) = attrs {
        attrs.update(|a| a.set(&name, value));
    }
}

/// Whether the element `el` (one of ours) has a mounted view (for tests and diagnostics).
pub fn is_mounted(el: &HtmlElement) -> bool {
    let id = js_sys::Reflect::get(el, &wasm_bindgen::JsValue::from_str("__hankoId"))
        .ok()
        .and_then(|id| id.as_f64());
    id.is_some_and(|id| {
        INSTANCES.with(|m| {
            m.borrow()
                .get(&(id as u32))
                .is_some_and(|i| i.mounted.is_some())
        })
    })
}
