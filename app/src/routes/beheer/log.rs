//! The audit log: every Beheer action, newest first.

use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

use super::BeheerTabs;
use crate::components::{module_page, when, Address, PageQuery};
use crate::functions::beheer::audit_log;
use crate::i18n::{tr, tr_fill, use_lang, Key};
use crate::models::{AuditPage, Module};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogQuery {
    page: u64,
}

impl PageQuery for LogQuery {
    fn read(address: &Address) -> Self {
        LogQuery {
            page: address
                .query("pagina")
                .and_then(|page| page.parse().ok())
                .unwrap_or(1),
        }
    }
}

#[component]
pub fn AuditLogPage() -> impl IntoView {
    module_page(
        Module::Beheer,
        |query: LogQuery| audit_log(query.page),
        |log, _| view! { <Log log/> }.into_any(),
    )
}

#[component]
fn Log(log: AuditPage) -> impl IntoView {
    let lang = use_lang();
    let href = |page: u64| format!("/beheer/logboek?pagina={page}");
    let previous = (log.page > 1).then(|| href(log.page - 1));
    let next = (log.page < log.pages).then(|| href(log.page + 1));
    view! {
        <Title text=tr(Key::BeheerLogTab)/>
        <h1>{tr(Key::BeheerLogTab)}</h1>
        <BeheerTabs current="/beheer/logboek"/>
        {if log.rows.is_empty() {
            view! { <p class="empty card">{tr(Key::LogEmpty)}</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap">
                    <table class="audit">
                        <thead>
                            <tr>
                                <th scope="col">{tr(Key::LogWhen)}</th>
                                <th scope="col">{tr(Key::LogWho)}</th>
                                <th scope="col">{tr(Key::LogWhat)}</th>
                                <th scope="col">{tr(Key::LogSubject)}</th>
                                <th scope="col">{tr(Key::LogDetail)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {log.rows.into_iter().map(|row| view! {
                                <tr>
                                    <td>{when(lang, row.at)}</td>
                                    <td>{row.actor.unwrap_or_else(|| tr(Key::LogCommandLine).to_owned())}</td>
                                    <td>{row.action.map_or("", |action| tr(action.key()))}</td>
                                    <td>{row.subject}</td>
                                    <td>{row.detail}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
        {(previous.is_some() || next.is_some()).then(|| view! {
            <nav class="paging" aria-label=tr(Key::PageWord)>
                {previous.map(|href| view! { <a href=href rel="prev">{tr(Key::PreviousPage)}</a> })}
                <span>{tr_fill(Key::PageNumber, &[&log.page.to_string()])}</span>
                {next.map(|href| view! { <a href=href rel="next">{tr(Key::NextPage)}</a> })}
            </nav>
        })}
    }
}
