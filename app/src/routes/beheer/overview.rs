//! The first page of Beheer: the school in numbers and how to begin.

use leptos::prelude::*;
use leptos_meta::Title;

use super::BeheerTabs;
use crate::components::module_page;
use crate::functions::beheer::school_overview;
use crate::i18n::{tr, tr_fill, Key};
use crate::models::{BeheerOverview, Module};

#[component]
pub fn BeheerPage() -> impl IntoView {
    module_page(
        Module::Beheer,
        |()| school_overview(),
        |overview, ()| view! { <Overview overview/> }.into_any(),
    )
}

#[component]
fn Overview(overview: BeheerOverview) -> impl IntoView {
    view! {
        <Title text=tr(Key::ModBeheer)/>
        <h1>{tr(Key::ModBeheer)}</h1>
        <BeheerTabs current="/beheer"/>
        <section class="card">
            <h2>{overview.school.clone()}</h2>
            <p>{tr_fill(Key::BeheerNumbers, &[
                &overview.pupils.to_string(),
                &overview.classes.to_string(),
                &overview.co_accounts.to_string(),
            ])}</p>
            <p>{tr_fill(Key::BeheerMaxCoAccounts, &[&overview.max_co_accounts.to_string()])}</p>
            {(overview.without_password > 0).then(|| view! {
                <p class="notice" role="status">
                    {tr_fill(Key::BeheerWithoutPassword, &[&overview.without_password.to_string()])}
                    " "<a href="/beheer/leerlingen">{tr(Key::BeheerPupilsTab)}</a>
                </p>
            })}
        </section>
        <section class="card">
            <h2>{tr(Key::BeheerStartTitle)}</h2>
            <ol>
                <li><a href="/beheer/import">{tr(Key::BeheerStartImport)}</a></li>
                <li><a href="/beheer/leerlingen">{tr(Key::BeheerStartLetters)}</a></li>
                <li>{tr(Key::BeheerStartHandOut)}</li>
            </ol>
        </section>
    }
}
