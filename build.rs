//! Writes the element's stylesheet, minified (`build/minify_css.rs`), to `OUT_DIR/hanko.css`:
//! `style/hanko.css`, `style/error_notice.css` and `src/ui/form.css`, in that order.

#[path = "build/minify_css.rs"]
mod minify_css;

use std::path::PathBuf;

const SOURCES: [&str; 3] = [
    "style/hanko.css",
    "style/error_notice.css",
    "src/ui/form.css",
];

fn main() {
    let mut css = String::new();
    for source in SOURCES {
        println!("cargo:rerun-if-changed={source}");
        match std::fs::read_to_string(source) {
            Ok(text) => {
                css.push_str(&text);
                css.push('\n');
            }
            Err(error) => panic!("build.rs: reading {source}: {error}"),
        }
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    if let Err(error) = std::fs::write(out.join("hanko.css"), minify_css::minify_css(&css)) {
        panic!("build.rs: writing hanko.css: {error}");
    }
}
