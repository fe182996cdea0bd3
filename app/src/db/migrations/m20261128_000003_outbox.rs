//! The outbox: every mail the platform sends, written in the same transaction as the action that
//! causes it, so that a rolled-back action sends nothing and a committed one is never lost.
//!
//! A background worker delivers due rows (`sent_at` empty, `next_attempt_at` passed). It claims a row
//! by setting `claimed_until`, a lease that lets another server take the row over when the worker
//! dies mid-send; a failed attempt pushes `next_attempt_at` back and keeps the error in `last_error`.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Id,
    ToAddress,
    Subject,
    TextBody,
    HtmlBody,
    CreatedAt,
    Attempts,
    NextAttemptAt,
    ClaimedUntil,
    SentAt,
    LastError,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Outbox::Table)
                    .col(pk_auto(Outbox::Id))
                    .col(string_len(Outbox::ToAddress, 254))
                    .col(string(Outbox::Subject))
                    .col(text(Outbox::TextBody))
                    .col(text(Outbox::HtmlBody))
                    .col(timestamp_with_time_zone(Outbox::CreatedAt))
                    .col(integer(Outbox::Attempts).default(0))
                    .col(timestamp_with_time_zone(Outbox::NextAttemptAt))
                    .col(timestamp_with_time_zone_null(Outbox::ClaimedUntil))
                    .col(timestamp_with_time_zone_null(Outbox::SentAt))
                    .col(text_null(Outbox::LastError))
                    .to_owned(),
            )
            .await?;
        // The worker's question every second: which unsent rows are due?
        manager
            .create_index(
                Index::create()
                    .name("ix_outbox_due")
                    .table(Outbox::Table)
                    .col(Outbox::SentAt)
                    .col(Outbox::NextAttemptAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Outbox::Table).to_owned())
            .await
    }
}
