//! Teachers keep their courses for families: the materials of Vakken (links here; files go up
//! as a multipart post to the server's `/vakken/materiaal`) in their order, and the lessons of
//! Live-sessies. Each function asks the visibility module for the caller's [`TeachingScope`] and
//! hands it to the teaching services; every write is a plain form post that ends on its page,
//! at an address that names what it did, so that the page loads anew.
//!
//! [`TeachingScope`]: crate::visibility::TeachingScope

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::{LivePlan, MaterialPlan};

#[server]
pub async fn load_material_plan(course: Option<i32>) -> Result<MaterialPlan, AppError> {
    crate::functions::ssr::answer(async move {
        let (scope, db) = crate::functions::teaching::ssr::teacher().await?;
        crate::services::teaching::materials::plan(&db, &scope, course).await
    })
    .await
}

/// Adds a link (http or https) to a course; back to the course's materials.
#[server]
pub async fn add_material_link(course: i32, title: String, url: String) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        use crate::services::teaching::materials::add_link;
        let (scope, db) = crate::functions::teaching::ssr::teacher().await?;
        let (course, id) = add_link(&db, &scope, course, &title, &url, chrono::Utc::now()).await?;
        leptos_axum::redirect(&format!("/vakken/beheren?vak={course}&bewaard={id}"));
        Ok(())
    })
    .await
}

/// Moves a material one place `up` or `down`; back to the course's materials.
#[server]
pub async fn move_material(id: i32, direction: String) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        use crate::services::teaching::materials::{move_material, Direction};
        let (scope, db) = crate::functions::teaching::ssr::teacher().await?;
        let direction = Direction::parse(&direction).ok_or(AppError::InvalidChoice)?;
        let (course, at) = move_material(&db, &scope, id, direction).await?;
        leptos_axum::redirect(&format!(
            "/vakken/beheren?vak={course}&verplaatst={id}-{at}#materiaal"
        ));
        Ok(())
    })
    .await
}

#[server]
pub async fn remove_material(id: i32) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        let (scope, db) = crate::functions::teaching::ssr::teacher().await?;
        let course = crate::services::teaching::materials::remove(&db, &scope, id).await?;
        leptos_axum::redirect(&format!("/vakken/beheren?vak={course}&verwijderd={id}"));
        Ok(())
    })
    .await
}

#[server]
pub async fn load_live_plan() -> Result<LivePlan, AppError> {
    crate::functions::ssr::answer(async move {
        let (scope, db) = crate::functions::teaching::ssr::teacher().await?;
        crate::services::teaching::live::plan(&db, &scope, chrono::Utc::now()).await
    })
    .await
}

/// Plans a live lesson; back to the list.
#[server]
pub async fn add_live_session(
    course: i32,
    title: String,
    date: String,
    starts: String,
    ends: String,
    url: String,
) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        use crate::services::teaching::live::{add, LiveInput};
        let (scope, db) = crate::functions::teaching::ssr::teacher().await?;
        let input = LiveInput {
            course,
            title,
            date,
            starts,
            ends,
            url,
        };
        let id = add(&db, &scope, &input).await?;
        leptos_axum::redirect(&format!("/live-sessies/plannen?bewaard={id}"));
        Ok(())
    })
    .await
}

#[server]
pub async fn remove_live_session(id: i32) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        let (scope, db) = crate::functions::teaching::ssr::teacher().await?;
        crate::services::teaching::live::remove(&db, &scope, id).await?;
        leptos_axum::redirect(&format!("/live-sessies/plannen?verwijderd={id}"));
        Ok(())
    })
    .await
}
