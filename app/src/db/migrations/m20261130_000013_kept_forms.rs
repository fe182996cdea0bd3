//! Forms kept for the way back: what a person typed in a form that was refused before the wasm
//! had loaded, read once by the page the form came from. Bound to the session that posted it.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum KeptForm {
    Table,
    Id,
    Key,
    SessionId,
    Action,
    Page,
    Fields,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(KeptForm::Table)
                    .col(pk_auto(KeptForm::Id))
                    .col(uuid_uniq(KeptForm::Key))
                    .col(string_len(KeptForm::SessionId, 64))
                    .col(string_len(KeptForm::Action, 200))
                    .col(string_len(KeptForm::Page, 2000))
                    .col(text(KeptForm::Fields))
                    .col(timestamp_with_time_zone(KeptForm::CreatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(KeptForm::Table).to_owned())
            .await
    }
}
