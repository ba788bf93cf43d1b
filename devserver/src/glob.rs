//! Glob patterns with gobwas/glob semantics and the separators `.` and `/`, as Hanko compiles its redirect allowlist.
//!
//! | syntax | meaning |
//! |---|---|
//! | `*` | any run of characters without `.` or `/` |
//! | `**` | any run of characters |
//! | `?` | one character that is not `.` or `/` |
//! | `[abc]`, `[a-z]`, `[!abc]` | one character from (or not from) the list |
//! | `{a,b}` | one of the alternatives |
//! | `\x` | the literal character `x` |
//!
//! ```
//! use hanko_devserver::glob::Glob;
//! let glob = Glob::new("https://*.example.com/**").unwrap();
//! assert!(glob.is_match("https://app.example.com/login?x=1"));
//! assert!(!glob.is_match("https://a.b.example.com/login"));
//! ```

const SEPARATORS: [char; 2] = ['.', '/'];

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Literal(char),
    Star,
    SuperStar,
    Question,
    Class {
        negated: bool,
        ranges: Vec<(char, char)>,
    },
    Alternatives(Vec<Vec<Token>>),
}

/// A compiled glob pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glob {
    tokens: Vec<Token>,
}

impl Glob {
    /// Compiles `pattern`; fails on an unclosed `[` or `{` or a trailing `\`.
    pub fn new(pattern: &str) -> Result<Glob, String> {
        let chars: Vec<char> = pattern.chars().collect();
        let mut pos = 0;
        let tokens = parse_sequence(&chars, &mut pos, false)?;
        if pos != chars.len() {
            return Err(format!("unexpected '{}' in glob {pattern:?}", chars[pos]));
        }
        Ok(Glob { tokens })
    }

    /// Whether the whole of `text` matches.
    pub fn is_match(&self, text: &str) -> bool {
        let chars: Vec<char> = text.chars().collect();
        match_tokens(&self.tokens, &chars)
    }
}

fn parse_sequence(chars: &[char], pos: &mut usize, in_alt: bool) -> Result<Vec<Token>, String> {
    let mut tokens = Vec::new();
    while *pos < chars.len() {
        let c = chars[*pos];
        match c {
            ',' | '}' if in_alt => return Ok(tokens),
            '*' => {
                if chars.get(*pos + 1) == Some(&'*') {
                    *pos += 2;
                    tokens.push(Token::SuperStar);
                } else {
                    *pos += 1;
                    tokens.push(Token::Star);
                }
            }
            '?' => {
                *pos += 1;
                tokens.push(Token::Question);
            }
            '\\' => {
                let escaped = chars
                    .get(*pos + 1)
                    .ok_or_else(|| "glob ends with '\\'".to_string())?;
                tokens.push(Token::Literal(*escaped));
                *pos += 2;
            }
            '[' => {
                *pos += 1;
                tokens.push(parse_class(chars, pos)?);
            }
            '{' => {
                *pos += 1;
                let mut alternatives = Vec::new();
                loop {
                    alternatives.push(parse_sequence(chars, pos, true)?);
                    match chars.get(*pos) {
                        Some(',') => *pos += 1,
                        Some('}') => {
                            *pos += 1;
                            break;
                        }
                        _ => return Err("unclosed '{' in glob".into()),
                    }
                }
                tokens.push(Token::Alternatives(alternatives));
            }
            _ => {
                *pos += 1;
                tokens.push(Token::Literal(c));
            }
        }
    }
    Ok(tokens)
}

fn parse_class(chars: &[char], pos: &mut usize) -> Result<Token, String> {
    let negated = chars.get(*pos) == Some(&'!');
    if negated {
        *pos += 1;
    }
    let mut ranges = Vec::new();
    loop {
        let c = *chars
            .get(*pos)
            .ok_or_else(|| "unclosed '[' in glob".to_string())?;
        *pos += 1;
        if c == ']' {
            break;
        }
        if chars.get(*pos) == Some(&'-') && chars.get(*pos + 1).is_some_and(|e| *e != ']') {
            let end = chars[*pos + 1];
            *pos += 2;
            ranges.push((c, end));
        } else {
            ranges.push((c, c));
        }
    }
    Ok(Token::Class { negated, ranges })
}

fn match_tokens(tokens: &[Token], text: &[char]) -> bool {
    let Some((first, rest)) = tokens.split_first() else {
        return text.is_empty();
    };
    match first {
        Token::Literal(c) => text.first() == Some(c) && match_tokens(rest, &text[1..]),
        Token::Question => text
            .first()
            .is_some_and(|c| !SEPARATORS.contains(c) && match_tokens(rest, &text[1..])),
        Token::Class { negated, ranges } => text.first().is_some_and(|c| {
            let inside = ranges.iter().any(|(lo, hi)| lo <= c && c <= hi);
            inside != *negated && match_tokens(rest, &text[1..])
        }),
        Token::Star => {
            for skip in 0..=text.len() {
                if match_tokens(rest, &text[skip..]) {
                    return true;
                }
                if skip < text.len() && SEPARATORS.contains(&text[skip]) {
                    return false;
                }
            }
            false
        }
        Token::SuperStar => (0..=text.len()).any(|skip| match_tokens(rest, &text[skip..])),
        Token::Alternatives(alternatives) => alternatives.iter().any(|alt| {
            let mut joined = alt.clone();
            joined.extend_from_slice(rest);
            match_tokens(&joined, text)
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::Glob;

    #[test]
    fn star_stops_at_separators() {
        let glob = Glob::new("https://*.example.com").unwrap();
        assert!(glob.is_match("https://app.example.com"));
        assert!(!glob.is_match("https://a.b.example.com"));
        assert!(!glob.is_match("https://a/b.example.com"));
    }

    #[test]
    fn super_star_crosses_everything() {
        let glob = Glob::new("http://localhost**").unwrap();
        assert!(glob.is_match("http://localhost:3000/a/b.c?d=e"));
        assert!(glob.is_match("http://localhost"));
    }

    #[test]
    fn classes_alternatives_and_escapes() {
        assert!(Glob::new("a[bc]d").unwrap().is_match("acd"));
        assert!(!Glob::new("a[!bc]d").unwrap().is_match("abd"));
        assert!(Glob::new("a[0-9]").unwrap().is_match("a7"));
        assert!(Glob::new("{http,https}://x").unwrap().is_match("https://x"));
        assert!(Glob::new("a\\*").unwrap().is_match("a*"));
        assert!(!Glob::new("a\\*").unwrap().is_match("ab"));
        assert!(Glob::new("a?c").unwrap().is_match("abc"));
        assert!(!Glob::new("a?c").unwrap().is_match("a.c"));
    }

    #[test]
    fn malformed_patterns_are_rejected() {
        assert!(Glob::new("a[bc").is_err());
        assert!(Glob::new("{a,b").is_err());
        assert!(Glob::new("a\\").is_err());
    }
}
