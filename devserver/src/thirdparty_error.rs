//! Hanko's third-party callback errors and how they are put on the return URL.

use url::form_urlencoded;

/// An error of the `/thirdparty/callback` handler (Hanko's `ThirdPartyError`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThirdPartyError {
    /// OAuth-style code, e.g. `invalid_request`, `user_conflict`, or a provider's pass-through code.
    pub code: String,
    /// Description (replaced by a fixed sentence for `server_error`).
    pub description: String,
}

impl ThirdPartyError {
    /// An error with a code and a description.
    pub fn new(code: impl Into<String>, description: impl Into<String>) -> ThirdPartyError {
        ThirdPartyError {
            code: code.into(),
            description: description.into(),
        }
    }

    /// `invalid_request` with a description.
    pub fn invalid_request(description: impl Into<String>) -> ThirdPartyError {
        ThirdPartyError::new("invalid_request", description)
    }

    /// `server_error`; the description is only logged, never sent.
    pub fn server(description: impl Into<String>) -> ThirdPartyError {
        ThirdPartyError::new("server_error", description)
    }

    /// The query string Hanko appends: `error=…&error_description=…`, sorted by key like Go's `url.Values`.
    pub fn query(&self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        query.append_pair("error", &self.code);
        if self.code == "server_error" {
            query.append_pair("error_description", "an internal error has occurred");
        } else if !self.description.is_empty() {
            query.append_pair("error_description", &self.description);
        }
        query.finish()
    }

    /// Hanko's error URL: `format!("{target}?{query}")` — with Hanko's double-`?` when `target` has a query.
    pub fn redirect_url(&self, target: &str) -> String {
        format!("{target}?{}", self.query())
    }
}

#[cfg(test)]
mod tests {
    use super::ThirdPartyError;

    #[test]
    fn server_error_description_is_fixed() {
        let e = ThirdPartyError::server("db down");
        assert_eq!(
            e.redirect_url("http://a/x"),
            "http://a/x?error=server_error&error_description=an+internal+error+has+occurred"
        );
    }

    #[test]
    fn double_question_mark_quirk() {
        let e = ThirdPartyError::new("access_denied", "no");
        assert_eq!(
            e.redirect_url("http://a/x?y=1"),
            "http://a/x?y=1?error=access_denied&error_description=no"
        );
    }
}
