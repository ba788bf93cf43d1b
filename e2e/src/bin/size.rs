//! Size breakdown of the bundle's wasm (not a test): where the bytes go, by category and by our
//! own module paths, and the largest items, from `twiggy top` on a build that keeps its function
//! names (`scripts/build-bundle.sh --names FILE`). With `--base FILE`, a second such build (of a
//! base revision) is shown beside it with the difference.
//!
//! ```text
//! cargo run -p hanko-e2e --bin size -- [--base BASE.wasm] CURRENT.wasm
//! ```
//!
//! Run through `scripts/bench.sh`, which builds both files and needs `twiggy` on `PATH`
//! (`scripts/setup.sh --bench`). Sizes are of the wasm before compression; the name section that
//! the named build carries (and the shipped one does not) is left out.

use anyhow::Context as _;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// Largest items listed.
const TOP_ITEMS: usize = 15;

/// Depth of the module paths our own code is grouped by (`hanko_elements::ui::overrides`).
const MODULE_DEPTH: usize = 3;

/// The categories, first match wins: what a name contains decides.
const CATEGORIES: &[(&str, &[&str])] = &[
    (
        "panics",
        &[
            "panic",
            "unwrap_failed",
            "expect_failed",
            "core::result::unwrap",
            "core::option::unwrap",
        ],
    ),
    ("serde, serde_json", &["serde"]),
    (
        "formatting (core::fmt)",
        &["core::fmt", "alloc::fmt", "::fmt::"],
    ),
    (
        "allocator",
        &[
            "dlmalloc",
            "__rust_alloc",
            "__rust_dealloc",
            "__rust_realloc",
            "__rdl_",
            "alloc::raw_vec",
            "alloc::alloc",
        ],
    ),
    (
        "Leptos (views, reactivity)",
        &[
            "leptos",
            "tachys",
            "reactive_graph",
            "any_spawner",
            "or_poisoned",
            "throw_error",
            "server_fn",
            "reactive_stores",
            "oco_ref",
            "send_wrapper",
            "slotmap",
            "futures_",
        ],
    ),
    (
        "wasm-bindgen, js-sys, web-sys, gloo",
        &[
            "wasm_bindgen",
            "js_sys",
            "web_sys",
            "__wbindgen",
            "__wbg",
            "gloo",
            "__externref",
            "externref shim",
            "intounderlying",
        ],
    ),
    (
        "our translations (hanko_elements::i18n)",
        &["hanko_elements::i18n"],
    ),
    ("our other code (hanko_elements*)", &["hanko_elements"]),
    (
        "data segments (strings: translations, CSS, ...)",
        &["data segment", "data["],
    ),
    (
        "std, core, alloc (other)",
        &[
            "core::",
            "core[",
            "alloc::",
            "alloc[",
            "std::",
            "std[",
            "<char",
            "<str",
            "<[",
            "<usize",
            "<u8",
            "<u16",
            "<u32",
            "<u64",
            "<i32",
            "<i64",
            "<f64",
            "<bool",
            "hashbrown",
            "compiler_builtins",
            "memcpy",
            "memset",
            "memmove",
            "memcmp",
        ],
    ),
    (
        "other crates (indexmap, zmij, url, idna, ...)",
        &[
            "indexmap",
            "zmij",
            "url::",
            "idna",
            "percent_encoding",
            "form_urlencoded",
            "base64",
            "itoa",
            "ryu",
            "memchr",
            "slab",
            "pin_project",
            "icu_",
            "zerovec",
            "smallvec",
            "either",
            "paste",
            "thiserror",
            "http::",
            "bytes::",
            "console_error_panic_hook",
        ],
    ),
    (
        "wasm structure (types, imports, exports, tables)",
        &[
            "type[",
            "import ",
            "export ",
            "elem[",
            "table[",
            "global[",
            "memory[",
            "code section headers",
            "section headers",
        ],
    ),
];

/// Anything no category names (mostly functions that lost their names to merging).
const OTHER: &str = "other (unnamed functions)";

/// One item of `twiggy top --format json`.
#[derive(Debug)]
struct Item {
    name: String,
    size: u64,
}

