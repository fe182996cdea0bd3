//! Calendar feeds and lesson changes. A feed is a secret address that a person subscribes to in
//! their own calendar: the agenda of one child, or of the whole family. A lesson can be
//! cancelled or move to another room, which the agenda and the feeds show.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum SubAccount {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum CalendarFeed {
    Table,
    Id,
    PersonId,
    MemberId,
    Token,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Lesson {
    Table,
    Cancelled,
    PlannedRoom,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CalendarFeed::Table)
                    .col(pk_auto(CalendarFeed::Id))
                    .col(integer(CalendarFeed::PersonId))
                    .col(integer_null(CalendarFeed::MemberId))
                    .col(string_len_uniq(CalendarFeed::Token, 64))
                    .col(timestamp_with_time_zone(CalendarFeed::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(CalendarFeed::Table, CalendarFeed::PersonId)
                            .to(SubAccount::Table, SubAccount::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CalendarFeed::Table, CalendarFeed::MemberId)
                            .to(SubAccount::Table, SubAccount::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_calendar_feed_person")
                    .table(CalendarFeed::Table)
                    .col(CalendarFeed::PersonId)
                    .to_owned(),
            )
            .await?;
        // One column per statement: SQLite alters a table one column at a time.
        for column in [
            boolean(Lesson::Cancelled).default(false).to_owned(),
            string_len_null(Lesson::PlannedRoom, 40),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Lesson::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Lesson::Cancelled, Lesson::PlannedRoom] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Lesson::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .drop_table(Table::drop().table(CalendarFeed::Table).to_owned())
            .await
    }
}
