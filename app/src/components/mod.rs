//! Reusable pieces of the interface.

mod forms;
mod layout;
mod password_field;

pub use forms::{FormError, SubmitButton};
pub use layout::Layout;
pub use password_field::PasswordField;
