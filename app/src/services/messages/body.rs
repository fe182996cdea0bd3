//! Message bodies: what someone wrote made safe to show, what a reader is shown, and the quoted
//! original below a reply or a forward.

use chrono::{DateTime, Utc};

use crate::db::entities::message;
use crate::services::time::school_local;

/// Turns what someone wrote into safe HTML: Markdown (line breaks kept), then sanitised (no
/// scripts, no event handlers, no `javascript:` links; links get `rel="noopener noreferrer"`).
pub fn render_body(source: &str) -> String {
    use pulldown_cmark::{html, Event, Options, Parser};
    let parser = Parser::new_ext(source, Options::ENABLE_STRIKETHROUGH).map(|event| match event {
        Event::SoftBreak => Event::HardBreak,
        other => other,
    });
    let mut html_out = String::new();
    html::push_html(&mut html_out, parser);
    ammonia::clean(&html_out)
}

/// The stored body as a reader sees it: images from elsewhere (which would tell their server who
/// reads the message, and when) are left out unless `show_remote` says the reader asked for them.
/// Returns the HTML and whether something was left out.
pub fn reader_body(stored: &str, show_remote: bool) -> (String, bool) {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    // Without a `src`, in any case, there is no image to leave out.
    let has_src = stored
        .as_bytes()
        .windows(3)
        .any(|word| word.eq_ignore_ascii_case(b"src"));
    if show_remote || !has_src {
        return (stored.to_owned(), false);
    }
    let left_out = Arc::new(AtomicBool::new(false));
    let cleaned = ammonia::Builder::default()
        .attribute_filter({
            let left_out = left_out.clone();
            move |element, attribute, value| {
                if element == "img" && attribute == "src" && is_remote(value) {
                    left_out.store(true, Ordering::Relaxed);
                    None
                } else {
                    Some(value.into())
                }
            }
        })
        .clean(stored)
        .to_string();
    let left_out = left_out.load(Ordering::Relaxed);
    if left_out {
        (cleaned, true)
    } else {
        (stored.to_owned(), false)
    }
}

/// Whether an image's address loads it from elsewhere, read as a browser reads it: spaces
/// around it and tabs and line breaks within it dropped, any case, `\` as `/`. Anything with a
/// scheme but `data:` is elsewhere.
fn is_remote(src: &str) -> bool {
    let src: String = src
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let src = src
        .trim_matches(|c: char| c <= ' ')
        .to_ascii_lowercase()
        .replace('\\', "/");
    if src.starts_with("//") {
        return true;
    }
    match src.split_once(':') {
        Some((scheme, _)) if !scheme.is_empty() && !scheme.contains(['/', '?', '#']) => {
            scheme != "data"
        }
        _ => false,
    }
}

/// The quoted original below a reply or a forward.
pub(super) fn quoted(message: &message::Model, at: DateTime<Utc>) -> String {
    let when = school_local(at).format("%d/%m/%Y %H:%M");
    let mut text = format!("\n\n{when}, {}:\n\n", message.sender_name);
    for line in message_source(message).lines() {
        text.push_str("> ");
        text.push_str(line);
        text.push('\n');
    }
    text
}

/// What was written, as the compose form shows it again.
pub(super) fn message_source(message: &message::Model) -> String {
    message.source.clone()
}

pub(super) fn with_prefix(prefix: &str, subject: &str) -> String {
    if subject.to_lowercase().starts_with(&prefix.to_lowercase()) {
        subject.to_owned()
    } else {
        format!("{prefix} {subject}")
    }
}

#[cfg(test)]
mod tests {
    use super::{reader_body, render_body, with_prefix};

    #[test]
    fn bodies_keep_formatting_and_lose_scripts() {
        let html = render_body(
            "**Vet** en *schuin*\nnieuwe regel <script>alert(1)</script> <a href=\"javascript:alert(1)\">x</a> <b onclick=\"x()\">b</b>",
        );
        assert!(html.contains("<strong>Vet</strong>"), "{html}");
        assert!(html.contains("<em>schuin</em>"), "{html}");
        assert!(html.contains("<br>"), "{html}");
        assert!(!html.contains("script"), "{html}");
        assert!(!html.contains("javascript"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(html.contains("<b>b</b>"), "{html}");
    }

    #[test]
    fn remote_images_wait_for_consent() {
        let stored =
            render_body("Kijk: <img src=\"https://volger.example/pixel.png\" alt=\"foto\">");
        let (blocked, was_blocked) = reader_body(&stored, false);
        assert!(was_blocked);
        assert!(!blocked.contains("volger.example"), "{blocked}");
        assert!(blocked.contains("alt=\"foto\""), "{blocked}");
        let (shown, _) = reader_body(&stored, true);
        assert!(
            shown.contains("https://volger.example/pixel.png"),
            "{shown}"
        );
        let (plain, none) = reader_body(&render_body("Geen afbeeldingen"), false);
        assert!(!none);
        assert!(plain.contains("Geen afbeeldingen"));
    }

    #[test]
    fn remote_images_are_recognised_whatever_their_case_and_spacing() {
        for stored in [
            "<p><img src=\" HTTPS://volger.example/pixel.png\" alt=\"foto\"></p>",
            "<p><IMG SRC=\"Http://volger.example/pixel.png\" alt=\"foto\"></p>",
            "<p><img src=\"\thttp://volger.example/pixel.png\" alt=\"foto\"></p>",
            "<p><img src=\"ht\ntps://volger.example/pixel.png\" alt=\"foto\"></p>",
            "<p><img src=\"//volger.example/pixel.png\" alt=\"foto\"></p>",
            "<p><img src=\"\\\\volger.example/pixel.png\" alt=\"foto\"></p>",
        ] {
            let (shown, left_out) = reader_body(stored, false);
            assert!(left_out, "{stored}");
            assert!(!shown.contains("volger.example"), "{stored}: {shown}");
            assert!(shown.contains("alt=\"foto\""), "{shown}");
            let (asked, _) = reader_body(stored, true);
            assert!(asked.contains("volger.example"), "{asked}");
        }
        let own = "<p><img src=\"/photos/lotte.peeters.svg\" alt=\"Lotte\"> src=http://x</p>";
        assert_eq!(reader_body(own, false), (own.to_owned(), false));
    }

    #[test]
    fn reply_prefixes_are_not_repeated() {
        assert_eq!(with_prefix("Re:", "Uitstap"), "Re: Uitstap");
        assert_eq!(with_prefix("Re:", "RE: Uitstap"), "RE: Uitstap");
    }
}
