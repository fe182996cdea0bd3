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

const MOMENTS_OF_CLASS: &str = "ix_conference_class_class";
const CLASSES_OF_TEACHER: &str = "ix_class_teacher";
const COURSES_OF_SCHOOL: &str = "ix_course_platform_name";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(MOMENTS_OF_CLASS)
                    .table(ConferenceClass::Table)
                    .col(ConferenceClass::ClassId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(CLASSES_OF_TEACHER)
                    .table(Class::Table)
                    .col(Class::TeacherId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(COURSES_OF_SCHOOL)
                    .table(Course::Table)
                    .col(Course::PlatformId)
                    .col(Course::Name)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(COURSES_OF_SCHOOL)
                    .table(Course::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name(CLASSES_OF_TEACHER)
                    .table(Class::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name(MOMENTS_OF_CLASS)
                    .table(ConferenceClass::Table)
                    .to_owned(),
            )
            .await
    }
}
