//! The demo's messages: a class teacher to the parents of a class, the secretariaat to a class's
//! pupils, a teacher to one parent, a parent to the class teacher. So that every mailbox of the
//! Peeters family shows something, and the separation shows: Lotte's messages are not Heidi's.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, JoinType, QueryFilter,
    QuerySelect, RelationTrait, Set,
};
use uuid::Uuid;

use crate::db::entities::{account, class, message, platform, sub_account};
use crate::models::Folder;
use crate::services::messages::{deliver, own_copy, render_body};

/// A person by school, username and first name (a co-account shares the pupil's username).
pub(super) type Who = (&'static str, &'static str, &'static str);

enum To {
    Person(Who),
    Class(&'static str, &'static str),
    ParentsOfClass(&'static str, &'static str),
}

struct Demo {
    from: Who,
    to: To,
    to_label: &'static str,
    subject: &'static str,
    body: &'static str,
    days_ago: i64,
}

const MESSAGES: &[Demo] = &[
    Demo {
        from: ("sintclara", "an.claes", "An"),
        to: To::ParentsOfClass("sintclara", "1A"),
        to_label: "Ouders van klas 1A",
        subject: "Welkom in 1A",
        body: "Beste ouders,\n\nWelkom in het eerste jaar! Een paar afspraken:\n\n- de boekentas is elke avond gemaakt,\n- toetsen staan **altijd** in de schoolagenda,\n- vragen mag u via Berichten stellen.\n\nHartelijke groet,\nAn Claes, klastitularis",
        days_ago: 6,
    },
    Demo {
        from: ("sintclara", "beheer", "Marc"),
        to: To::Class("sintclara", "1A"),
        to_label: "Klas 1A",
        subject: "Fotodag donderdag",
        body: "Dag allemaal,\n\nDonderdag komt de schoolfotograaf. Breng je *goede humeur* mee!\n\nHet secretariaat",
        days_ago: 3,
    },
    Demo {
        from: ("sintclara", "pieter.wuyts", "Pieter"),
        to: To::Person(("sintclara", "noah.maes", "Ines")),
        to_label: "Ines Maes (moeder van Noah Maes)",
        subject: "Wiskundetaak van Noah",
        body: "Beste mevrouw Maes,\n\nNoah gaf zijn taak niet af. Kan hij ze vrijdag nog binnenbrengen?\n\nPieter Wuyts",
        days_ago: 2,
    },
    Demo {
        from: ("sintjozef", "sofie.mertens", "Sofie"),
        to: To::ParentsOfClass("sintjozef", "3C"),
        to_label: "Ouders van klas 3C",
        subject: "Uitstap naar het AfricaMuseum",
        body: "Beste ouders,\n\nOp woensdag gaat 3C naar het AfricaMuseum in Tervuren. We vertrekken om 8.30 uur en zijn terug rond 16 uur. Graag een lunchpakket meegeven.\n\nSofie Mertens",
        days_ago: 1,
    },
];

pub(super) async fn person<C: ConnectionTrait>(
    db: &C,
    (school, username, first_name): Who,
) -> Result<sub_account::Model, DbErr> {
    sub_account::Entity::find()
        .inner_join(account::Entity)
        .join(JoinType::InnerJoin, account::Relation::Platform.def())
        .filter(platform::Column::Slug.eq(school))
        .filter(account::Column::Username.eq(username))
        .filter(sub_account::Column::FirstName.eq(first_name))
        .one(db)
        .await?
        .ok_or_else(|| DbErr::Custom(format!("demo message names {first_name} of {username}")))
}

/// The pupils (`parents` false) or co-accounts (`parents` true) of a class.
async fn class_persons<C: ConnectionTrait>(
    db: &C,
    school: &str,
    class_name: &str,
    parents: bool,
) -> Result<Vec<i32>, DbErr> {
    let class = class::Entity::find()
        .inner_join(platform::Entity)
        .filter(platform::Column::Slug.eq(school))
        .filter(class::Column::Name.eq(class_name))
        .one(db)
        .await?
        .ok_or_else(|| DbErr::Custom(format!("demo message names class {class_name}")))?;
    let idx = if parents {
        sub_account::Column::Idx.gt(0)
    } else {
        sub_account::Column::Idx.eq(0)
    };
    sub_account::Entity::find()
        .select_only()
        .column(sub_account::Column::Id)
        .inner_join(account::Entity)
        .filter(account::Column::ClassId.eq(class.id))
        .filter(idx)
        .into_tuple()
        .all(db)
        .await
}

pub async fn seed<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> Result<(), DbErr> {
    for demo in MESSAGES {
        let sender = person(db, demo.from).await?;
        let account = account::Entity::find_by_id(sender.account_id)
            .one(db)
            .await?
            .ok_or_else(|| DbErr::Custom("demo sender without account".to_owned()))?;
        let persons = match demo.to {
            To::Person(who) => vec![person(db, who).await?.id],
            To::Class(school, class) => class_persons(db, school, class, false).await?,
            To::ParentsOfClass(school, class) => class_persons(db, school, class, true).await?,
        };
        let at = now - Duration::days(demo.days_ago);
        let message = message::ActiveModel {
            public_id: Set(Uuid::new_v4()),
            platform_id: Set(account.platform_id),
            sender_id: Set(sender.id),
            sender_name: Set(sender.display_name()),
            subject: Set(demo.subject.to_owned()),
            body: Set(render_body(demo.body)),
            source: Set(demo.body.to_owned()),
            to_label: Set(demo.to_label.to_owned()),
            draft_to: Set(None),
            created_at: Set(at),
            sent_at: Set(Some(at)),
            ..Default::default()
        }
        .insert(db)
        .await?;
        own_copy(db, &message, Folder::Sent, at).await?;
        deliver::<_, DbErr>(db, &message, &persons, None, at).await?;
    }
    Ok(())
}
