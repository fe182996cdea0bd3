//! The family's pages: "Mijn kinderen" and "Voeg kinderen toe".

mod add_children;
mod my_children;

pub use add_children::AddChildrenPage;
pub use my_children::MyChildrenPage;
