//! The one shared constructable stylesheet (`style/*.css`), parsed once per page.

use std::cell::Cell;

use wasm_bindgen::JsValue;
use web_sys::{CssStyleSheet, ShadowRoot};

/// The element's CSS: `style/hanko.css`, the error notice's `style/error_notice.css` and the
/// generic form's `src/ui/form.css`, minified by `build.rs`.
pub const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/hanko.css"));

thread_local! {
    static SHEET: Option<CssStyleSheet> = build();
    static IN_DOCUMENT: Cell<bool> = const { Cell::new(false) };
}

fn build() -> Option<CssStyleSheet> {
    let sheet = CssStyleSheet::new().ok()?;
    sheet.replace_sync(CSS).ok()?;
    Some(sheet)
}

/// The shared sheet, or `None` in a browser without constructable stylesheets.
pub fn shared_sheet() -> Option<CssStyleSheet> {
    SHEET.with(Clone::clone)
}

/// Makes the shared sheet the shadow root's only adopted sheet.
pub fn adopt_into_shadow_root(root: &ShadowRoot) {
    if let Some(sheet) = shared_sheet() {
        root.set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
    }
}

/// Appends the shared sheet to `document.adoptedStyleSheets` once per page (for the light-DOM
/// [`crate::HankoAuth`] component and `shadow: false` elements; all classes are `hanko-` prefixed).
pub fn adopt_into_document() {
    if IN_DOCUMENT.with(Cell::get) {
        return;
    }
    let (Some(sheet), Some(document)) =
        (shared_sheet(), web_sys::window().and_then(|w| w.document()))
    else {
        return;
    };
    let sheets = document.adopted_style_sheets();
    if !sheets.includes(&JsValue::from(&sheet), 0) {
        sheets.push(&sheet);
        document.set_adopted_style_sheets(&sheets);
    }
    IN_DOCUMENT.with(|done| done.set(true));
}
