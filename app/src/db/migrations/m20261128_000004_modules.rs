//! The shared modules that a pupil and the pupil's co-accounts see: the schoolagenda (lessons and
//! planned tasks, tests and assignments), results, course materials, live sessions, the LVS (remarks
//! and attendance), and each person's own documents.
//!
//! Files (course materials, documents) are kept in the database, so that an app server holds no
//! state of its own and nothing is lost on a restart or on another server.
//! Lesson and session times are school-local wall-clock times: a lesson at 08:25 stays at 08:25.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Account {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum SubAccount {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Course {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Lesson {
    Table,
    Id,
    CourseId,
    StartsAt,
    EndsAt,
    Room,
    Topic,
}

#[derive(DeriveIden, Clone, Copy)]
enum AgendaItem {
    Table,
    Id,
    CourseId,
    Kind,
    DueOn,
    Title,
    Description,
}

#[derive(DeriveIden, Clone, Copy)]
enum Evaluation {
    Table,
    Id,
    CourseId,
    Period,
    Name,
    HeldOn,
    MaxScore,
    PublishedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Score {
    Table,
    Id,
    EvaluationId,
    PupilId,
    Points,
    Feedback,
}

#[derive(DeriveIden, Clone, Copy)]
enum Material {
    Table,
    Id,
    CourseId,
    Title,
    Url,
    FileName,
    ContentType,
    Size,
    Content,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum LiveSession {
    Table,
    Id,
    CourseId,
    StartsAt,
    EndsAt,
    Title,
    Url,
}

#[derive(DeriveIden, Clone, Copy)]
enum LvsRemark {
    Table,
    Id,
    PupilId,
    AuthorId,
    NotedOn,
    Category,
    Text,
    VisibleToPupil,
    VisibleToParents,
}

#[derive(DeriveIden, Clone, Copy)]
enum Attendance {
    Table,
    Id,
    PupilId,
    Day,
    Half,
    Code,
    Note,
}

#[derive(DeriveIden, Clone, Copy)]
enum Document {
    Table,
    Id,
    PublicId,
    OwnerId,
    FileName,
    ContentType,
    Size,
    Content,
    CreatedAt,
}

fn to_course<T: IntoIden>(table: T, column: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(Course::Table, Course::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

fn to_account<T: IntoIden>(table: T, column: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(Account::Table, Account::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

fn index<T: IntoIden + Copy>(name: &str, table: T, columns: &[T]) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table);
    for column in columns {
        index.col(*column);
    }
    index.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Lesson::Table)
                    .col(pk_auto(Lesson::Id))
                    .col(integer(Lesson::CourseId))
                    .col(date_time(Lesson::StartsAt))
                    .col(date_time(Lesson::EndsAt))
                    .col(string_len(Lesson::Room, 40))
                    .col(string_null(Lesson::Topic))
                    .foreign_key(&mut to_course(Lesson::Table, Lesson::CourseId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_lesson_course_start",
                Lesson::Table,
                &[Lesson::CourseId, Lesson::StartsAt],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AgendaItem::Table)
                    .col(pk_auto(AgendaItem::Id))
                    .col(integer(AgendaItem::CourseId))
                    .col(string_len(AgendaItem::Kind, 16))
                    .col(date(AgendaItem::DueOn))
                    .col(string(AgendaItem::Title))
                    .col(text(AgendaItem::Description))
                    .foreign_key(&mut to_course(AgendaItem::Table, AgendaItem::CourseId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_agenda_item_course_due",
                AgendaItem::Table,
                &[AgendaItem::CourseId, AgendaItem::DueOn],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Evaluation::Table)
                    .col(pk_auto(Evaluation::Id))
                    .col(integer(Evaluation::CourseId))
                    .col(small_integer(Evaluation::Period))
                    .col(string(Evaluation::Name))
                    .col(date(Evaluation::HeldOn))
                    .col(double(Evaluation::MaxScore))
                    .col(timestamp_with_time_zone(Evaluation::PublishedAt))
                    .foreign_key(&mut to_course(Evaluation::Table, Evaluation::CourseId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_evaluation_course",
                Evaluation::Table,
                &[Evaluation::CourseId],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Score::Table)
                    .col(pk_auto(Score::Id))
                    .col(integer(Score::EvaluationId))
                    .col(integer(Score::PupilId))
                    .col(double(Score::Points))
                    .col(text_null(Score::Feedback))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Score::Table, Score::EvaluationId)
                            .to(Evaluation::Table, Evaluation::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(&mut to_account(Score::Table, Score::PupilId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "ux_score_evaluation_pupil",
                    Score::Table,
                    &[Score::EvaluationId, Score::PupilId],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        manager
            .create_index(index("ix_score_pupil", Score::Table, &[Score::PupilId]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Material::Table)
                    .col(pk_auto(Material::Id))
                    .col(integer(Material::CourseId))
                    .col(string(Material::Title))
                    .col(string_len_null(Material::Url, 2000))
                    .col(string_null(Material::FileName))
                    .col(string_len_null(Material::ContentType, 100))
                    .col(big_integer_null(Material::Size))
                    .col(blob_null(Material::Content))
                    .col(timestamp_with_time_zone(Material::CreatedAt))
                    .foreign_key(&mut to_course(Material::Table, Material::CourseId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_material_course",
                Material::Table,
                &[Material::CourseId],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(LiveSession::Table)
                    .col(pk_auto(LiveSession::Id))
                    .col(integer(LiveSession::CourseId))
                    .col(date_time(LiveSession::StartsAt))
                    .col(date_time(LiveSession::EndsAt))
                    .col(string(LiveSession::Title))
                    .col(string_len(LiveSession::Url, 2000))
                    .foreign_key(&mut to_course(LiveSession::Table, LiveSession::CourseId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_live_session_course_start",
                LiveSession::Table,
                &[LiveSession::CourseId, LiveSession::StartsAt],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(LvsRemark::Table)
                    .col(pk_auto(LvsRemark::Id))
                    .col(integer(LvsRemark::PupilId))
                    .col(integer(LvsRemark::AuthorId))
                    .col(date(LvsRemark::NotedOn))
                    .col(string_len(LvsRemark::Category, 40))
                    .col(text(LvsRemark::Text))
                    .col(boolean(LvsRemark::VisibleToPupil))
                    .col(boolean(LvsRemark::VisibleToParents))
                    .foreign_key(&mut to_account(LvsRemark::Table, LvsRemark::PupilId))
                    .foreign_key(&mut to_account(LvsRemark::Table, LvsRemark::AuthorId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_lvs_remark_pupil",
                LvsRemark::Table,
                &[LvsRemark::PupilId, LvsRemark::NotedOn],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Attendance::Table)
                    .col(pk_auto(Attendance::Id))
                    .col(integer(Attendance::PupilId))
                    .col(date(Attendance::Day))
                    .col(string_len(Attendance::Half, 2))
                    .col(string_len(Attendance::Code, 4))
                    .col(string_null(Attendance::Note))
                    .foreign_key(&mut to_account(Attendance::Table, Attendance::PupilId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "ux_attendance_pupil_day_half",
                    Attendance::Table,
                    &[Attendance::PupilId, Attendance::Day, Attendance::Half],
                )
                .unique()
                .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Document::Table)
                    .col(pk_auto(Document::Id))
                    .col(uuid_uniq(Document::PublicId))
                    .col(integer(Document::OwnerId))
                    .col(string(Document::FileName))
                    .col(string_len(Document::ContentType, 100))
                    .col(big_integer(Document::Size))
                    .col(blob(Document::Content))
                    .col(timestamp_with_time_zone(Document::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Document::Table, Document::OwnerId)
                            .to(SubAccount::Table, SubAccount::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_document_owner",
                Document::Table,
                &[Document::OwnerId],
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Document::Table.into_iden(),
            Attendance::Table.into_iden(),
            LvsRemark::Table.into_iden(),
            LiveSession::Table.into_iden(),
            Material::Table.into_iden(),
            Score::Table.into_iden(),
            Evaluation::Table.into_iden(),
            AgendaItem::Table.into_iden(),
            Lesson::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
