//! A school's moments by school and last day: every Oudercontact page asks for the moments of the
//! caller's school that have not ended yet, which read every school's moments of every year.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Conference {
    Table,
    PlatformId,
    LastDay,
}

const INDEX: &str = "ix_conference_platform_last_day";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(INDEX)
                    .table(Conference::Table)
                    .col(Conference::PlatformId)
                    .col(Conference::LastDay)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(INDEX)
                    .table(Conference::Table)
                    .to_owned(),
            )
            .await
    }
}
