//! "Wie kan mijn kind zien?": each session names the device it was opened on (the browser and
//! the system, in words, never the whole user agent), and the last sign-ins of each person are
//! kept so that they can spot one that was not theirs.

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
enum Session {
    Table,
    Browser,
    System,
}

#[derive(DeriveIden, Clone, Copy)]
enum SignIn {
    Table,
    Id,
    SubAccountId,
    At,
    Browser,
    System,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Session::Browser, Session::System] {
            // One column per statement: SQLite adds one at a time.
            manager
                .alter_table(
                    Table::alter()
                        .table(Session::Table)
                        .add_column(string_len_null(column, 40))
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(SignIn::Table)
                    .col(pk_auto(SignIn::Id))
                    .col(integer(SignIn::SubAccountId))
                    .col(timestamp_with_time_zone(SignIn::At))
                    .col(string_len_null(SignIn::Browser, 40))
                    .col(string_len_null(SignIn::System, 40))
                    .foreign_key(
                        ForeignKey::create()
                            .from(SignIn::Table, SignIn::SubAccountId)
                            .to(SubAccount::Table, SubAccount::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("sign_in_person_at")
                    .table(SignIn::Table)
                    .col(SignIn::SubAccountId)
                    .col(SignIn::At)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SignIn::Table).to_owned())
            .await?;
        for column in [Session::Browser, Session::System] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Session::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
