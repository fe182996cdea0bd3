//! Mail as the rest of the app sees it: compose a [`Mail`] and [`enqueue`] it inside the transaction
//! of the action that causes it. Server-only.
//!
//! Nothing here talks SMTP. A mail becomes a row in the `outbox` table and the server's mail worker
//! delivers it, retrying through outages. Writing the row with the action's own transaction is the
//! point: a rolled-back action sends nothing, and a committed one cannot be lost to a crash between
//! "saved" and "sent" or to a mail server that is down.
//!
//! Links are built by the caller from `BASE_URL`; this module only carries the bodies, and escapes
//! everything it puts into HTML, because the text comes from people (names, addresses).

use chrono::Utc;
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait};

use crate::db::entities::outbox;
use crate::i18n::{t, Key, Lang};

/// One mail to one person: the same message as plain text and as HTML (multipart/alternative).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// An iCalendar text sent along as `invite.ics` (a calendar invitation or cancellation).
    pub calendar: Option<String>,
    /// The person it is written for (see [`Mail::for_person`]).
    pub recipient: Option<i32>,
}

impl Mail {
    /// The platform's usual mail: a greeting, a few paragraphs and one link to act on (confirm an
    /// address, set a new password, reactivate an account), in `lang`. Every mail closes with the
    /// same footer, so that nobody replies to an address that is never read.
    pub fn with_link(
        lang: Lang,
        to: &str,
        subject: &str,
        greeting: &str,
        paragraphs: &[&str],
        link_label: &str,
        url: &str,
    ) -> Mail {
        let mut text = format!("{greeting}\n\n");
        for paragraph in paragraphs {
            text.push_str(paragraph);
            text.push_str("\n\n");
        }
        let footer = t(lang, Key::MailFooter);
        text.push_str(&format!("{link_label}:\n{url}\n\n-- \n{footer}\n"));

        let mut html = format!(
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{}</title>\n</head>\n\
             <body style=\"margin:0;padding:24px;background:#f4f6f9;font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;line-height:1.5\">\n\
             <div style=\"max-width:560px;margin:0 auto;background:#ffffff;padding:24px;border-radius:8px\">\n\
             <p>{}</p>\n",
            lang.code(),
            escape(subject),
            escape(greeting)
        );
        for paragraph in paragraphs {
            // A paragraph's own lines (a list in a digest) stay lines.
            html.push_str(&format!(
                "<p>{}</p>\n",
                escape(paragraph).replace('\n', "<br>\n")
            ));
        }
        if is_web_link(url) {
            html.push_str(&format!(
                "<p><a href=\"{url}\" style=\"display:inline-block;padding:12px 20px;background:#1d4e89;color:#ffffff;text-decoration:none;border-radius:6px\">{label}</a></p>\n\
                 <p style=\"font-size:13px;color:#555555\">{fallback}<br>{url}</p>\n",
                url = escape(url),
                label = escape(link_label),
                fallback = escape(t(lang, Key::MailLinkFallback)),
            ));
        } else {
            // Only http(s) may become a link: anything else (javascript:, data:) stays inert text.
            html.push_str(&format!(
                "<p>{}:<br>{}</p>\n",
                escape(link_label),
                escape(url)
            ));
        }
        html.push_str(&format!(
            "<p style=\"font-size:12px;color:#777777\">{}</p>\n</div>\n</body>\n</html>\n",
            escape(footer)
        ));

        Mail {
            to: to.to_owned(),
            subject: subject.to_owned(),
            text,
            html,
            calendar: None,
            recipient: None,
        }
    }

    /// The same mail, written for the person `sub_account_id`: if it cannot be delivered, their
    /// school's Beheer shows it, and no other school's.
    pub fn for_person(self, sub_account_id: i32) -> Mail {
        Mail {
            recipient: Some(sub_account_id),
            ..self
        }
    }

    /// The same mail with a calendar invitation attached.
    pub fn with_calendar(self, calendar: String) -> Mail {
        Mail {
            calendar: Some(calendar),
            ..self
        }
    }
}

/// Queues `mail` on `db`, which should be the transaction of the action that causes the mail, so
/// that the mail is sent if and only if that action commits. The mail worker sends it within
/// about a second when the mail server answers, later (with retries) when it does not.
pub async fn enqueue<C: ConnectionTrait>(db: &C, mail: Mail) -> Result<(), DbErr> {
    enqueue_many(db, vec![mail]).await
}

