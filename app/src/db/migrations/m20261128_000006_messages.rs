//! Berichten: every person (pupil, each co-account, each staff member) has a mailbox of their own.
//!
//! A `message` is written once; each person who has it (the sender's sent copy or draft, every
//! recipient's copy) gets one `mailbox_entry` with its own folder, read mark and flag, so that a
//! message to "the parents of 2B" becomes one entry per co-account and nobody sees another's
//! mailbox. Attachments are kept in the database with their message. A `school_address` names the
//! person behind the secretariaat, directie or zorgcoördinator, and `class.teacher_id` the class
//! teacher. Persons opt in to a notification mail per new message (`notify_messages`).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Platform {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum SubAccount {
    Table,
    Id,
    NotifyMessages,
}

#[derive(DeriveIden, Clone, Copy)]
enum Class {
    Table,
    TeacherId,
}

#[derive(DeriveIden, Clone, Copy)]
enum SchoolAddress {
    Table,
    Id,
    PlatformId,
    Kind,
    PersonId,
}

#[derive(DeriveIden, Clone, Copy)]
enum Message {
    Table,
    Id,
    PublicId,
    PlatformId,
    SenderId,
    SenderName,
    Subject,
    Body,
    Source,
    ToLabel,
    DraftTo,
    CreatedAt,
    SentAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum MailboxEntry {
    Table,
    Id,
    PublicId,
    OwnerId,
    MessageId,
    Folder,
    RestoreFolder,
    Received,
    ReadAt,
    Flagged,
    SortedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Attachment {
    Table,
    Id,
    PublicId,
    MessageId,
    FileName,
    ContentType,
    Size,
    Content,
}

fn to_person(table: impl IntoIden + Copy, column: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(SubAccount::Table, SubAccount::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(SubAccount::Table)
                    .add_column(boolean(SubAccount::NotifyMessages).default(false))
                    .to_owned(),
            )
            .await?;
        // A plain column: SQLite cannot add a foreign key to an existing table.
        manager
            .alter_table(
                Table::alter()
                    .table(Class::Table)
                    .add_column(integer_null(Class::TeacherId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SchoolAddress::Table)
                    .col(pk_auto(SchoolAddress::Id))
                    .col(integer(SchoolAddress::PlatformId))
                    .col(string_len(SchoolAddress::Kind, 32))
                    .col(integer(SchoolAddress::PersonId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(SchoolAddress::Table, SchoolAddress::PlatformId)
                            .to(Platform::Table, Platform::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(&mut to_person(
                        SchoolAddress::Table,
                        SchoolAddress::PersonId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_school_address")
                    .table(SchoolAddress::Table)
                    .col(SchoolAddress::PlatformId)
                    .col(SchoolAddress::Kind)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Message::Table)
                    .col(pk_auto(Message::Id))
                    .col(uuid_uniq(Message::PublicId))
                    .col(integer(Message::PlatformId))
                    .col(integer(Message::SenderId))
                    .col(string_len(Message::SenderName, 200))
                    .col(string_len(Message::Subject, 200))
                    .col(text(Message::Body))
                    .col(text(Message::Source))
                    .col(text(Message::ToLabel))
                    .col(text_null(Message::DraftTo))
                    .col(timestamp_with_time_zone(Message::CreatedAt))
                    .col(timestamp_with_time_zone_null(Message::SentAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Message::Table, Message::PlatformId)
                            .to(Platform::Table, Platform::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(&mut to_person(Message::Table, Message::SenderId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MailboxEntry::Table)
                    .col(pk_auto(MailboxEntry::Id))
                    .col(uuid_uniq(MailboxEntry::PublicId))
                    .col(integer(MailboxEntry::OwnerId))
                    .col(integer(MailboxEntry::MessageId))
                    .col(string_len(MailboxEntry::Folder, 16))
                    .col(string_len_null(MailboxEntry::RestoreFolder, 16))
                    .col(boolean(MailboxEntry::Received))
                    .col(timestamp_with_time_zone_null(MailboxEntry::ReadAt))
                    .col(boolean(MailboxEntry::Flagged))
                    .col(timestamp_with_time_zone(MailboxEntry::SortedAt))
                    .foreign_key(&mut to_person(MailboxEntry::Table, MailboxEntry::OwnerId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(MailboxEntry::Table, MailboxEntry::MessageId)
                            .to(Message::Table, Message::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // A folder page is one range of this index, however full the mailbox; one copy per person.
        manager
            .create_index(
                Index::create()
                    .name("ix_mailbox_entry_folder")
                    .table(MailboxEntry::Table)
                    .col(MailboxEntry::OwnerId)
                    .col(MailboxEntry::Folder)
                    .col(MailboxEntry::SortedAt)
                    .to_owned(),
            )
            .await?;
        // The unread count in the navigation, on every page: a range of this index alone.
        manager
            .create_index(
                Index::create()
                    .name("ix_mailbox_entry_unread")
                    .table(MailboxEntry::Table)
                    .col(MailboxEntry::OwnerId)
                    .col(MailboxEntry::Folder)
                    .col(MailboxEntry::ReadAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_mailbox_entry_message")
                    .table(MailboxEntry::Table)
                    .col(MailboxEntry::MessageId)
                    .col(MailboxEntry::OwnerId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Attachment::Table)
                    .col(pk_auto(Attachment::Id))
                    .col(uuid_uniq(Attachment::PublicId))
                    .col(integer(Attachment::MessageId))
                    .col(string_len(Attachment::FileName, 255))
                    .col(string_len(Attachment::ContentType, 100))
                    .col(big_integer(Attachment::Size))
                    .col(blob(Attachment::Content))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Attachment::Table, Attachment::MessageId)
                            .to(Message::Table, Message::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_attachment_message")
                    .table(Attachment::Table)
                    .col(Attachment::MessageId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Attachment::Table.into_iden(),
            MailboxEntry::Table.into_iden(),
            Message::Table.into_iden(),
            SchoolAddress::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Class::Table)
                    .drop_column(Class::TeacherId)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(SubAccount::Table)
                    .drop_column(SubAccount::NotifyMessages)
                    .to_owned(),
            )
            .await
    }
}
