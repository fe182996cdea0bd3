//! Notifications per person and kind: a person's language (every mail follows it), how each kind
//! of news reaches them (at once, in the daily digest, or not), the news waiting for the next
//! digest, and the digest runs (one per school day, whichever server gets there first).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum SubAccount {
    Table,
    Language,
}

#[derive(DeriveIden, Clone, Copy)]
enum NotificationPreference {
    Table,
    Id,
    PersonId,
    Kind,
    Mode,
}

#[derive(DeriveIden, Clone, Copy)]
enum DigestEntry {
    Table,
    Id,
    PersonId,
    PupilId,
    Kind,
    At,
    Changed,
    Course,
    Title,
    Day,
    Points,
    Max,
    Code,
}

#[derive(DeriveIden, Clone, Copy)]
enum DigestRun {
    Table,
    Day,
    RanAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(SubAccount::Table)
                    .add_column(string_len_null(SubAccount::Language, 2))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(NotificationPreference::Table)
                    .col(pk_auto(NotificationPreference::Id))
                    .col(integer(NotificationPreference::PersonId))
                    .col(string_len(NotificationPreference::Kind, 16))
                    .col(string_len(NotificationPreference::Mode, 16))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_notification_preference_person_kind")
                    .table(NotificationPreference::Table)
                    .col(NotificationPreference::PersonId)
                    .col(NotificationPreference::Kind)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(DigestEntry::Table)
                    .col(pk_auto(DigestEntry::Id))
                    .col(integer(DigestEntry::PersonId))
                    .col(integer_null(DigestEntry::PupilId))
                    .col(string_len(DigestEntry::Kind, 16))
                    .col(timestamp_with_time_zone(DigestEntry::At))
                    .col(boolean(DigestEntry::Changed).default(false))
                    .col(string(DigestEntry::Course))
                    .col(string(DigestEntry::Title))
                    .col(date_null(DigestEntry::Day))
                    .col(double_null(DigestEntry::Points))
                    .col(double_null(DigestEntry::Max))
                    .col(string_len_null(DigestEntry::Code, 10))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_digest_entry_person")
                    .table(DigestEntry::Table)
                    .col(DigestEntry::PersonId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(DigestRun::Table)
                    .col(date(DigestRun::Day).primary_key())
                    .col(timestamp_with_time_zone(DigestRun::RanAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            DigestRun::Table.into_iden(),
            DigestEntry::Table.into_iden(),
            NotificationPreference::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(SubAccount::Table)
                    .drop_column(SubAccount::Language)
                    .to_owned(),
            )
            .await
    }
}
