//! What a plain form post just did, as it stands in the address it redirects to (`gedaan=…`,
//! `fout=…`): written by the server after the post, read by the page that shows the notice. One
//! list, so that the code a handler writes and the code a page reads cannot drift apart.

use crate::error::AppError;
use crate::i18n::Key;

/// The page whose forms an outcome belongs to: the same code can mean another thing on another
/// page (`te-groot` is one file on "Mijn documenten" and all attachments together in Berichten).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    Documents,
    Messages,
    Oudercontact,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Uploaded,
    DocumentDeleted,
    FileTooLarge,
    NoFile,
    UploadFailed,
    Sent,
    DraftSaved,
    Trashed,
    TrashEmptied,
    MarkedUnread,
    Flagged,
    Unflagged,
    Archived,
    Restored,
    NoRecipient,
    NoSubject,
    AttachmentsTooLarge,
    MessageTooLong,
    NoAccess,
    MessageFailed,
    Booked,
    Cancelled,
    MomentOpened,
    HoursSaved,
}

impl Outcome {
    const ALL: [Outcome; 24] = [
        Outcome::Uploaded,
        Outcome::DocumentDeleted,
        Outcome::FileTooLarge,
        Outcome::NoFile,
        Outcome::UploadFailed,
        Outcome::Sent,
        Outcome::DraftSaved,
        Outcome::Trashed,
        Outcome::TrashEmptied,
        Outcome::MarkedUnread,
        Outcome::Flagged,
        Outcome::Unflagged,
        Outcome::Archived,
        Outcome::Restored,
        Outcome::NoRecipient,
        Outcome::NoSubject,
        Outcome::AttachmentsTooLarge,
        Outcome::MessageTooLong,
        Outcome::NoAccess,
        Outcome::MessageFailed,
        Outcome::Booked,
        Outcome::Cancelled,
        Outcome::MomentOpened,
        Outcome::HoursSaved,
    ];

    pub fn form(self) -> Form {
        use Outcome::*;
        match self {
            Uploaded | DocumentDeleted | FileTooLarge | NoFile | UploadFailed => Form::Documents,
            Sent | DraftSaved | Trashed | TrashEmptied | MarkedUnread | Flagged | Unflagged
            | Archived | Restored | NoRecipient | NoSubject | AttachmentsTooLarge
            | MessageTooLong | NoAccess | MessageFailed => Form::Messages,
            Booked | Cancelled | MomentOpened | HoursSaved => Form::Oudercontact,
        }
    }