/// The items of the named wasm at `path`, without its name section.
fn items(path: &Path) -> anyhow::Result<Vec<Item>> {
    let output = Command::new("twiggy")
        .args(["top", "--format", "json", "-n", "1000000"])
        .arg(path)
        .output()
        .context("running twiggy (install it with scripts/setup.sh --bench)")?;
    anyhow::ensure!(
        output.status.success(),
        "twiggy failed on {}: {}",
        path.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    parse(&output.stdout).with_context(|| format!("reading twiggy's answer on {}", path.display()))
}

/// Parses `twiggy top --format json` (an array of `{name, shallow_size, ...}`).
fn parse(json: &[u8]) -> anyhow::Result<Vec<Item>> {
    let value: serde_json::Value = serde_json::from_slice(json)?;
    let rows = value.as_array().context("not a JSON array")?;
    let mut items = Vec::with_capacity(rows.len());
    for row in rows {
        let name = row["name"].as_str().context("an item without a name")?;
        let size = row["shallow_size"]
            .as_u64()
            .with_context(|| format!("no shallow_size for {name}"))?;
        if !in_name_section(name) {
            items.push(Item {
                name: without_disambiguators(name),
                size,
            });
        }
    }
    Ok(items)
}

/// `name` without the crate disambiguators of v0 symbol names (`core[c5930c85a12de822]::str`
/// becomes `core::str`), so that builds with either mangling compare.
fn without_disambiguators(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    while let Some(open) = rest.find('[') {
        let (before, from) = rest.split_at(open);
        out.push_str(before);
        let hash = from
            .get(1..17)
            .filter(|h| h.chars().all(|c| c.is_ascii_hexdigit()));
        if hash.is_some() && from.get(17..18) == Some("]") {
            rest = &from[18..];
        } else {
            out.push('[');
            rest = &from[1..];
        }
    }
    out.push_str(rest);
    out
}

/// True for the parts of the name section, which only the named build carries.
fn in_name_section(name: &str) -> bool {
    name.contains("\" subsection") || name.contains("custom section 'name'")
}

/// The category of an item's name.
fn category(name: &str) -> &'static str {
    CATEGORIES
        .iter()
        .find(|(_, needles)| needles.iter().any(|needle| name.contains(needle)))
        .map_or(OTHER, |(label, _)| label)
}

/// The first of our module paths an item's name mentions, cut to [`MODULE_DEPTH`] segments
/// (`hanko_elements::ui::overrides`), or `None` for items that name none of ours.
fn our_module(name: &str) -> Option<String> {
    let start = ["hanko_elements::", "hanko_elements_bundle::"]
        .iter()
        .filter_map(|crate_path| name.find(crate_path))
        .min()?;
    let path: String = name[start..]
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
        .collect();
    let mut segments: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
    if segments.last().is_some_and(|last| is_hash(last)) {
        segments.pop();
    }
    // The last segment of a path is the item itself (a function or a type), not a module;
    // segments that start with an upper-case letter are types, also not modules.
    let modules: Vec<&str> = segments[..segments.len().saturating_sub(1)]
        .iter()
        .take_while(|s| !s.starts_with(|c: char| c.is_uppercase()))
        .take(MODULE_DEPTH)
        .copied()
        .collect();
    Some(if modules.is_empty() {
        segments
            .first()
            .copied()
            .unwrap_or("hanko_elements")
            .to_owned()
    } else {
        modules.join("::")
    })
}

/// True for the hash rustc appends to a symbol (`h0123456789abcdef`).
fn is_hash(segment: &str) -> bool {
    segment.len() == 17
        && segment.starts_with('h')
        && segment[1..].chars().all(|c| c.is_ascii_hexdigit())
}

/// Bytes per key, by `key` of each item.
fn totals<'a>(
    items: &'a [Item],
    key: impl Fn(&'a Item) -> Option<String>,
) -> BTreeMap<String, u64> {
    let mut totals = BTreeMap::new();
    for item in items {
        if let Some(key) = key(item) {
            *totals.entry(key).or_insert(0) += item.size;
        }
    }
    totals
}

