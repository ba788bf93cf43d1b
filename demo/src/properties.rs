//! The CSS custom properties the element's stylesheet reads, with their defaults: the one list
//! the styling page draws its inputs from. The tests below compare it with the stylesheet
//! (`style/*.css`, `src/ui/**/*.css`), so a property the stylesheet stops reading, or starts to,
//! fails them, and with the README's table of custom properties (names, defaults, what each
//! styles), so the documentation cannot drift from either.

/// A public CSS custom property of `<hanko-auth>`.
pub struct Property {
    /// Its name, e.g. `--brand-color`.
    pub name: &'static str,
    /// The default in the light scheme (and the dark one unless [`Property::dark`] says otherwise).
    pub light: &'static str,
    /// The default in the dark scheme, where it differs.
    pub dark: Option<&'static str>,
    /// What it styles.
    pub styles: &'static str,
}

impl Property {
    /// Whether it is a colour (its defaults are `#rrggbb`, what a colour picker takes).
    pub fn is_colour(&self) -> bool {
        self.light.starts_with('#')
    }

    /// The default in the dark scheme.
    pub fn dark_default(&self) -> &'static str {
        self.dark.unwrap_or(self.light)
    }
}

const fn colour(
    name: &'static str,
    light: &'static str,
    dark: &'static str,
    styles: &'static str,
) -> Property {
    Property {
        name,
        light,
        dark: Some(dark),
        styles,
    }
}

const fn other(name: &'static str, default: &'static str, styles: &'static str) -> Property {
    Property {
        name,
        light: default,
        dark: None,
        styles,
    }
}

/// Every custom property the stylesheet reads, in its order.
pub const PROPERTIES: &[Property] = &[
    colour("--color", "#171717", "#f2f2f2", "text; secondary button and input text"),
    colour(
        "--color-shade-1",
        "#66676c",
        "#a3a3ad",
        "secondary text (error details, support line, resend countdown, the \"or\" divider); secondary button and input border; disabled button text",
    ),
    colour(
        "--color-shade-2",
        "#e5e6ef",
        "#3b3b45",
        "disabled button border; the lines of the \"or\" divider",
    ),
    colour(
        "--brand-color",
        "#4661e6",
        "#7b91ff",
        "primary button background and border; focus ring; the status spinner",
    ),
    colour(
        "--brand-color-shade-1",
        "#3a52cc",
        "#98a9ff",
        "primary button background and border on hover",
    ),
    colour(
        "--brand-contrast-color",
        "#ffffff",
        "#0b0b14",
        "primary button text",
    ),
    colour(
        "--background-color",
        "#ffffff",
        "#1b1b1f",
        "container, secondary button and input background; base of the error notice's tint",
    ),
    colour(
        "--error-color",
        "#c81e1e",
        "#ff6b6b",
        "error title, error notice border and tint; the message at an input and its border",
    ),
    colour(
        "--link-color",
        "#4661e6",
        "#98a9ff",
        "secondary actions drawn as links (\"Back\", \"Skip\", \"Send a new code\")",
    ),
    other(
        "--font-family",
        r#"system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif"#,
        "all text but the Microsoft button's",
    ),
    other("--font-size", "14px", "text size"),
    other("--font-weight", "400", "text weight"),
    other("--line-height", "1.4rem", "line height"),
    other("--border-radius", "8px", "buttons, inputs, error notice"),
    other(
        "--border-style",
        "solid",
        "borders of buttons (not Microsoft's), inputs and the error notice",
    ),
    other("--border-width", "1px", "the same borders"),
    other(
        "--item-height",
        "42px",
        "button and input height (the Microsoft button's minimum); status line minimum height",
    ),
    other(
        "--item-margin",
        "0.5rem 0",
        "margin of each form item, of the action lists, the error notice and the \"or\" divider",
    ),
    other("--container-padding", "30px", "padding of the container"),
    other(
        "--container-max-width",
        "410px",
        "maximum width of the container",
    ),
    other("--headline1-font-size", "24px", "the h1"),
    other("--headline1-font-weight", "600", "the h1"),
    other("--headline1-margin", "0 0 0.5rem", "the h1"),
    other(
        "--divider-padding",
        "0 42px",
        "space either side of the word \"or\" in the divider between the provider buttons and the other methods",
    ),
    other(
        "--divider-visibility",
        "visible",
        "the \"or\" divider (hidden keeps its space)",
    ),
    other(
        "--link-text-decoration",
        "none",
        "text decoration of the secondary actions drawn as links",
    ),
    other(
        "--link-text-decoration-hover",
        "underline",
        "their text decoration on hover",
    ),
    other("--button-min-width", "7em", "buttons"),
];