    /// The query parameter that carries it: `gedaan` for what was done, `fout` for what went
    /// wrong; "Mijn documenten" names what was done in the parameter itself (`opgeladen=1`).
    pub fn param(self) -> &'static str {
        match self {
            Outcome::Uploaded => "opgeladen",
            Outcome::DocumentDeleted => "verwijderd",
            _ if self.is_problem() => "fout",
            _ => "gedaan",
        }
    }

    /// The parameter's value.
    pub fn code(self) -> &'static str {
        use Outcome::*;
        match self {
            Uploaded | DocumentDeleted => "1",
            FileTooLarge | AttachmentsTooLarge => "te-groot",
            NoFile => "geen-bestand",
            UploadFailed | MessageFailed => "mislukt",
            Sent => "verzonden",
            DraftSaved => "bewaard",
            Trashed => "verwijderen",
            TrashEmptied => "geleegd",
            MarkedUnread => "ongelezen",
            Flagged => "markeren",
            Unflagged => "niet-markeren",
            Archived => "archiveren",
            Restored => "terugzetten",
            NoRecipient => "geen-ontvanger",
            NoSubject => "geen-onderwerp",
            MessageTooLong => "te-lang",
            NoAccess => "geen-toegang",
            Booked => "geboekt",
            Cancelled => "geannuleerd",
            MomentOpened => "geopend",
            HoursSaved => "uren",
        }
    }

    /// `gedaan=verzonden`: the outcome as a pair of an address's query.
    pub fn query(self) -> String {
        format!("{}={}", self.param(), self.code())
    }

    /// [`Outcome::query`] with a mark that makes the address new at every post
    /// (`gedaan=geboekt.…`), so that the page loads again when the same thing is done twice.
    pub fn marked_query(self, mark: impl std::fmt::Display) -> String {
        format!("{}.{mark}", self.query())
    }

    pub fn is_problem(self) -> bool {
        use Outcome::*;
        matches!(
            self,
            FileTooLarge
                | NoFile
                | UploadFailed
                | NoRecipient
                | NoSubject
                | AttachmentsTooLarge
                | MessageTooLong
                | NoAccess
                | MessageFailed
        )
    }

    /// The outcome an address reports on `form`'s page; `get` reads one query parameter. What
    /// was done goes first; a problem the page does not know is its form's general failure.
    /// Oudercontact's codes carry a suffix (`geboekt.…`) that makes every address new.
    pub fn parse(form: Form, get: impl Fn(&str) -> Option<String>) -> Option<Outcome> {
        let of_form = || Outcome::ALL.into_iter().filter(move |o| o.form() == form);
        let done = of_form()
            .filter(|outcome| !outcome.is_problem())
            .find(|outcome| {
                get(outcome.param()).is_some_and(|value| match form {
                    Form::Documents => true,
                    Form::Oudercontact => value.split('.').next() == Some(outcome.code()),
                    Form::Messages => value == outcome.code(),
                })
            });
        if done.is_some() {
            return done;
        }
        if form == Form::Oudercontact {
            return None;
        }
        let code = get("fout")?;
        Some(
            of_form()
                .filter(|outcome| outcome.is_problem())
                .find(|outcome| outcome.code() == code)
                .unwrap_or(Outcome::failure(form)),
        )
    }

    /// A form's problem when nothing more precise fits.
    fn failure(form: Form) -> Outcome {
        match form {
            Form::Documents => Outcome::UploadFailed,
            Form::Messages | Form::Oudercontact => Outcome::MessageFailed,
        }
    }

    /// The problem that `error` is for a post on `form`'s page.
    pub fn of_error(form: Form, error: &AppError) -> Outcome {
        match (form, error) {
            (Form::Documents, AppError::FileTooLarge) => Outcome::FileTooLarge,
            (Form::Documents, AppError::NoFile) => Outcome::NoFile,
            (Form::Messages, AppError::NoRecipient) => Outcome::NoRecipient,
            (Form::Messages, AppError::NoSubject) => Outcome::NoSubject,
            (Form::Messages, AppError::FileTooLarge) => Outcome::AttachmentsTooLarge,
            (Form::Messages, AppError::MessageTooLong) => Outcome::MessageTooLong,
            (Form::Messages, AppError::Forbidden) => Outcome::NoAccess,
            _ => Outcome::failure(form),
        }
    }

    /// The sentence the page shows; `None` when the page itself shows what changed (a flag).
    pub fn key(self) -> Option<Key> {
        use Outcome::*;
        Some(match self {
            Uploaded => Key::UploadDone,
            DocumentDeleted => Key::DeleteDone,
            FileTooLarge => Key::ErrFileTooLarge,
            NoFile => Key::ErrNoFile,
            UploadFailed => Key::ServerErrorText,
            Sent => Key::MsgSent,
            DraftSaved => Key::DraftSaved,
            Trashed => Key::DoneTrash,
            TrashEmptied => Key::DoneEmptied,
            MarkedUnread => Key::DoneUnread,
            Flagged | Unflagged => return None,
            Archived | Restored => Key::DoneMoved,
            NoRecipient => Key::ErrNoRecipient,
            NoSubject => Key::ErrNoSubject,
            AttachmentsTooLarge => Key::ErrAttachmentsTooLarge,
            MessageTooLong => Key::ErrMessageTooLong,
            NoAccess => Key::ErrForbidden,
            MessageFailed => Key::ErrMessageFailed,
            Booked => Key::OcBooked,
            Cancelled => Key::OcCancelled,
            MomentOpened => Key::OcOpened,
            HoursSaved => Key::OcHoursSaved,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{Form, Outcome};

    fn parse(form: Form, query: &[(&str, &str)]) -> Option<Outcome> {
        Outcome::parse(form, |name| {
            query
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value).to_owned())
        })
    }

    #[test]
    fn every_outcome_reads_back_on_its_page() {
        for outcome in Outcome::ALL {
            let query = outcome.query();
            let (name, value) = query.split_once('=').unwrap_or_default();
            assert_eq!(
                parse(outcome.form(), &[(name, value)]),
                Some(outcome),
                "{query}"
            );
        }
    }

    #[test]
    fn the_same_code_means_what_its_page_means() {
        assert_eq!(
            parse(Form::Documents, &[("fout", "te-groot")]),
            Some(Outcome::FileTooLarge)
        );
        assert_eq!(
            parse(Form::Messages, &[("fout", "te-groot")]),
            Some(Outcome::AttachmentsTooLarge)
        );
        assert_eq!(
            parse(Form::Documents, &[("fout", "iets")]),
            Some(Outcome::UploadFailed)
        );
        assert_eq!(
            parse(Form::Messages, &[("fout", "iets")]),
            Some(Outcome::MessageFailed)
        );
        assert_eq!(parse(Form::Messages, &[("gedaan", "geboekt")]), None);
        assert_eq!(
            parse(Form::Oudercontact, &[("gedaan", "geboekt.1700000000")]),
            Some(Outcome::Booked)
        );
        assert_eq!(parse(Form::Oudercontact, &[("fout", "mislukt")]), None);
    }
}
