//! Sign-in: passwords, lockout and disabling, e-mail confirmation, server-side sessions, one-time
//! tokens (e-mail confirmation, password reset, reactivation) and rate-limit counters.
//!
//! The sub-accounts of one username share one salt (`account.password_salt`), so that a sign-in costs
//! one argon2id evaluation however many co-accounts there are. SQLite alters one column per statement.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Account {
    Table,
    PasswordSalt,
    FailedLogins,
}

#[derive(DeriveIden)]
enum SubAccount {
    Table,
    Id,
    AccountId,
    PasswordHash,
    MustChangePassword,
    EmailConfirmedAt,
    LockedAt,
    DisabledAt,
    PasswordChangedAt,
}

#[derive(DeriveIden)]
enum Session {
    Table,
    Id,
    SubAccountId,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum Token {
    Table,
    Id,
    SubAccountId,
    Purpose,
    Email,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum RateLimit {
    Table,
    Key,
    WindowStart,
    Hits,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let account_columns = [
            string_len_null(Account::PasswordSalt, 64),
            integer(Account::FailedLogins).default(0).to_owned(),
        ];
        for column in account_columns {
            manager
                .alter_table(
                    Table::alter()
                        .table(Account::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        let sub_account_columns = [
            string_len_null(SubAccount::PasswordHash, 128),
            boolean(SubAccount::MustChangePassword)
                .default(false)
                .to_owned(),
            timestamp_with_time_zone_null(SubAccount::EmailConfirmedAt),
            timestamp_with_time_zone_null(SubAccount::LockedAt),
            timestamp_with_time_zone_null(SubAccount::DisabledAt),
            timestamp_with_time_zone_null(SubAccount::PasswordChangedAt),
        ];
        for column in sub_account_columns {
            manager
                .alter_table(
                    Table::alter()
                        .table(SubAccount::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }

        // The database itself refuses two persons of one username with the same password
        // (the shared salt makes equal passwords equal hashes); NULLs, people without one, do not clash.
        manager
            .create_index(
                Index::create()
                    .name("ux_sub_account_password")
                    .table(SubAccount::Table)
                    .col(SubAccount::AccountId)
                    .col(SubAccount::PasswordHash)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Session::Table)
                    .col(string_len(Session::Id, 64).primary_key())
                    .col(integer(Session::SubAccountId))
                    .col(timestamp_with_time_zone(Session::CreatedAt))
                    .col(timestamp_with_time_zone(Session::LastSeenAt))
                    .col(timestamp_with_time_zone(Session::ExpiresAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Session::Table, Session::SubAccountId)
                            .to(SubAccount::Table, SubAccount::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_session_sub_account")
                    .table(Session::Table)
                    .col(Session::SubAccountId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Token::Table)
                    .col(string_len(Token::Id, 64).primary_key())
                    .col(integer(Token::SubAccountId))
                    .col(string_len(Token::Purpose, 24))
                    .col(string_len_null(Token::Email, 254))
                    .col(timestamp_with_time_zone(Token::CreatedAt))
                    .col(timestamp_with_time_zone(Token::ExpiresAt))
                    .col(timestamp_with_time_zone_null(Token::UsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Token::Table, Token::SubAccountId)
                            .to(SubAccount::Table, SubAccount::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_token_sub_account")
                    .table(Token::Table)
                    .col(Token::SubAccountId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RateLimit::Table)
                    .col(string_len(RateLimit::Key, 200).primary_key())
                    .col(big_integer(RateLimit::WindowStart))
                    .col(integer(RateLimit::Hits))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            RateLimit::Table.into_iden(),
            Token::Table.into_iden(),
            Session::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
