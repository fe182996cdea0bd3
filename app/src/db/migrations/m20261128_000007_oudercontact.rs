//! Oudercontact: conference moments, the teachers' availability, the slots made from it and the
//! bookings of parents.
//!
//! Two unique indexes make double bookings impossible whatever the application does: one booking
//! per slot, and one booking per teacher per child within a moment. Slot times are school-local
//! wall-clock times, like lessons; the booking window is a pair of instants. A mail may carry a
//! calendar invitation (`outbox.calendar`, an iCalendar text).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Platform {
    Table,
    Id,
}

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
enum Class {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Outbox {
    Table,
    Calendar,
}

#[derive(DeriveIden, Clone, Copy)]
enum Conference {
    Table,
    Id,
    PublicId,
    PlatformId,
    Title,
    FirstDay,
    LastDay,
    DayStarts,
    DayEnds,
    SlotMinutes,
    GapMinutes,
    OpensAt,
    ClosesAt,
    Online,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ConferenceClass {
    Table,
    ConferenceId,
    ClassId,
}

#[derive(DeriveIden, Clone, Copy)]
enum Availability {
    Table,
    Id,
    ConferenceId,
    TeacherId,
    Day,
    Starts,
    Ends,
    BreakStarts,
    BreakEnds,
}

#[derive(DeriveIden, Clone, Copy)]
enum Slot {
    Table,
    Id,
    PublicId,
    ConferenceId,
    TeacherId,
    StartsAt,
    EndsAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Booking {
    Table,
    Id,
    PublicId,
    ConferenceId,
    SlotId,
    TeacherId,
    PupilId,
    BookedBy,
    Topic,
    CreatedAt,
}

fn cascade(
    from: (impl IntoIden + Copy, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

fn unique(
    name: &str,
    table: impl IntoIden,
    columns: &[impl IntoIden + Copy],
) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table).unique();
    for column in columns {
        index.col(*column);
    }
    index.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Outbox::Table)
                    .add_column(text_null(Outbox::Calendar))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Conference::Table)
                    .col(pk_auto(Conference::Id))
                    .col(uuid_uniq(Conference::PublicId))
                    .col(integer(Conference::PlatformId))
                    .col(string_len(Conference::Title, 200))
                    .col(date(Conference::FirstDay))
                    .col(date(Conference::LastDay))
                    .col(time(Conference::DayStarts))
                    .col(time(Conference::DayEnds))
                    .col(integer(Conference::SlotMinutes))
                    .col(integer(Conference::GapMinutes))
                    .col(timestamp_with_time_zone(Conference::OpensAt))
                    .col(timestamp_with_time_zone(Conference::ClosesAt))
                    .col(boolean(Conference::Online))
                    .col(timestamp_with_time_zone(Conference::CreatedAt))
                    .foreign_key(&mut cascade(
                        (Conference::Table, Conference::PlatformId),
                        (Platform::Table, Platform::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ConferenceClass::Table)
                    .col(integer(ConferenceClass::ConferenceId))
                    .col(integer(ConferenceClass::ClassId))
                    .primary_key(
                        Index::create()
                            .col(ConferenceClass::ConferenceId)
                            .col(ConferenceClass::ClassId),
                    )
                    .foreign_key(&mut cascade(
                        (ConferenceClass::Table, ConferenceClass::ConferenceId),
                        (Conference::Table, Conference::Id),
                    ))
                    .foreign_key(&mut cascade(
                        (ConferenceClass::Table, ConferenceClass::ClassId),
                        (Class::Table, Class::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Availability::Table)
                    .col(pk_auto(Availability::Id))
                    .col(integer(Availability::ConferenceId))
                    .col(integer(Availability::TeacherId))
                    .col(date(Availability::Day))
                    .col(time(Availability::Starts))
                    .col(time(Availability::Ends))
                    .col(time_null(Availability::BreakStarts))
                    .col(time_null(Availability::BreakEnds))
                    .foreign_key(&mut cascade(
                        (Availability::Table, Availability::ConferenceId),
                        (Conference::Table, Conference::Id),
                    ))
                    .foreign_key(&mut cascade(
                        (Availability::Table, Availability::TeacherId),
                        (Account::Table, Account::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique(
                "ux_availability_day",
                Availability::Table,
                &[
                    Availability::ConferenceId,
                    Availability::TeacherId,
                    Availability::Day,
                ],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Slot::Table)
                    .col(pk_auto(Slot::Id))
                    .col(uuid_uniq(Slot::PublicId))
                    .col(integer(Slot::ConferenceId))
                    .col(integer(Slot::TeacherId))
                    .col(date_time(Slot::StartsAt))
                    .col(date_time(Slot::EndsAt))
                    .foreign_key(&mut cascade(
                        (Slot::Table, Slot::ConferenceId),
                        (Conference::Table, Conference::Id),
                    ))
                    .foreign_key(&mut cascade(
                        (Slot::Table, Slot::TeacherId),
                        (Account::Table, Account::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        // A teacher's slots of a moment in time order: one range of this index.
        manager
            .create_index(unique(
                "ux_slot_teacher_time",
                Slot::Table,
                &[Slot::ConferenceId, Slot::TeacherId, Slot::StartsAt],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Booking::Table)
                    .col(pk_auto(Booking::Id))
                    .col(uuid_uniq(Booking::PublicId))
                    .col(integer(Booking::ConferenceId))
                    .col(integer(Booking::SlotId))
                    .col(integer(Booking::TeacherId))
                    .col(integer(Booking::PupilId))
                    .col(integer(Booking::BookedBy))
                    .col(string_len_null(Booking::Topic, 500))
                    .col(timestamp_with_time_zone(Booking::CreatedAt))
                    .foreign_key(&mut cascade(
                        (Booking::Table, Booking::ConferenceId),
                        (Conference::Table, Conference::Id),
                    ))
                    .foreign_key(&mut cascade(
                        (Booking::Table, Booking::SlotId),
                        (Slot::Table, Slot::Id),
                    ))
                    .foreign_key(&mut cascade(
                        (Booking::Table, Booking::PupilId),
                        (Account::Table, Account::Id),
                    ))
                    .foreign_key(&mut cascade(
                        (Booking::Table, Booking::BookedBy),
                        (SubAccount::Table, SubAccount::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        // Never booked twice: one booking per slot, one per teacher per child in a moment.
        manager
            .create_index(unique(
                "ux_booking_slot",
                Booking::Table,
                &[Booking::SlotId],
            ))
            .await?;
        manager
            .create_index(unique(
                "ux_booking_teacher_pupil",
                Booking::Table,
                &[Booking::ConferenceId, Booking::TeacherId, Booking::PupilId],
            ))
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_booking_pupil")
                    .table(Booking::Table)
                    .col(Booking::PupilId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Booking::Table.into_iden(),
            Slot::Table.into_iden(),
            Availability::Table.into_iden(),
            ConferenceClass::Table.into_iden(),
            Conference::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Outbox::Table)
                    .drop_column(Outbox::Calendar)
                    .to_owned(),
            )
            .await
    }
}
