//! The standalone bundle of hanko-elements for pages that are not written in Rust.
//!
//! Build (from the workspace root):
//!
//! ```sh
//! cargo build --release --target wasm32-unknown-unknown -p hanko-elements-bundle \
//!   && wasm-bindgen --target web --out-dir pkg --out-name hanko_elements \
//!        target/wasm32-unknown-unknown/release/hanko_elements_bundle.wasm \
//!   && wasm-opt -Oz pkg/hanko_elements_bg.wasm -o pkg/hanko_elements_bg.wasm
//! ```
//!
//! `pkg/` then holds `hanko_elements.js`, `hanko_elements_bg.wasm`, `hanko_elements.d.ts` and
//! `snippets/` (the custom-element shim; it must travel with the package). Use wasm-opt from
//! binaryen ≥ 132 (older versions break wasm-bindgen 0.2.130 output).
//!
//! Page usage:
//!
//! ```html
//! <hanko-auth lang="en"></hanko-auth>
//! <script type="module">
//!   import init, { register } from "./pkg/hanko_elements.js";
//!   await init();
//!   const { hanko } = await register("http://127.0.0.1:8000", { fallbackLanguage: "en" });
//!   console.log(hanko.api);
//! </script>
//! ```

#[cfg(target_arch = "wasm32")]
mod entry {
    use wasm_bindgen::prelude::*;

    /// Defines `<hanko-auth>`, `<hanko-login>` and `<hanko-registration>` for the Hanko API at
    /// `api` (hanko-elements' `register(api, options)`; options: `shadow`, `injectStyles`,
    /// `translations`, `translationsLocation`, `fallbackLanguage`, `storageKey`, `sessionTokenLocation`,
    /// `cookieSameSite`, `cookieDomain`, `sessionCheckInterval`; unknown keys are ignored).
    ///
    /// Resolves to `{ hanko: { api } }`; rejects with an `Error` naming the bad option when an
    /// option has the wrong type or value.
    #[wasm_bindgen]
    pub async fn register(api: String, options: JsValue) -> Result<JsValue, JsValue> {
        console_error_panic_hook::set_once();
        hanko_elements::register_js(&api, &options)?;
        let hanko = js_sys::Object::new();
        js_sys::Reflect::set(&hanko, &"api".into(), &JsValue::from_str(api.trim()))?;
        let result = js_sys::Object::new();
        js_sys::Reflect::set(&result, &"hanko".into(), &hanko)?;
        Ok(result.into())
    }
}
