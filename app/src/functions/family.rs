//! The family: linking a child through its co-account ("Voeg kinderen toe"), unlinking, and the
//! photo switcher. Each works as a plain form before the wasm has loaded.

use leptos::prelude::*;

use crate::error::AppError;

#[cfg(feature = "ssr")]
mod ssr {
    use crate::url::{local_path, UnsafeTarget};

    /// Where the switcher sends the browser back to: the same page for the new child, or the
    /// module's overview when the page names an item of the other child (`/resultaten/12`).
    /// Only paths of this site; anything else goes to "Mijn kinderen".
    pub fn after_switch(back: &str) -> Result<String, UnsafeTarget> {
        let fallback = crate::models::Module::MyChildren.path().to_owned();
        let Some(back) = local_path(back)? else {
            return Ok(fallback);
        };
        let (path, query) = back.split_once('?').unwrap_or((back, ""));
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        Ok(match segments.as_slice() {
            [] => fallback,
            [module] if query.is_empty() => format!("/{module}"),
            [module] => format!("/{module}?{query}"),
            [module, ..] => format!("/{module}"),
        })
    }

    #[cfg(test)]
    mod tests {
        use super::{after_switch, UnsafeTarget};

        #[test]
        fn a_switch_keeps_the_page_but_not_an_item_of_the_other_child() {
            let after =
                |back: &str| after_switch(back).expect("a target without control characters");
            assert_eq!(after("/agenda?week=2026-11-30"), "/agenda?week=2026-11-30");
            assert_eq!(after("/resultaten/123"), "/resultaten");
            assert_eq!(after("/lvs"), "/lvs");
            assert_eq!(after("https://elders.example/"), "/mijn-kinderen");
            assert_eq!(after("//elders.example/x"), "/mijn-kinderen");
            assert_eq!(after("/"), "/mijn-kinderen");
        }

        #[test]
        fn a_switch_back_to_a_target_with_a_line_break_is_refused() {
            assert_eq!(
                after_switch("/agenda?x=\r\nSet-Cookie: a=b"),
                Err(UnsafeTarget)
            );
            assert_eq!(after_switch("/agenda\n/x"), Err(UnsafeTarget));
        }
    }
}

/// Links the child whose co-account `platform`, `username` and `password` open.
#[server]
pub async fn link_child(
    platform: String,
    username: String,
    password: String,
) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::ssr::{auth, client, db, signed_in};
        use crate::models::Module;
        use crate::visibility::require;
        let (current, _) = signed_in().await?;
        require(&current, Module::MyChildren)?;
        crate::auth::family::link(
            &db()?,
            &auth()?,
            &current,
            &platform,
            &username,
            &password,
            &client(),
            chrono::Utc::now(),
        )
        .await?;
        leptos_axum::redirect(&format!(
            "/mijn-kinderen?{}",
            crate::functions::ssr::done("gekoppeld")
        ));
        Ok(())
    })
    .await
}

/// Takes `child` (a pupil's public id) out of the family, for every member's sessions at once.
#[server]
pub async fn unlink_child(child: String) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::ssr::{db, signed_in};
        let (current, _) = signed_in().await?;
        let db = db()?;
        let child = crate::functions::school::ssr::pupil_id(&child)?;
        let (member, _) = crate::visibility::family_child(&current, child)?;
        crate::auth::family::unlink(&db, &current, member.person.id).await?;
        leptos_axum::redirect(&format!(
            "/mijn-kinderen?{}",
            crate::functions::ssr::done("ontkoppeld")
        ));
        Ok(())
    })
    .await
}

/// Switches every module of this browser to `child`, then returns to `back` for that child.
/// A `back` that no header can carry is refused (400) before anything changes.
#[server]
pub async fn select_child(child: String, back: String) -> Result<(), AppError> {
    crate::functions::ssr::answer(async move {
        use crate::functions::ssr::{db, signed_in};
        let (current, token) = signed_in().await?;
        let back = ssr::after_switch(&back).map_err(|_| AppError::InvalidLink)?;
        let db = db()?;
        let child = crate::functions::school::ssr::pupil_id(&child)?;
        let (member, _) = crate::visibility::family_child(&current, child)?;
        let selected = (member.person.id != current.person.id).then_some(member.person.id);
        crate::auth::family::select(&db, &token, selected).await?;
        leptos_axum::redirect(&back);
        Ok(())
    })
    .await
}
