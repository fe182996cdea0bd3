//! `school-bench teaching`: a teacher's score grid and the families' daily digest, timed on a
//! throw-away SQLite file holding an imported school: saving the 30 scores of a class through
//! the real router, publishing them (which tells each pupil's parents), and the digest run that
//! writes one mail for each of 1,000 families with three lines of news each.

use std::time::Instant;

use app::db::entities::{account, class, course, digest_entry, evaluation, sub_account};
use app::functions::teaching::{CreateEvaluation, LoadScoreGrid, SaveScores};
use app::models::{NotificationKind, ScoreGrid};
use leptos::server_fn::ServerFn;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QuerySelect, Set};
use server::{Config, StartError};

use crate::import::{admin, export, import, post, send};

const PUPILS: usize = 1_000;
const CLASS_SIZE: usize = 30;
const FAMILIES: usize = 1_000;

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                (byte as char).to_string()
            }
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

pub async fn run() -> Result<(), StartError> {
    let path =
        std::env::temp_dir().join(format!("school-bench-teaching-{}.db", std::process::id()));
    let config = Config::from_lookup(|var| match var {
        "DATABASE_URL" => Some(format!("sqlite://{}", path.display())),
        "SITE_ADDR" => Some("127.0.0.1:0".to_owned()),
        "DEMO" => Some("false".to_owned()),
        _ => std::env::var(var).ok(),
    })
    .map_err(|err| StartError::Command(err.to_string()))?;
    println!("Importing {PUPILS} pupils with two parents each…");
    let db = server::prepare(&config).await?;
    let router = server::router(&config, db.clone());
    let cookie = admin(&db, &config).await?;
    import(&router, &cookie, &export(PUPILS)).await?;
    let now = chrono::Utc::now();
    // Every parent confirmed an address, so that news reaches them all.
    sub_account::Entity::update_many()
        .col_expr(sub_account::Column::EmailConfirmedAt, Expr::value(now))
        .filter(sub_account::Column::Email.is_not_null())
        .exec(&db)
        .await?;

    // A class of 30 and a course in it that the admin gives.
    let classes = class::Entity::find().all(&db).await?;
    let (first, second) = match classes.as_slice() {
        [first, second, ..] => (first.clone(), second.clone()),
        _ => return Err(StartError::Command("the import made no classes".to_owned())),
    };
    let movers: Vec<i32> = account::Entity::find()
        .select_only()
        .column(account::Column::Id)
        .filter(account::Column::ClassId.eq(second.id))
        .into_tuple()
        .all(&db)
        .await?;
    let already = account::Entity::find()
        .filter(account::Column::ClassId.eq(first.id))
        .all(&db)
        .await?
        .len();
    account::Entity::update_many()
        .col_expr(account::Column::ClassId, Expr::value(first.id))
        .filter(account::Column::Id.is_in(movers.into_iter().take(CLASS_SIZE - already)))
        .exec(&db)
        .await?;
    let admin_account = account::Entity::find()
        .filter(account::Column::Username.eq("beheer"))
        .one(&db)
        .await?
        .ok_or_else(|| StartError::Command("no admin".to_owned()))?;
    let course = course::ActiveModel {
        platform_id: Set(first.platform_id),
        class_id: Set(first.id),
        teacher_id: Set(admin_account.id),
        name: Set("Wiskunde".to_owned()),
        ..Default::default()
    }
    .insert(&db)
    .await?;
    let form = format!(
        "course={}&period=1&name=Toets&held_on={}&max=20",
        course.id,
        now.date_naive()
    );
    send(
        &router,
        post(
            CreateEvaluation::PATH,
            &cookie,
            "application/x-www-form-urlencoded",
            form.into_bytes(),
        )?,
    )
    .await?;
    let evaluation = evaluation::Entity::find()
        .filter(evaluation::Column::CourseId.eq(course.id))
        .one(&db)
        .await?
        .ok_or_else(|| StartError::Command("no evaluation".to_owned()))?;
    let grid: ScoreGrid = serde_json::from_str(
        &send(
            &router,
            post(
                LoadScoreGrid::PATH,
                &cookie,
                "application/x-www-form-urlencoded",
                format!("id={}", evaluation.id).into_bytes(),
            )?,
        )
        .await?,
    )
    .map_err(|err| StartError::Command(format!("the grid: {err}")))?;
    let form = |version: i32, publish: bool| {
        let mut form = format!("evaluation={}&version={version}", evaluation.id);
        for (index, row) in grid.rows.iter().enumerate() {
            let points = format!("{},5", 8 + index % 12);
            form.push_str(&format!(
                "&cells[{index}][pupil]={}&cells[{index}][points]={}&cells[{index}][feedback]={}",
                urlencode(&row.pupil),
                urlencode(&points),
                urlencode("Goed gewerkt, oefen nog op de vraagstukken.")
            ));
        }
        if publish {
            form.push_str("&publish=1");
        }
        form.into_bytes()
    };
    let content = "application/x-www-form-urlencoded";
    let started = Instant::now();
    send(
        &router,
        post(
            SaveScores::PATH,
            &cookie,
            content,
            form(grid.version, false),
        )?,
    )
    .await?;
    let save = started.elapsed().as_secs_f64() * 1000.0;
    let started = Instant::now();
    send(
        &router,
        post(
            SaveScores::PATH,
            &cookie,
            content,
            form(grid.version + 1, true),
        )?,
    )
    .await?;
    let publish = started.elapsed().as_secs_f64() * 1000.0;
    println!(
        "saving a grid of {} scores with feedback:             {save:.0} ms (goal ≤ 500 ms)",
        grid.rows.len()
    );
    println!(
        "publishing it (and telling {} parents):                {publish:.0} ms (goal ≤ 500 ms)",
        2 * grid.rows.len()
    );

    // The day's news of 1,000 families, three lines each, then the digest run.
    let parents: Vec<sub_account::Model> = sub_account::Entity::find()
        .filter(sub_account::Column::Email.is_not_null())
        .filter(sub_account::Column::Relation.eq("moeder"))
        .limit(FAMILIES as u64)
        .all(&db)
        .await?;
    let mut entries = Vec::new();
    for parent in &parents {
        for (kind, title) in [
            (NotificationKind::Results, "Toets breuken"),
            (NotificationKind::Agenda, "Dictee week 3"),
            (NotificationKind::Absences, "vm"),
        ] {
            entries.push(digest_entry::ActiveModel {
                person_id: Set(parent.id),
                pupil_id: Set(Some(parent.account_id)),
                kind: Set(kind),
                at: Set(now),
                changed: Set(false),
                course: Set("Wiskunde".to_owned()),
                title: Set(title.to_owned()),
                day: Set(Some(now.date_naive())),
                points: Set(Some(15.5)),
                max: Set(Some(20.0)),
                code: Set(Some("Z".to_owned())),
                ..Default::default()
            });
        }
    }
    for chunk in entries.chunks(500) {
        digest_entry::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&db)
            .await?;
    }
    let started = Instant::now();
    let sent = app::services::notifications::digest::send(&db, &config.base_url).await?;
    let digest = started.elapsed().as_secs_f64();
    println!(
        "the daily digest of {} families ({} lines):       {digest:.1} s, {sent} mails (goal ≤ 60 s)",
        parents.len(),
        3 * parents.len()
    );
    crate::throwaway::remove_sqlite(&path);
    Ok(())
}
