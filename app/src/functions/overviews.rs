//! A class at a glance for its staff, to read or print: results per course and period, absences
//! per week. The visibility module's [`TeachingScope`] decides the class and, for the results,
//! which courses the caller reads there.
//!
//! [`TeachingScope`]: crate::visibility::TeachingScope

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::{ClassAbsences, ClassResults};

#[server]
pub async fn load_class_results(class: i32, period: Option<i16>) -> Result<ClassResults, AppError> {
    crate::functions::ssr::answer(async move {
        let (scope, db) = crate::functions::teaching::ssr::teacher().await?;
        crate::services::teaching::overviews::results(
            &db,
            &scope,
            class,
            period,
            chrono::Utc::now(),
        )
        .await
    })
    .await
}

#[server]
pub async fn load_class_absences(
    class: i32,
    week: Option<String>,
) -> Result<ClassAbsences, AppError> {
    crate::functions::ssr::answer(async move {
        let (scope, db) = crate::functions::teaching::ssr::teacher().await?;
        // An unreadable week shows this one.
        let week = week.and_then(|week| week.parse().ok());
        crate::services::teaching::overviews::absences(&db, &scope, class, week, chrono::Utc::now())
            .await
    })
    .await
}
