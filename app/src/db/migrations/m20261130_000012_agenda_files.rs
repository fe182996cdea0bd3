//! Files attached to a planned task, test or assignment, kept in the database like course
//! materials and with the same limits; they go when the item goes.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum AgendaItem {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum AgendaFile {
    Table,
    Id,
    AgendaItemId,
    FileName,
    ContentType,
    Size,
    Content,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AgendaFile::Table)
                    .col(pk_auto(AgendaFile::Id))
                    .col(integer(AgendaFile::AgendaItemId))
                    .col(string(AgendaFile::FileName))
                    .col(string_len(AgendaFile::ContentType, 100))
                    .col(big_integer(AgendaFile::Size))
                    .col(blob(AgendaFile::Content))
                    .col(timestamp_with_time_zone(AgendaFile::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(AgendaFile::Table, AgendaFile::AgendaItemId)
                            .to(AgendaItem::Table, AgendaItem::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_agenda_file_item")
                    .table(AgendaFile::Table)
                    .col(AgendaFile::AgendaItemId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AgendaFile::Table).to_owned())
            .await
    }
}
