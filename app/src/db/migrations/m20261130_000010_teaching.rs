//! Teachers write what families read: an evaluation has a weight, is a draft until its teacher
//! publishes it, and counts the saves of its score grid so that two teachers saving at once
//! cannot overwrite each other unnoticed; a score may be a code (absent, excused, exempt)
//! instead of points and remembers a correction after publication; a planned item may have an
//! hour and remembers who planned it; one attendance code per pupil and half day, with who
//! registered it; course materials have an order.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Evaluation {
    Table,
    Weight,
    Draft,
    Version,
}

#[derive(DeriveIden, Clone, Copy)]
enum Score {
    Table,
    Code,
    ChangedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum AgendaItem {
    Table,
    DueTime,
    AuthorId,
}

#[derive(DeriveIden, Clone, Copy)]
enum Attendance {
    Table,
    PupilId,
    Day,
    Half,
    RecordedBy,
}

#[derive(DeriveIden, Clone, Copy)]
enum Material {
    Table,
    Position,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds only one at a time.
        let columns: [(TableRef, ColumnDef); 9] = [
            (
                Evaluation::Table.into_table_ref(),
                double(Evaluation::Weight).default(1.0).to_owned(),
            ),
            (
                Evaluation::Table.into_table_ref(),
                boolean(Evaluation::Draft).default(false).to_owned(),
            ),
            (
                Evaluation::Table.into_table_ref(),
                integer(Evaluation::Version).default(0).to_owned(),
            ),
            (
                Score::Table.into_table_ref(),
                string_len_null(Score::Code, 10).to_owned(),
            ),
            (
                Score::Table.into_table_ref(),
                timestamp_with_time_zone_null(Score::ChangedAt).to_owned(),
            ),
            (
                AgendaItem::Table.into_table_ref(),
                time_null(AgendaItem::DueTime).to_owned(),
            ),
            (
                AgendaItem::Table.into_table_ref(),
                integer_null(AgendaItem::AuthorId).to_owned(),
            ),
            (
                Attendance::Table.into_table_ref(),
                integer_null(Attendance::RecordedBy).to_owned(),
            ),
            (
                Material::Table.into_table_ref(),
                integer(Material::Position).default(0).to_owned(),
            ),
        ];
        for (table, column) in columns {
            manager
                .alter_table(Table::alter().table(table).add_column(column).to_owned())
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("ux_attendance_pupil_half_day")
                    .table(Attendance::Table)
                    .col(Attendance::PupilId)
                    .col(Attendance::Day)
                    .col(Attendance::Half)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ux_attendance_pupil_half_day")
                    .table(Attendance::Table)
                    .to_owned(),
            )
            .await?;
        let columns: [(TableRef, DynIden); 9] = [
            (
                Evaluation::Table.into_table_ref(),
                Evaluation::Weight.into_iden(),
            ),
            (
                Evaluation::Table.into_table_ref(),
                Evaluation::Draft.into_iden(),
            ),
            (
                Evaluation::Table.into_table_ref(),
                Evaluation::Version.into_iden(),
            ),
            (Score::Table.into_table_ref(), Score::Code.into_iden()),
            (Score::Table.into_table_ref(), Score::ChangedAt.into_iden()),
            (
                AgendaItem::Table.into_table_ref(),
                AgendaItem::DueTime.into_iden(),
            ),
            (
                AgendaItem::Table.into_table_ref(),
                AgendaItem::AuthorId.into_iden(),
            ),
            (
                Attendance::Table.into_table_ref(),
                Attendance::RecordedBy.into_iden(),
            ),
            (
                Material::Table.into_table_ref(),
                Material::Position.into_iden(),
            ),
        ];
        for (table, column) in columns {
            manager
                .alter_table(Table::alter().table(table).drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}