/// Queues several mails in one statement, like [`enqueue`].
pub async fn enqueue_many<C: ConnectionTrait>(db: &C, mails: Vec<Mail>) -> Result<(), DbErr> {
    if mails.is_empty() {
        return Ok(());
    }
    let now = Utc::now();
    let count = mails.len();
    let rows = mails.into_iter().map(|mail| outbox::ActiveModel {
        to_address: Set(mail.to),
        subject: Set(mail.subject),
        text_body: Set(mail.text),
        html_body: Set(mail.html),
        created_at: Set(now),
        attempts: Set(0),
        next_attempt_at: Set(now),
        claimed_until: Set(None),
        sent_at: Set(None),
        last_error: Set(None),
        calendar: Set(mail.calendar),
        recipient_id: Set(mail.recipient),
        ..Default::default()
    });
    outbox::Entity::insert_many(rows)
        .exec_without_returning(db)
        .await?;
    tracing::debug!(count, "mail queued in the outbox");
    Ok(())
}

fn is_web_link(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// Escapes text for HTML element content and quoted attribute values alike.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hostile() -> Mail {
        Mail::with_link(
            Lang::Nl,
            "heidi@example.test",
            "Bevestig <b>uw</b> adres",
            "Beste Heidi <script>alert(1)</script>,",
            &["Tom & Jerry's \"ouders\" <img src=x onerror=alert(1)>"],
            "Bevestig <nu>",
            "https://school.example/bevestig?t=a&b=\"><script>x</script>",
        )
    }

    #[test]
    fn html_escapes_every_piece_of_text() {
        let mail = hostile();
        assert!(!mail.html.contains("<script>"), "{}", mail.html);
        assert!(!mail.html.contains("<img"), "{}", mail.html);
        assert!(!mail.html.contains("<b>"), "{}", mail.html);
        assert!(!mail.html.contains("<nu>"), "{}", mail.html);
        assert!(mail
            .html
            .contains("Beste Heidi &lt;script&gt;alert(1)&lt;/script&gt;,"));
        assert!(mail.html.contains(
            "Tom &amp; Jerry&#39;s &quot;ouders&quot; &lt;img src=x onerror=alert(1)&gt;"
        ));
        assert!(mail
            .html
            .contains("<title>Bevestig &lt;b&gt;uw&lt;/b&gt; adres</title>"));
    }

    #[test]
    fn the_link_cannot_break_out_of_its_attribute() {
        let mail = hostile();
        assert!(mail.html.contains(
            "href=\"https://school.example/bevestig?t=a&amp;b=&quot;&gt;&lt;script&gt;x&lt;/script&gt;\""
        ));
        assert!(mail.html.contains(">Bevestig &lt;nu&gt;</a>"));
    }

    #[test]
    fn only_web_addresses_become_links() {
        let mail = Mail::with_link(
            Lang::Nl,
            "a@example.test",
            "Onderwerp",
            "Beste,",
            &[],
            "Klik",
            "javascript:alert(1)",
        );
        assert!(!mail.html.contains("href="), "{}", mail.html);
        assert!(mail.html.contains("javascript:alert(1)"));
    }

    #[test]
    fn the_text_body_is_plain_and_carries_the_link_whole() {
        let url = "https://school.example/sintclara/wachtwoord?token=abc&x=1";
        let mail = Mail::with_link(
            Lang::Nl,
            "heidi@example.test",
            "Nieuw wachtwoord",
            "Beste Heidi,",
            &[
                "U vroeg een nieuw wachtwoord aan.",
                "Niet gevraagd? Negeer deze e-mail.",
            ],
            "Kies een nieuw wachtwoord",
            url,
        );
        assert_eq!(mail.to, "heidi@example.test");
        assert_eq!(mail.subject, "Nieuw wachtwoord");
        assert!(mail
            .text
            .starts_with("Beste Heidi,\n\nU vroeg een nieuw wachtwoord aan.\n\n"));
        assert!(mail
            .text
            .contains(&format!("Kies een nieuw wachtwoord:\n{url}\n")));
        assert!(!mail.text.contains("&amp;"));
        assert!(!mail.text.contains('<'));
    }

    #[test]
    fn the_html_has_no_remote_content_or_scripts() {
        let mail = Mail::with_link(
            Lang::Nl,
            "a@example.test",
            "Onderwerp",
            "Beste,",
            &["Tekst."],
            "Klik",
            "https://school.example/x",
        );
        for forbidden in ["<img", "<script", "src=", "<link", "@import", "url("] {
            assert!(
                !mail.html.contains(forbidden),
                "{forbidden} in {}",
                mail.html
            );
        }
    }
}
