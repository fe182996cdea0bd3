//! What a person typed in a form that was refused: the page it came from shows it again, beside
//! the reason.

use serde::{Deserialize, Serialize};

/// The query parameters the server function's refusal adds to the page's address.
const REFUSAL_PARAMS: [&str; 2] = ["__err", "__path"];

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptForm {
    /// The server function the form posted to.
    pub action: String,
    /// The page the form was on: its path and its query, sorted, without the refusal's own.
    pub path: String,
    pub query: Vec<(String, String)>,
    /// The fields as typed, secrets left out.
    pub fields: Vec<(String, String)>,
}

impl KeptForm {
    /// The query of a page as [`KeptForm::query`] keeps it.
    pub fn page_query<K: AsRef<str>, V: AsRef<str>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Vec<(String, String)> {
        let mut query: Vec<(String, String)> = pairs
            .into_iter()
            .filter(|(name, _)| !REFUSAL_PARAMS.contains(&name.as_ref()))
            .map(|(name, value)| (name.as_ref().to_owned(), value.as_ref().to_owned()))
            .collect();
        query.sort();
        query
    }

    /// Whether this form was refused on the page at `path` with `query`, posting to `action`.
    pub fn is_for(&self, action: &str, path: &str, query: &[(String, String)]) -> bool {
        self.action == action && self.path == path && self.query == query
    }

    /// The value typed in field `name` (the first, for a field sent more than once).
    pub fn value(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(field, _)| field == name)
            .map(|(_, value)| value.as_str())
    }

    /// A field that is never kept: passwords and mailed tokens.
    pub fn is_secret(name: &str) -> bool {
        let name = name.to_ascii_lowercase();
        name.contains("password") || name.contains("wachtwoord") || name.contains("token")
    }
}

#[cfg(test)]
mod tests {
    use super::KeptForm;

    #[test]
    fn the_page_is_known_by_its_query_without_the_refusal() {
        let kept = KeptForm {
            action: "/api/save".to_owned(),
            path: "/agenda/plannen".to_owned(),
            query: KeptForm::page_query([("vak", "3")]),
            fields: vec![("title".to_owned(), "Toets".to_owned())],
        };
        let here = KeptForm::page_query([("__path", "/api/save"), ("vak", "3"), ("__err", "x")]);
        assert!(kept.is_for("/api/save", "/agenda/plannen", &here));
        assert!(!kept.is_for("/api/other", "/agenda/plannen", &here));
        let elsewhere = KeptForm::page_query([("vak", "4")]);
        assert!(!kept.is_for("/api/save", "/agenda/plannen", &elsewhere));
        assert_eq!(kept.value("title"), Some("Toets"));
        assert_eq!(kept.value("kind"), None);
    }

    #[test]
    fn passwords_and_tokens_are_secrets() {
        for name in [
            "password",
            "current_password",
            "new_password",
            "token",
            "Wachtwoord",
        ] {
            assert!(KeptForm::is_secret(name), "{name}");
        }
        for name in ["title", "description", "username"] {
            assert!(!KeptForm::is_secret(name), "{name}");
        }
    }
}
