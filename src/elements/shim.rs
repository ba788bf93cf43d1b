//! The JavaScript side of the custom element: a class per tag that forwards its lifecycle
//! callbacks to Rust.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
let nextId = 1;

export function hanko_define(tag, observed, shadow, hooks) {
  if (customElements.get(tag)) return false;
  customElements.define(tag, class extends HTMLElement {
    static get observedAttributes() { return observed; }
    constructor() {
      super();
      this.__hankoId = nextId++;
      if (shadow && !this.shadowRoot) this.attachShadow({ mode: "open" });
    }
    connectedCallback() { hooks.connected(this, this.__hankoId); }
    disconnectedCallback() { hooks.disconnected(this, this.__hankoId); }
    attributeChangedCallback(name, oldValue, newValue) {
      if (oldValue !== newValue) hooks.attributeChanged(this, this.__hankoId, name, newValue);
    }
  });
  return true;
}

// <hanko-events>: no view; relays the page's session events onto itself, as hanko-elements does.
const relayed = [
  ["hanko-session-created", "onSessionCreated"],
  ["hanko-session-expired", "onSessionExpired"],
  ["hanko-user-logged-out", "onUserLoggedOut"],
  ["hanko-user-deleted", "onUserDeleted"],
];

export function hanko_define_events(tag) {
  if (customElements.get(tag)) return false;
  customElements.define(tag, class extends HTMLElement {
    connectedCallback() {
      this.__hankoRelay = relayed.map(([from, to]) => {
        const relay = (event) => this.dispatchEvent(
          new CustomEvent(to, { detail: event.detail, bubbles: false, composed: true }),
        );
        document.addEventListener(from, relay);
        return [from, relay];
      });
    }
    disconnectedCallback() {
      for (const [from, relay] of this.__hankoRelay ?? []) document.removeEventListener(from, relay);
      this.__hankoRelay = [];
    }
  });
  return true;
}
"#)]
extern "C" {
    /// Defines `tag` unless it is already defined (then returns `false`). `hooks` holds the
    /// functions `connected(el, id)`, `disconnected(el, id)` and
    /// `attributeChanged(el, id, name, value)`; `id` is unique per element instance.
    #[wasm_bindgen(catch)]
    pub(crate) fn hanko_define(
        tag: &str,
        observed: js_sys::Array,
        shadow: bool,
        hooks: &js_sys::Object,
    ) -> Result<bool, JsValue>;

    /// Defines `tag` as `<hanko-events>` (no view; re-dispatches `hanko-session-created`,
    /// `-expired`, `hanko-user-logged-out`, `-deleted` on itself as `onSessionCreated`, ...)
    /// unless it is already defined (then returns `false`).
    #[wasm_bindgen(catch)]
    pub(crate) fn hanko_define_events(tag: &str) -> Result<bool, JsValue>;
}
