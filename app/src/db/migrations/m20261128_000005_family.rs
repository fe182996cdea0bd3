//! Families: co-accounts that a parent linked together ("Voeg kinderen toe"), possibly across
//! schools. Whoever signs in to one member sees the children of all members. A co-account belongs to
//! at most one family.
//!
//! A session remembers which member's child is selected (`selected_id`); every request checks again
//! that the member still belongs to the signed-in person's family, so unlinking takes effect for open
//! sessions at once. (A plain column: SQLite cannot add a foreign key to an existing table.)

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Family {
    Table,
    Id,
    CreatedAt,
}

#[derive(DeriveIden)]
enum FamilyMember {
    Table,
    Id,
    FamilyId,
    SubAccountId,
}

#[derive(DeriveIden)]
enum SubAccount {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Session {
    Table,
    SelectedId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Family::Table)
                    .col(pk_auto(Family::Id))
                    .col(timestamp_with_time_zone(Family::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FamilyMember::Table)
                    .col(pk_auto(FamilyMember::Id))
                    .col(integer(FamilyMember::FamilyId))
                    .col(integer_uniq(FamilyMember::SubAccountId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(FamilyMember::Table, FamilyMember::FamilyId)
                            .to(Family::Table, Family::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(FamilyMember::Table, FamilyMember::SubAccountId)
                            .to(SubAccount::Table, SubAccount::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_family_member_family")
                    .table(FamilyMember::Table)
                    .col(FamilyMember::FamilyId)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Session::Table)
                    .add_column(integer_null(Session::SelectedId))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Session::Table)
                    .drop_column(Session::SelectedId)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(FamilyMember::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Family::Table).to_owned())
            .await
    }
}
