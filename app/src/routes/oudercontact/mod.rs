//! Oudercontact: parents book talks for their children, teachers give their hours and see their
//! schedule, the admin opens conference moments. A pupil gets no menu item and no page. Every form
//! posts to a server function that redirects back here, so all of it works before the wasm loads.

mod organiser;
mod page;
mod parent;
mod print;
mod teacher;

pub use page::OudercontactPage;
pub use print::SchedulePrintPage;
