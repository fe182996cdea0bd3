//! Lookups that scanned a table growing with the school, found by reading SQLite's plans
//! (`statements.rs` in the tests): the moments that invite a class, the classes of a class
//! teacher (half of "a teacher's classes", beside the courses' own index on their teacher), and
//! the courses of a school by name (Beheer's school page).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum ConferenceClass {
    Table,
    ClassId,
}

#[derive(DeriveIden, Clone, Copy)]
enum Class {
    Table,
    TeacherId,
}

#[derive(DeriveIden, Clone, Copy)]
enum Course {
    Table,
    PlatformId,
    Name,
}

/// Each index: its name, its table and its columns.
fn indexes() -> [(&'static str, DynIden, Vec<DynIden>); 3] {
    [
        (
            "ix_conference_class_class",
            ConferenceClass::Table.into_iden(),
            vec![ConferenceClass::ClassId.into_iden()],
        ),
        (
            "ix_class_teacher",
            Class::Table.into_iden(),
            vec![Class::TeacherId.into_iden()],
        ),
        (
            "ix_course_platform_name",
            Course::Table.into_iden(),
            vec![Course::PlatformId.into_iden(), Course::Name.into_iden()],
        ),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, columns) in indexes() {
            let mut index = Index::create();
            index.name(name).table(table);
            for column in columns {
                index.col(column);
            }
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, _) in indexes().into_iter().rev() {
            manager
                .drop_index(Index::drop().name(name).table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
