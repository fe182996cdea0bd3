//! Teachers write what families read. Each function asks the visibility module for the
//! [`TeachingScope`] of the caller and hands it to the teaching services, which reach only the
//! courses and classes it grants. Every write is a plain form post that ends on the page it
//! came from.
//!
//! [`TeachingScope`]: crate::visibility::TeachingScope

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::{
    AgendaPlan, ClassPage, EvaluationList, GridCell, RegisterEntry, ScoreGrid, Teaching,
};

#[cfg(feature = "ssr")]
pub mod ssr {
    use sea_orm::DatabaseConnection;

    use crate::error::AppError;
    use crate::visibility::TeachingScope;

    /// The caller as a teacher or admin who writes, or why not.
    pub async fn teacher() -> Result<(TeachingScope, DatabaseConnection), AppError> {
        use crate::functions::ssr::{db, signed_in};
        let (current, _) = signed_in().await?;
        Ok((crate::visibility::teaching(&current)?, db()?))
    }
}

#[server]
pub async fn load_teaching() -> Result<Teaching, AppError> {
    crate::functions::ssr::answer(async move {
        let (scope, db) = ssr::teacher().await?;
        Ok(crate::services::teaching::teaching(&db, &scope).await?)
    })
    .await
}

#[server]
pub async fn load_agenda_plan(course: Option<i32>) -> Result<AgendaPlan, AppError> {
    crate::functions::ssr::answer(async move {
        let (scope, db) = ssr::teacher().await?;
        crate::services::teaching::agenda::plan(&db, &scope, course, chrono::Utc::now()).await
    })
    .await
}

/// Plans a task, test or assignment (`id` none) or changes one; back to the course's planning,
/// with the item open to attach files.
#[server]
#[allow(clippy::too_many_arguments)]
pub async fn save_agenda_item(
    #[server(default)] id: Option<i32>,
    course: i32,
    kind: String,
    due_on: String,
    #[server(default)] due_time: String,
    title: String,
    #[server(default)] description: String,
) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        use crate::services::teaching::agenda::{save_item, ItemInput};
        let (scope, db) = ssr::teacher().await?;
        let auth = crate::functions::ssr::auth()?;
        let input = ItemInput {
            course,
            kind,
            due_on,
            due_time,
            title,
            description,
        };
        let (course, item) =
            save_item(&db, &auth.base_url, &scope, id, &input, chrono::Utc::now()).await?;
        leptos_axum::redirect(&format!(
            "/agenda/plannen?vak={course}&bewerk={item}&{}",
            crate::functions::ssr::done("bewaard")
        ));
        Ok(())
    })
    .await
}

#[server]
pub async fn remove_agenda_item(id: i32) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        let (scope, db) = ssr::teacher().await?;
        let course = crate::services::teaching::agenda::remove_item(&db, &scope, id).await?;
        leptos_axum::redirect(&format!(
            "/agenda/plannen?vak={course}&{}",
            crate::functions::ssr::done("verwijderd")
        ));
        Ok(())
    })
    .await
}

/// Moves a lesson to another room (or back) and cancels it or lets it take place; back to the
/// course's planning.
#[server]
pub async fn save_lesson(
    id: i32,
    room: String,
    #[server(default)] cancelled: Option<String>,
) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        let (scope, db) = ssr::teacher().await?;
        let course = crate::services::teaching::agenda::save_lesson(
            &db,
            &scope,
            id,
            &room,
            cancelled.is_some(),
        )
        .await?;
        leptos_axum::redirect(&format!(
            "/agenda/plannen?vak={course}&{}#lessen",
            crate::functions::ssr::done("bewaard")
        ));
        Ok(())
    })
    .await
}

/// Removes a file from a planned item; back to the item.
#[server]
pub async fn remove_agenda_file(id: i32) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        let (scope, db) = ssr::teacher().await?;
        let (course, item) =
            crate::services::teaching::agenda::remove_file(&db, &scope, id).await?;
        leptos_axum::redirect(&format!(
            "/agenda/plannen?vak={course}&bewerk={item}&{}",
            crate::functions::ssr::done("verwijderd")
        ));
        Ok(())
    })
    .await
}

#[server]
pub async fn load_evaluations() -> Result<EvaluationList, AppError> {
    crate::functions::ssr::answer(async move {
        let (scope, db) = ssr::teacher().await?;
        crate::services::teaching::evaluations::list(&db, &scope, chrono::Utc::now()).await
    })
    .await
}

