//! Reusable pieces of the interface: the page frame and harness, and the widgets that more than
//! one page shows. A page imports from here, never from another page.

mod agenda;
mod error;
mod format;
mod forms;
mod layout;
#[cfg(feature = "ssr")]
mod letters;
mod messages;
mod oudercontact;
mod page;
mod password_field;
mod pupil;
mod results;
mod school_page;

pub use agenda::{kind_class, AgendaItemLine, AttachedFiles};
pub use error::ErrorContent;
pub use format::{file_limit_hint, file_size, message_limit_hint, points};
pub use forms::{
    kept_form_ready, provide_kept_form, token_from_query, BusyButton, FormError, SubmitButton,
    Typed,
};
pub use layout::Layout;
#[cfg(feature = "ssr")]
pub use letters::letters_document;
pub use messages::{
    folder_href, subject_or_placeholder, when, AttachmentList, MessageNotice, NewestMessages,
};
pub use oudercontact::{clock, place, talk_time, MomentFacts, OudercontactNotice, ScheduleTable};
pub use page::{
    module_page, signed_in_page, Address, ChosenPupil, PageQuery, PupilQuery, SignedIn,
};
pub use password_field::{NewPasswordFields, PasswordField};
pub use pupil::{ModuleHeading, PupilPhoto};
pub use results::{Percent, ResultsTable, Score, TotalLine, TrendChart};
pub use school_page::school_page;
