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
}