/// A table of `current` (and `base` beside it, when given), largest first.
fn table(
    title: &str,
    current: &BTreeMap<String, u64>,
    base: Option<&BTreeMap<String, u64>>,
    whole: u64,
) {
    println!("\n{title}");
    let mut keys: Vec<&String> = current
        .keys()
        .chain(base.into_iter().flat_map(|b| b.keys()))
        .collect();
    keys.sort();
    keys.dedup();
    keys.sort_by_key(|key| std::cmp::Reverse(current.get(*key).copied().unwrap_or(0)));
    let width = keys
        .iter()
        .map(|k| k.chars().count())
        .max()
        .unwrap_or(0)
        .max(8);
    match base {
        Some(_) => println!(
            "  {:<width$} {:>9} {:>7} {:>9} {:>9}",
            "", "bytes", "share", "base", "change"
        ),
        None => println!("  {:<width$} {:>9} {:>7}", "", "bytes", "share"),
    }
    for key in keys {
        let now = current.get(key).copied().unwrap_or(0);
        let share = percent(now, whole);
        match base {
            Some(base) => {
                let before = base.get(key).copied().unwrap_or(0);
                println!(
                    "  {key:<width$} {now:>9} {share:>6.1}% {before:>9} {:>+9}",
                    signed(now, before)
                );
            }
            None => println!("  {key:<width$} {now:>9} {share:>6.1}%"),
        }
    }
}

fn percent(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        // Sizes of a wasm module are far below 2^52: exact as f64.
        part as f64 * 100.0 / whole as f64
    }
}

fn signed(now: u64, before: u64) -> i64 {
    i64::try_from(now).unwrap_or(i64::MAX) - i64::try_from(before).unwrap_or(i64::MAX)
}

fn report(current_path: &Path, base_path: Option<&Path>) -> anyhow::Result<()> {
    let current = items(current_path)?;
    let base = base_path.map(items).transpose()?;
    let whole: u64 = current.iter().map(|item| item.size).sum();
    let by_category = |items: &[Item]| totals(items, |item| Some(category(&item.name).to_owned()));
    let by_module = |items: &[Item]| totals(items, |item| our_module(&item.name));

    print!(
        "\nwhere the wasm's bytes go (twiggy, before gzip, {} items, {whole} B",
        current.len()
    );
    if let Some(base) = &base {
        print!(
            "; base {} B",
            base.iter().map(|item| item.size).sum::<u64>()
        );
    }
    println!(")");
    table(
        "by category (each item counted once, first match: panics, serde, fmt, allocator, Leptos, wasm-bindgen, ours, data, std)",
        &by_category(&current),
        base.as_deref().map(by_category).as_ref(),
        whole,
    );
    table(
        "by our module path (every item that names one, incl. generic instantiations and serde impls)",
        &by_module(&current),
        base.as_deref().map(by_module).as_ref(),
        whole,
    );

    println!("\nlargest {TOP_ITEMS} items");
    let mut largest: Vec<&Item> = current.iter().collect();
    largest.sort_by_key(|item| std::cmp::Reverse(item.size));
    for item in largest.into_iter().take(TOP_ITEMS) {
        let name: String = item.name.chars().take(110).collect();
        println!(
            "  {:>7} {:>5.1}%  {name}",
            item.size,
            percent(item.size, whole)
        );
    }
    Ok(())
}

