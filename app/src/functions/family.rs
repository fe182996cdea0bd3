//! The family: linking a child through its co-account ("Voeg kinderen toe"), unlinking, and the
//! photo switcher. Each works as a plain form before the wasm has loaded.

use leptos::prelude::*;

use crate::error::AppError;

#[cfg(feature = "ssr")]
mod ssr {
    /// Where the switcher sends the browser back to: the same page for the new child, or the
    /// module's overview when the page names an item of the other child (`/resultaten/12`).
    /// Only paths of this site; anything else goes to "Mijn kinderen".
    pub fn after_switch(back: &str) -> String {
        let fallback = crate::visibility::Module::MyChildren.path().to_owned();
        if !back.starts_with('/') || back.starts_with("//") || back.contains('\\') {
            return fallback;
        }
        let (path, query) = back.split_once('?').unwrap_or((back, ""));
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        match segments.as_slice() {
            [] => fallback,
            [module] if query.is_empty() => format!("/{module}"),
            [module] => format!("/{module}?{query}"),
            [module, ..] => format!("/{module}"),
        }
    }

    #[cfg(test)]
    mod tests {
        use super::after_switch;

        #[test]
        fn a_switch_keeps_the_page_but_not_an_item_of_the_other_child() {
            assert_eq!(
                after_switch("/agenda?week=2026-11-30"),
                "/agenda?week=2026-11-30"
            );
            assert_eq!(after_switch("/resultaten/123"), "/resultaten");
            assert_eq!(after_switch("/lvs"), "/lvs");
            assert_eq!(after_switch("https://elders.example/"), "/mijn-kinderen");
            assert_eq!(after_switch("//elders.example/x"), "/mijn-kinderen");
            assert_eq!(after_switch("/"), "/mijn-kinderen");
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
    use crate::functions::ssr::{auth, client, db, signed_in};
    use crate::visibility::{require, Module};
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
    leptos_axum::redirect("/mijn-kinderen?gekoppeld=1");
    Ok(())
}

/// Takes `child` (a pupil's public id) out of the family, for every member's sessions at once.
#[server]
pub async fn unlink_child(child: String) -> Result<(), AppError> {
    use crate::functions::ssr::{db, signed_in};
    let (current, _) = signed_in().await?;
    let db = db()?;
    let (member, _) = crate::visibility::family_child(&db, &current, &child).await?;
    crate::auth::family::unlink(&db, &current, member.person.id).await?;
    leptos_axum::redirect("/mijn-kinderen?ontkoppeld=1");
    Ok(())
}

/// Switches every module of this browser to `child`, then returns to `back` for that child.
#[server]
pub async fn select_child(child: String, back: String) -> Result<(), AppError> {
    use crate::functions::ssr::{db, signed_in};
    let (current, token) = signed_in().await?;
    let db = db()?;
    let (member, _) = crate::visibility::family_child(&db, &current, &child).await?;
    let selected = (member.person.id != current.person.id).then_some(member.person.id);
    crate::auth::family::select(&db, &token, selected).await?;
    leptos_axum::redirect(&ssr::after_switch(&back));
    Ok(())
}