#[cfg(test)]
mod tests {
    use super::PROPERTIES;
    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};

    /// The stylesheet's files: every `.css` under `style/` and `src/ui/` (the element's
    /// stylesheet is built from those).
    fn stylesheet() -> String {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut files = Vec::new();
        for dir in ["style", "src/ui"] {
            collect_css(&root.join(dir), &mut files);
        }
        assert!(files.len() >= 2, "no stylesheet found: {files:?}");
        files.sort();
        files
            .iter()
            .map(|file| {
                std::fs::read_to_string(file)
                    .unwrap_or_else(|error| panic!("reading {}: {error}", file.display()))
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn collect_css(dir: &Path, files: &mut Vec<PathBuf>) {
        let entries = std::fs::read_dir(dir)
            .unwrap_or_else(|error| panic!("reading {}: {error}", dir.display()));
        for entry in entries {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                collect_css(&path, files);
            } else if path.extension().is_some_and(|ext| ext == "css") {
                files.push(path);
            }
        }
    }

    /// Every `var(--name, fallback)` of a public property (not the private `--hanko-*` ones):
    /// name → its distinct fallbacks in the order they appear (`""` for none).
    fn public_properties(css: &str) -> BTreeMap<String, Vec<String>> {
        let mut found: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (start, _) in css.match_indices("var(--") {
            let rest = &css[start + "var(".len()..];
            let name_end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .unwrap_or(rest.len());
            let name = &rest[..name_end];
            if name.starts_with("--hanko-") {
                continue;
            }
            let fallback = fallback(&rest[name_end..]);
            let fallbacks = found.entry(name.to_owned()).or_default();
            if !fallbacks.contains(&fallback) {
                fallbacks.push(fallback);
            }
        }
        found
    }

    /// The fallback after a `var()`'s name: from the comma to the closing parenthesis.
    fn fallback(after_name: &str) -> String {
        let Some(value) = after_name.strip_prefix(',') else {
            return String::new();
        };
        let mut depth = 0usize;
        for (index, c) in value.char_indices() {
            match c {
                '(' => depth += 1,
                ')' if depth == 0 => return value[..index].trim().to_owned(),
                ')' => depth -= 1,
                _ => {}
            }
        }
        panic!("an unclosed var(): {after_name}");
    }

    #[test]
    fn the_list_is_what_the_stylesheet_reads_with_its_defaults() {
        let found = public_properties(&stylesheet());
        let listed: Vec<&str> = PROPERTIES.iter().map(|p| p.name).collect();
        let read: Vec<&str> = found.keys().map(String::as_str).collect();
        let mut listed_sorted = listed.clone();
        listed_sorted.sort_unstable();
        assert_eq!(
            listed_sorted, read,
            "the styling page's list and the properties the stylesheet reads"
        );
        for property in PROPERTIES {
            let mut defaults = vec![property.light.to_owned()];
            if let Some(dark) = property.dark {
                defaults.push(dark.to_owned());
            }
            assert_eq!(
                found[property.name], defaults,
                "{}: the stylesheet's fallbacks (light, then dark)",
                property.name
            );
        }
    }

    #[test]
    fn colours_fit_a_colour_picker_and_every_property_says_what_it_styles() {
        for property in PROPERTIES {
            assert!(!property.styles.is_empty(), "{}", property.name);
            if property.is_colour() {
                for default in [property.light, property.dark_default()] {
                    assert!(
                        default.len() == 7 && default[1..].chars().all(|c| c.is_ascii_hexdigit()),
                        "{}: {default} is not #rrggbb",
                        property.name
                    );
                }
            } else {
                assert!(property.dark.is_none(), "{}", property.name);
            }
        }
    }

    /// The rows of the README's table of custom properties (in its "Styling" section).
    fn readme_rows() -> Vec<[String; 4]> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md");
        let readme = std::fs::read_to_string(&path)
            .unwrap_or_else(|error| panic!("reading {}: {error}", path.display()));
        let section = readme
            .split_once("\n### Styling\n")
            .expect("README.md has a \"### Styling\" section")
            .1;
        let table = section
            .split_once(
                "| property | light default | dark default | styles |\n| --- | --- | --- | --- |\n",
            )
            .expect("the Styling section has the table of custom properties")
            .1;
        table
            .lines()
            .take_while(|line| line.starts_with('|'))
            .map(table_row)
            .collect()
    }

    /// A Markdown table row's four cells, trimmed, with the code marks taken out.
    fn table_row(line: &str) -> [String; 4] {
        let cells: Vec<String> = line
            .trim()
            .trim_matches('|')
            .split('|')
            .map(|cell| cell.trim().replace('`', ""))
            .collect();
        cells
            .try_into()
            .unwrap_or_else(|cells| panic!("not a row of four cells: {cells:?}"))
    }

    #[test]
    fn the_readme_documents_every_property_with_its_defaults() {
        let rows = readme_rows();
        let documented: Vec<&str> = rows.iter().map(|row| row[0].as_str()).collect();
        let listed: Vec<&str> = PROPERTIES.iter().map(|p| p.name).collect();
        assert_eq!(
            documented, listed,
            "the README's table of custom properties and the list, in order"
        );
        for (row, property) in rows.iter().zip(PROPERTIES) {
            let expected = [
                property.name,
                property.light,
                property.dark.unwrap_or("same"),
                property.styles,
            ];
            assert_eq!(
                row.each_ref().map(String::as_str),
                expected,
                "{}: the README's row (name, light default, dark default, what it styles)",
                property.name
            );
        }
    }

    #[test]
    fn a_readme_row_is_read_cell_by_cell() {
        assert_eq!(
            table_row("| `--x` | `a, \"b\"` | same | the `h1` |"),
            ["--x", "a, \"b\"", "same", "the h1"].map(str::to_owned)
        );
    }

    #[test]
    fn the_parser_reads_names_and_fallbacks() {
        let found = public_properties(
            ".a { --hanko-x: var(--x, calc(1px + 2px)); color: var(--hanko-x); }\n\
             .b { --hanko-x: var(--x, red); margin: var(--y); }",
        );
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found["--x"], ["calc(1px + 2px)", "red"]);
        assert_eq!(found["--y"], [""]);
    }
}
