//! Beheer: a pupil keeps the id of the school's administration package (`external_id`) so that
//! an import finds the same person again; a person remembers why they were disabled, when a letter
//! with a start password was made for them, and when they last signed in; every Beheer action
//! leaves an audit entry; an uploaded pupil export waits as a draft until the admin confirms it.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Account {
    Table,
    PlatformId,
    ExternalId,
    BirthDate,
    MaxCoAccounts,
}

#[derive(DeriveIden, Clone, Copy)]
enum SubAccount {
    Table,
    DisabledReason,
    LetterAt,
    LastSignInAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum AuditEntry {
    Table,
    Id,
    PlatformId,
    ActorId,
    At,
    Action,
    Subject,
    Detail,
}

#[derive(DeriveIden, Clone, Copy)]
enum ImportDraft {
    Table,
    Id,
    PlatformId,
    CreatedBy,
    CreatedAt,
    FileName,
    Content,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds only one at a time.
        let add = |table: TableRef, column: ColumnDef| {
            Table::alter().table(table).add_column(column).to_owned()
        };
        for statement in [
            add(
                Account::Table.into_table_ref(),
                string_len_null(Account::ExternalId, 64).to_owned(),
            ),
            add(
                Account::Table.into_table_ref(),
                date_null(Account::BirthDate).to_owned(),
            ),
            add(
                Account::Table.into_table_ref(),
                integer_null(Account::MaxCoAccounts).to_owned(),
            ),
            add(
                SubAccount::Table.into_table_ref(),
                string_len_null(SubAccount::DisabledReason, 200).to_owned(),
            ),
            add(
                SubAccount::Table.into_table_ref(),
                timestamp_with_time_zone_null(SubAccount::LetterAt).to_owned(),
            ),
            add(
                SubAccount::Table.into_table_ref(),
                timestamp_with_time_zone_null(SubAccount::LastSignInAt).to_owned(),
            ),
        ] {
            manager.alter_table(statement).await?;
        }
        // The administration package's id names one pupil per school.
        manager
            .create_index(
                Index::create()
                    .name("ux_account_external_id")
                    .table(Account::Table)
                    .col(Account::PlatformId)
                    .col(Account::ExternalId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AuditEntry::Table)
                    .col(pk_auto(AuditEntry::Id))
                    .col(integer(AuditEntry::PlatformId))
                    .col(integer_null(AuditEntry::ActorId))
                    .col(timestamp_with_time_zone(AuditEntry::At))
                    .col(string_len(AuditEntry::Action, 40))
                    .col(string(AuditEntry::Subject))
                    .col(text(AuditEntry::Detail))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_audit_entry_platform_at")
                    .table(AuditEntry::Table)
                    .col(AuditEntry::PlatformId)
                    .col(AuditEntry::At)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ImportDraft::Table)
                    .col(string_len(ImportDraft::Id, 64).primary_key())
                    .col(integer(ImportDraft::PlatformId))
                    .col(integer(ImportDraft::CreatedBy))
                    .col(timestamp_with_time_zone(ImportDraft::CreatedAt))
                    .col(string(ImportDraft::FileName))
                    .col(text(ImportDraft::Content))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ImportDraft::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(AuditEntry::Table).to_owned())
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("ux_account_external_id")
                    .table(Account::Table)
                    .to_owned(),
            )
            .await?;
        for (table, column) in [
            (
                Account::Table.into_table_ref(),
                Account::ExternalId.into_iden(),
            ),
            (
                Account::Table.into_table_ref(),
                Account::BirthDate.into_iden(),
            ),
            (
                Account::Table.into_table_ref(),
                Account::MaxCoAccounts.into_iden(),
            ),
            (
                SubAccount::Table.into_table_ref(),
                SubAccount::DisabledReason.into_iden(),
            ),
            (
                SubAccount::Table.into_table_ref(),
                SubAccount::LetterAt.into_iden(),
            ),
            (
                SubAccount::Table.into_table_ref(),
                SubAccount::LastSignInAt.into_iden(),
            ),
        ] {
            manager
                .alter_table(Table::alter().table(table).drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}
