//! The core of the product: schools (platforms), the accounts that sign in to them, the persons
//! behind an account (sub-accounts), classes and courses.
//!
//! Pupils and staff share `account`, because a sign-in is always platform + username + password and
//! a username is unique within its platform whoever owns it. `account.kind` tells pupil, teacher and
//! admin apart; only pupils have co-accounts (sub-accounts 1..N).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Platform {
    Table,
    Id,
    Slug,
    Name,
    City,
    MaxCoAccounts,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
    PlatformId,
    Username,
    Kind,
    ClassId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SubAccount {
    Table,
    Id,
    PublicId,
    AccountId,
    Idx,
    FirstName,
    LastName,
    Relation,
    Email,
    Photo,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Class {
    Table,
    Id,
    PlatformId,
    Name,
}

#[derive(DeriveIden)]
enum Course {
    Table,
    Id,
    PlatformId,
    ClassId,
    TeacherId,
    Name,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Platform::Table)
                    .col(pk_auto(Platform::Id))
                    .col(string_len_uniq(Platform::Slug, 63))
                    .col(string(Platform::Name))
                    .col(string(Platform::City))
                    .col(integer(Platform::MaxCoAccounts).default(2))
                    .col(timestamp_with_time_zone(Platform::CreatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Class::Table)
                    .col(pk_auto(Class::Id))
                    .col(integer(Class::PlatformId))
                    .col(string(Class::Name))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Class::Table, Class::PlatformId)
                            .to(Platform::Table, Platform::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_class_platform_name")
                    .table(Class::Table)
                    .col(Class::PlatformId)
                    .col(Class::Name)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Account::Table)
                    .col(pk_auto(Account::Id))
                    .col(integer(Account::PlatformId))
                    .col(string_len(Account::Username, 100))
                    .col(string_len(Account::Kind, 16))
                    .col(integer_null(Account::ClassId))
                    .col(timestamp_with_time_zone(Account::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Account::Table, Account::PlatformId)
                            .to(Platform::Table, Platform::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Account::Table, Account::ClassId)
                            .to(Class::Table, Class::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_account_platform_username")
                    .table(Account::Table)
                    .col(Account::PlatformId)
                    .col(Account::Username)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_account_class")
                    .table(Account::Table)
                    .col(Account::ClassId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(SubAccount::Table)
                    .col(pk_auto(SubAccount::Id))
                    .col(uuid_uniq(SubAccount::PublicId))
                    .col(integer(SubAccount::AccountId))
                    .col(small_integer(SubAccount::Idx))
                    .col(string(SubAccount::FirstName))
                    .col(string(SubAccount::LastName))
                    .col(string_len_null(SubAccount::Relation, 40))
                    .col(string_len_null(SubAccount::Email, 254))
                    .col(string_null(SubAccount::Photo))
                    .col(timestamp_with_time_zone(SubAccount::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(SubAccount::Table, SubAccount::AccountId)
                            .to(Account::Table, Account::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_sub_account_account_idx")
                    .table(SubAccount::Table)
                    .col(SubAccount::AccountId)
                    .col(SubAccount::Idx)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Course::Table)
                    .col(pk_auto(Course::Id))
                    .col(integer(Course::PlatformId))
                    .col(integer(Course::ClassId))
                    .col(integer(Course::TeacherId))
                    .col(string(Course::Name))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Course::Table, Course::PlatformId)
                            .to(Platform::Table, Platform::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Course::Table, Course::ClassId)
                            .to(Class::Table, Class::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Course::Table, Course::TeacherId)
                            .to(Account::Table, Account::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_course_class")
                    .table(Course::Table)
                    .col(Course::ClassId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_course_teacher")
                    .table(Course::Table)
                    .col(Course::TeacherId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Course::Table.into_iden(),
            SubAccount::Table.into_iden(),
            Account::Table.into_iden(),
            Class::Table.into_iden(),
            Platform::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