/// A new draft evaluation; on to its score grid.
#[server]
pub async fn create_evaluation(
    course: i32,
    period: String,
    name: String,
    held_on: String,
    max: String,
    #[server(default)] weight: String,
) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        use crate::services::teaching::evaluations::{create, EvaluationInput};
        let (scope, db) = ssr::teacher().await?;
        let input = EvaluationInput {
            course,
            period,
            name,
            held_on,
            max,
            weight,
        };
        let id = create(&db, &scope, &input, chrono::Utc::now()).await?;
        leptos_axum::redirect(&format!("/resultaten/evaluaties/{id}"));
        Ok(())
    })
    .await
}

#[server]
pub async fn load_score_grid(id: i32) -> Result<ScoreGrid, AppError> {
    crate::functions::ssr::answer(async move {
        let (scope, db) = ssr::teacher().await?;
        crate::services::teaching::grid::grid(&db, &scope, id).await
    })
    .await
}

/// Saves the score grid as a draft or (`publish`) publishes it; back to the grid.
#[server]
pub async fn save_scores(
    evaluation: i32,
    version: i32,
    #[server(default)] cells: Vec<GridCell>,
    #[server(default)] publish: Option<String>,
) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        let (scope, db) = ssr::teacher().await?;
        let auth = crate::functions::ssr::auth()?;
        let publish = publish.is_some();
        crate::services::teaching::grid::save(
            &db,
            &auth.base_url,
            &scope,
            evaluation,
            &crate::services::teaching::grid::Submitted {
                version,
                cells: &cells,
                publish,
            },
            chrono::Utc::now(),
        )
        .await?;
        let done = crate::functions::ssr::done(if publish { "gepubliceerd" } else { "bewaard" });
        leptos_axum::redirect(&format!("/resultaten/evaluaties/{evaluation}?{done}"));
        Ok(())
    })
    .await
}

#[server]
pub async fn load_class_page(
    class: i32,
    day: Option<String>,
    half: Option<String>,
) -> Result<ClassPage, AppError> {
    crate::functions::ssr::answer(async move {
        use crate::models::HalfDay;
        let (scope, db) = ssr::teacher().await?;
        // An unreadable day or half day shows this morning.
        let day = day.and_then(|day| day.parse().ok());
        let half = half.as_deref().and_then(HalfDay::parse);
        crate::services::teaching::class::page(&db, &scope, class, day, half, chrono::Utc::now())
            .await
    })
    .await
}

/// Registers a class's attendance for one half day; back to that half day.
#[server]
pub async fn save_register(
    class: i32,
    day: String,
    half: String,
    #[server(default)] entries: Vec<RegisterEntry>,
) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        use crate::models::HalfDay;
        use crate::services::teaching::parse_date;
        let (scope, db) = ssr::teacher().await?;
        let date = parse_date(&day)?;
        let half = HalfDay::parse(&half).ok_or(AppError::InvalidChoice)?;
        let auth = crate::functions::ssr::auth()?;
        crate::services::teaching::class::save_register(
            &db,
            &auth.base_url,
            &scope,
            class,
            date,
            half,
            &entries,
            chrono::Utc::now(),
        )
        .await?;
        leptos_axum::redirect(&format!(
            "/lvs/klas/{class}?dag={date}&dagdeel={}&{}#aanwezigheden",
            half.code(),
            crate::functions::ssr::done("bewaard")
        ));
        Ok(())
    })
    .await
}

/// Writes an LVS remark about a pupil; back to the pupil's class.
#[server]
pub async fn add_remark(
    pupil: String,
    category: String,
    text: String,
    audience: String,
) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        use crate::services::teaching::class::{add_remark, RemarkInput};
        let (scope, db) = ssr::teacher().await?;
        let input = RemarkInput {
            pupil,
            category,
            text,
            audience,
        };
        let auth = crate::functions::ssr::auth()?;
        let class = add_remark(&db, &auth.base_url, &scope, &input, chrono::Utc::now()).await?;
        leptos_axum::redirect(&format!(
            "/lvs/klas/{class}?{}#opmerkingen",
            crate::functions::ssr::done("opmerking")
        ));
        Ok(())
    })
    .await
}
