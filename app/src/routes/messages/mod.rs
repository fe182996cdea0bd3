//! Berichten: the folders, one message, and the compose form. Everything works before the wasm has
//! loaded: folders and search are links and GET forms, actions are plain forms to server
//! functions, and writing is a multipart form to the server (for the attachments).

mod compose;
mod mailbox;
mod message;

pub use compose::ComposePage;
pub use mailbox::MessagesPage;
pub use message::MessagePage;
