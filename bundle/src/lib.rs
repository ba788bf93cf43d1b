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
//! `snippets/` (the custom-element shim; it must travel with the package) and, from
//! `scripts/build-bundle.sh`, `i18n/` (every language but English, loaded on demand). The release
//! build of `scripts/build-bundle.sh` bundles the shim into `hanko_elements.js`, so its `pkg/` has
//! no `snippets/`. Use wasm-opt from
//! binaryen ≥ 132 (older versions break wasm-bindgen 0.2.130 output).
//!
//! `scripts/build-bundle.sh` appends `bundle/register.js` to the module wasm-bindgen writes: the
//! `register` pages import, which loads the wasm on first use (no `init()` needed; the default
//! export `init` still works and is shared) and then calls `registerElements` below.
//!
//! Page usage, as with hanko-elements:
//!
//! ```html
//! <hanko-auth lang="en"></hanko-auth>
//! <script type="module">
//!   import { register } from "./pkg/hanko_elements.js";
//!   const { hanko } = await register("http://127.0.0.1:8000", { fallbackLanguage: "en" });
//!   hanko.onSessionCreated(({ claims }) => console.log(claims.subject));
//! </script>
//! ```

#[cfg(target_arch = "wasm32")]
mod entry {
    use wasm_bindgen::prelude::*;

    /// Defines `<hanko-auth>`, `<hanko-login>` and `<hanko-registration>` for the Hanko API at
    /// `api` (hanko-elements' `register(api, options)`; options: `shadow`, `injectStyles`,
    /// `translations`, `translationsLocation`, `languagesLocation`, `fallbackLanguage`, `storageKey`, `sessionTokenLocation`,
    /// `cookieSameSite`, `cookieDomain`, `sessionCheckInterval`; unknown keys are ignored).
    ///
    /// Returns `{ hanko }`, the `hanko` object (`hanko_elements::elements::hanko::Hanko`);
    /// throws an `Error` naming the bad option when an option has the wrong type or value.
    /// Pages call it through `register` (see the crate documentation), an `async` function, so
    /// that they get a promise that resolves to the same object or rejects with that error.
    /// Synchronous because nothing in it waits: an `async` export would carry a future and its
    /// promise glue for nothing.
    #[wasm_bindgen(js_name = registerElements)]
    pub fn register_elements(api: String, options: JsValue) -> Result<JsValue, JsValue> {
        // A panic reaches the console with its message, unless the build has no panic
        // machinery (the nightly build, `-Cpanic=immediate-abort`), where a hook would never run.
        #[cfg(not(panic = "immediate-abort"))]
        console_error_panic_hook::set_once();
        let hanko = hanko_elements::register_js(&api, &options)?;
        let result = js_sys::Object::new();
        js_sys::Reflect::set(&result, &"hanko".into(), &hanko.into())?;
        Ok(result.into())
    }
}
