//! A small CSS minifier for the element's stylesheet, used by `build.rs`: drops comments, folds
//! whitespace, and removes the spaces around `{`, `}`, `;`, `,` and the last `;` of a block.
//! Strings (`"…"`, `'…'`) are copied as they are. It does not rewrite values or rules.

/// The stylesheet `css` without comments and needless whitespace.
pub fn minify_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut pending_space = false;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut previous = ' ';
                for inner in chars.by_ref() {
                    if previous == '*' && inner == '/' {
                        break;
                    }
                    previous = inner;
                }
                pending_space = true;
            }
            '"' | '\'' => {
                push_space(&mut out, &mut pending_space);
                out.push(c);
                let mut escaped = false;
                for inner in chars.by_ref() {
                    out.push(inner);
                    if escaped {
                        escaped = false;
                    } else if inner == '\\' {
                        escaped = true;
                    } else if inner == c {
                        break;
                    }
                }
            }
            c if c.is_whitespace() => pending_space = true,
            '{' | '}' | ';' | ',' => {
                pending_space = false;
                if c == '}' && out.ends_with(';') {
                    out.pop();
                }
                out.push(c);
                while chars.peek().is_some_and(|next| next.is_whitespace()) {
                    chars.next();
                }
            }
            c => {
                push_space(&mut out, &mut pending_space);
                out.push(c);
            }
        }
    }
    out.trim().to_owned()
}

/// Writes the one space a run of whitespace or a comment stood for, unless it is not needed.
fn push_space(out: &mut String, pending: &mut bool) {
    if *pending && !out.is_empty() && !out.ends_with(['{', '}', ';', ',']) {
        out.push(' ');
    }
    *pending = false;
}

#[cfg(test)]
mod tests {
    use super::minify_css;

    #[test]
    fn drops_comments_and_folds_whitespace() {
        let css = "/* head */\n.a  >  .b ,\n.c {\n  color : red ;\n  margin: 0 auto;\n}\n";
        assert_eq!(minify_css(css), ".a > .b,.c{color : red;margin: 0 auto}");
    }

    #[test]
    fn keeps_strings_and_descendant_selectors() {
        let css = r#".x :focus { content: "a  /* b */  c"; font-family: 'Segoe UI', sans-serif; }"#;
        assert_eq!(
            minify_css(css),
            r#".x :focus{content: "a  /* b */  c";font-family: 'Segoe UI',sans-serif}"#
        );
    }

    #[test]
    fn comments_with_quotes_inside_are_dropped() {
        assert_eq!(
            minify_css("/* the name \"Microsoft\" */ .m{}\n/* it's */ .n{}"),
            ".m{}.n{}"
        );
    }

    #[test]
    fn a_comment_between_words_still_separates_them() {
        assert_eq!(minify_css("a/* x */b{}"), "a b{}");
    }
}