fn main() {
    let mut args = std::env::args_os().skip(1);
    let mut base = None;
    let mut current = None;
    while let Some(arg) = args.next() {
        if arg == "--base" {
            base = args.next();
        } else {
            current = Some(arg);
        }
    }
    let Some(current) = current else {
        eprintln!("usage: size [--base BASE.wasm] CURRENT.wasm");
        std::process::exit(2);
    };
    if let Err(error) = report(Path::new(&current), base.as_deref().map(Path::new)) {
        eprintln!("size: {error:#}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_follow_what_the_names_contain() {
        let cases = [
            ("core::panicking::panic_fmt::h0123", "panics"),
            (
                "<hanko_elements::flow::State as serde::de::Deserialize>::deserialize::h1",
                "serde, serde_json",
            ),
            (
                "<&T as core::fmt::Display>::fmt::h2",
                "formatting (core::fmt)",
            ),
            ("dlmalloc::dlmalloc::Dlmalloc<A>::malloc::h3", "allocator"),
            (
                "tachys::html::element::ElementType::h4",
                "Leptos (views, reactivity)",
            ),
            (
                "wasm_bindgen::convert::closures::invoke::h5",
                "wasm-bindgen, js-sys, web-sys, gloo",
            ),
            (
                "hanko_elements::i18n::Lang::translation::h6",
                "our translations (hanko_elements::i18n)",
            ),
            (
                "hanko_elements::controller::Controller::run::{{closure}}",
                "our other code (hanko_elements*)",
            ),
            (
                "data segment \".rodata.27\"",
                "data segments (strings: translations, CSS, ...)",
            ),
            ("data[0]", "data segments (strings: translations, CSS, ...)"),
            ("core::str::from_utf8::h7", "std, core, alloc (other)"),
            (
                "core[c5930c85a12de822]::str::slice_error_fail",
                "std, core, alloc (other)",
            ),
            (
                "indexmap::set::IndexSet<T,S>::insert::h5d75cf069e14e68d",
                "other crates (indexmap, zmij, url, idna, ...)",
            ),
            (
                "intounderlyingsource_pull externref shim",
                "wasm-bindgen, js-sys, web-sys, gloo",
            ),
            ("code[2040]", OTHER),
        ];
        for (name, expected) in cases {
            assert_eq!(category(name), expected, "{name}");
        }
    }

    #[test]
    fn our_items_group_by_their_module_path() {
        assert_eq!(
            our_module("hanko_elements::ui::overrides::otp::view::h0123456789abcdef").as_deref(),
            Some("hanko_elements::ui::overrides")
        );
        assert_eq!(
            our_module("<hanko_elements::i18n::Catalog as core::default::Default>::default")
                .as_deref(),
            Some("hanko_elements::i18n")
        );
        assert_eq!(
            our_module(
                "tachys::view::Render for hanko_elements::components::auth::AuthView::build"
            )
            .as_deref(),
            Some("hanko_elements::components::auth")
        );
        assert_eq!(
            our_module("hanko_elements::pages::notice_view::h0521dfc72221f5d4").as_deref(),
            Some("hanko_elements::pages")
        );
        assert_eq!(
            our_module("hanko_elements::api::types::_::<impl serde_core::de::Deserialize for X>")
                .as_deref(),
            Some("hanko_elements::api::types")
        );
        assert_eq!(
            our_module("hanko_elements::register_js").as_deref(),
            Some("hanko_elements")
        );
        assert_eq!(our_module("leptos::mount::mount_to::h1"), None);
        assert_eq!(
            our_module("import ./hanko_elements_bg.js::__wbg_new_1a2b"),
            None
        );
    }

    #[test]
    fn the_name_section_is_left_out() -> anyhow::Result<()> {
        let json = br#"[
            {"name": "\"function names\" subsection", "shallow_size": 900, "shallow_size_percent": 9.0},
            {"name": "hanko_elements::flow::step", "shallow_size": 100, "shallow_size_percent": 1.0},
            {"name": "data[3]", "shallow_size": 50, "shallow_size_percent": 0.5}
        ]"#;
        let items = parse(json)?;
        let names: Vec<&str> = items.iter().map(|item| item.name.as_str()).collect();
        assert_eq!(names, ["hanko_elements::flow::step", "data[3]"]);
        assert_eq!(items.iter().map(|item| item.size).sum::<u64>(), 150);
        Ok(())
    }

    #[test]
    fn crate_disambiguators_are_dropped() {
        assert_eq!(
            without_disambiguators(
                "<hanko_elements[754daec7ab07abb9]::controller::Controller>::dispatch"
            ),
            "<hanko_elements::controller::Controller>::dispatch"
        );
        assert_eq!(without_disambiguators("data[27]"), "data[27]");
        assert_eq!(without_disambiguators("<[u8]>::eq"), "<[u8]>::eq");
        assert_eq!(
            our_module(&without_disambiguators(
                "<hanko_elements[754daec7ab07abb9]::i18n::Lang>::translation"
            ))
            .as_deref(),
            Some("hanko_elements::i18n")
        );
    }

    #[test]
    fn a_malformed_answer_is_an_error() {
        assert!(parse(b"{\"items\": []}").is_err());
        assert!(parse(br#"[{"name": "x"}]"#).is_err());
    }
}
