//! What can go wrong in Berichten, in the product's terms; the server functions and handlers give
//! each its status and message.

use sea_orm::DbErr;

#[derive(Debug, thiserror::Error)]
pub enum MessageError {
    /// No such copy, draft or attachment in this mailbox (whether or not it is someone else's).
    #[error("not found")]
    NotFound,
    /// A recipient that the compose form did not offer: another family, another school, made up.
    #[error("recipient not offered")]
    NotOffered,
    /// A message to send without anyone to send it to.
    #[error("no recipient")]
    NoRecipient,
    #[error("no subject")]
    NoSubject,
    #[error("message too long")]
    TooLong,
    /// The attachments of one message together are over the limit.
    #[error("file too large")]
    FileTooLarge,
    #[error("database: {0}")]
    Db(#[from] DbErr),
}
