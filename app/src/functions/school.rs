//! The shared modules as server functions. Each asks the visibility module for the pupil the caller
//! may see (`pupil` names one for staff; pupils and parents leave it empty) and hands the scope to
//! the domain service.

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::Module;
use crate::models::{
    AgendaWeek, ChildOverview, Courses, LiveSessions, Lvs, Pupil, ResultDetail, Results,
};

#[cfg(feature = "ssr")]
pub mod ssr {
    use crate::auth::Current;
    use crate::error::AppError;
    use crate::functions::ssr::{db, signed_in};
    use crate::models::{Module, PublicId};
    use crate::visibility::{pupil_scope, PupilScope};

    /// A pupil's public id as an address or a form carries it; text that is no id is refused
    /// like the id of a pupil the caller may not see.
    pub fn pupil_id(text: &str) -> Result<PublicId, AppError> {
        PublicId::parse(text).ok_or(AppError::Forbidden)
    }

    /// The signed-in caller and the pupil they may see in `module`.
    pub async fn scope(
        module: Module,
        pupil: Option<String>,
    ) -> Result<(Current, PupilScope), AppError> {
        let (current, _) = signed_in().await?;
        let pupil = pupil.as_deref().map(pupil_id).transpose()?;
        let scope = pupil_scope(&db()?, &current, module, pupil).await?;
        Ok((current, scope))
    }
}

#[server]
pub async fn load_agenda_week(
    pupil: Option<String>,
    week: Option<String>,
) -> Result<AgendaWeek, AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::ssr::db;
        let (_, scope) = ssr::scope(Module::Agenda, pupil).await?;
        // An unreadable week shows the current one.
        let day = week.and_then(|week| week.parse::<chrono::NaiveDate>().ok());
        Ok(crate::services::school::agenda_week(&db()?, &scope, day, chrono::Utc::now()).await?)
    })
    .await
}

#[server]
pub async fn load_results(pupil: Option<String>) -> Result<Results, AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::ssr::db;
        let (_, scope) = ssr::scope(Module::Results, pupil).await?;
        Ok(crate::services::school::results(&db()?, &scope, chrono::Utc::now()).await?)
    })
    .await
}

#[server]
pub async fn load_result_detail(pupil: Option<String>, id: i32) -> Result<ResultDetail, AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::ssr::db;
        let (_, scope) = ssr::scope(Module::Results, pupil).await?;
        crate::services::school::result_detail(&db()?, &scope, id, chrono::Utc::now())
            .await?
            .ok_or(AppError::NotFound)
    })
    .await
}

#[server]
pub async fn load_courses(pupil: Option<String>) -> Result<Courses, AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::ssr::db;
        let (_, scope) = ssr::scope(Module::Courses, pupil).await?;
        Ok(crate::services::school::courses(&db()?, &scope).await?)
    })
    .await
}

#[server]
pub async fn load_live_sessions(pupil: Option<String>) -> Result<LiveSessions, AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::ssr::db;
        let (_, scope) = ssr::scope(Module::LiveSessions, pupil).await?;
        Ok(crate::services::school::live_sessions(&db()?, &scope, chrono::Utc::now()).await?)
    })
    .await
}

#[server]
pub async fn load_lvs(pupil: Option<String>) -> Result<Lvs, AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::ssr::db;
        let (_, scope) = ssr::scope(Module::Lvs, pupil).await?;
        Ok(crate::services::school::lvs(&db()?, &scope).await?)
    })
    .await
}

/// "Mijn kinderen", for co-accounts; `child` narrows the family timeline to one child.
#[server]
pub async fn load_child_overview(child: Option<String>) -> Result<ChildOverview, AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::ssr::db;
        let db = db()?;
        let (current, scope) = ssr::scope(Module::MyChildren, None).await?;
        let family: Vec<_> = crate::visibility::family_scopes(&current)?
            .into_iter()
            .map(|(_, scope)| scope)
            .collect();
        let mut overview = crate::services::school::overview(
            &db,
            &scope,
            &family,
            child.as_deref(),
            chrono::Utc::now(),
        )
        .await?;
        let mailbox = crate::visibility::mailbox(&current)?;
        overview.messages = crate::services::messages::newest(&db, &mailbox, 5).await?;
        Ok(overview)
    })
    .await
}

/// The pupils a staff member may look up: a teacher those of their classes, an admin the school's.
#[server]
pub async fn staff_pupils() -> Result<Vec<Pupil>, AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::ssr::{db, signed_in};
        let (current, _) = signed_in().await?;
        let condition = crate::visibility::staff_pupils(&current)?;
        Ok(crate::services::school::pupils(&db()?, condition).await?)
    })
    .await
}

/// Whether the caller may open `module` at all: for pages whose content comes later.
#[server]
pub async fn module_access(module: Module) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::ssr::signed_in;
        let (current, _) = signed_in().await?;
        crate::visibility::require(&current, module).map(|_| ())
    })
    .await
}
