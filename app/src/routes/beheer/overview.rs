//! The first page of Beheer: the school in numbers and how to begin.

use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

use super::BeheerTabs;
use crate::components::{module_page, when, Address, PageQuery, SubmitButton};
use crate::functions::beheer::{school_overview, RetryUndeliveredMail};
use crate::i18n::{tr, tr_fill, use_lang, Key};
use crate::models::{BeheerOverview, Module, UndeliveredMail};

/// `?opnieuw=N`: the undelivered mails just tried again.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverviewQuery {
    retried: Option<u64>,
}

impl PageQuery for OverviewQuery {
    fn read(address: &Address) -> Self {
        OverviewQuery {
            retried: address.query("opnieuw").and_then(|n| n.parse().ok()),
        }
    }
}

#[component]
pub fn BeheerPage() -> impl IntoView {
    module_page(
        Module::Beheer,
        |_: OverviewQuery| school_overview(),
        |overview, query| view! { <Overview overview query/> }.into_any(),
    )
}

#[component]
fn Overview(overview: BeheerOverview, query: OverviewQuery) -> impl IntoView {
    let undelivered = overview.undelivered.clone();
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
        {query.retried.map(|retried| view! {
            <p class="notice" role="status">
                {tr_fill(Key::BeheerUndeliveredRetried, &[&retried.to_string()])}
            </p>
        })}
        {(!undelivered.is_empty()).then(|| view! { <Undelivered mails=undelivered/> })}
    }
}

/// The mail that did not arrive, with one button to try it all again.
#[component]
fn Undelivered(mails: Vec<UndeliveredMail>) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<RetryUndeliveredMail>::new();
    view! {
        <section class="card" aria-labelledby="undelivered-title">
            <h2 id="undelivered-title">{tr(Key::BeheerUndeliveredTitle)}</h2>
            <p class="hint">{tr(Key::BeheerUndeliveredHint)}</p>
            <div class="table-wrap">
                <table class="undelivered">
                    <thead>
                        <tr>
                            <th scope="col">{tr(Key::BeheerUndeliveredTo)}</th>
                            <th scope="col">{tr(Key::BeheerUndeliveredSince)}</th>
                            <th scope="col">{tr(Key::BeheerUndeliveredAttempts)}</th>
                            <th scope="col">{tr(Key::BeheerUndeliveredReason)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {mails.into_iter().map(|mail| view! {
                            <tr>
                                <td>
                                    {mail.person}
                                    <br/><span class="hint">{mail.address}</span>
                                </td>
                                <td>{when(lang, mail.given_up_at)}</td>
                                <td>{mail.attempts}</td>
                                <td class="reason">{mail.reason}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <ActionForm action>
                <SubmitButton label=Key::BeheerUndeliveredRetry/>
            </ActionForm>
        </section>
    }
}
