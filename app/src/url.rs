//! Text in addresses and headers.

/// Percent-encodes everything but the unreserved characters (RFC 3986), for query values and for
/// `filename*=` in headers.
pub fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|byte| {
            if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
                char::from(byte).to_string()
            } else {
                format!("%{byte:02X}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::percent_encode;

    #[test]
    fn only_unreserved_characters_stay() {
        assert_eq!(
            percent_encode("rapport été.pdf"),
            "rapport%20%C3%A9t%C3%A9.pdf"
        );
        assert_eq!(percent_encode("a&b=c%"), "a%26b%3Dc%25");
    }
}
