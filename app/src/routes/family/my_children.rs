//! "Mijn kinderen": messages, the coming two weeks, the latest results, the linked children and
//! the timeline of the whole family.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::components::{
    kind_class, module_page, Address, AgendaItemLine, ChosenPupil, ModuleHeading, NewestMessages,
    PageQuery, PupilPhoto, ResultsTable, Score,
};
use crate::functions::family::UnlinkChild;
use crate::functions::school::load_child_overview;
use crate::i18n::{long_date, tr, tr_fill, use_lang, Key};
use crate::models::{Module, Pupil, TimelineEntry, TimelineWhat};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
struct MyChildrenQuery {
    pupil: ChosenPupil,
    /// The child the family timeline is narrowed to (`kind`, a public id).
    child: Option<String>,
}

impl PageQuery for MyChildrenQuery {
    fn read(address: &Address) -> Self {
        MyChildrenQuery {
            pupil: ChosenPupil::read(address),
            child: address.query("kind").filter(|id| !id.is_empty()),
        }
    }

    fn chosen_pupil(&self) -> Option<&ChosenPupil> {
        Some(&self.pupil)
    }
}

#[component]
pub fn MyChildrenPage() -> impl IntoView {
    module_page(
        Module::MyChildren,
        |page: MyChildrenQuery| load_child_overview(page.child),
        |overview, page| {
            let filter = page.child.clone();
            view! {
                <ModuleHeading module=Module::MyChildren pupil=overview.child.clone()/>
                <FamilyNotices children=overview.children.clone()/>
                <div class="overview">
                    <div class="overview-side">
                        <NewestMessages messages=overview.messages.clone()/>
                        <LinkedChildren children=overview.children.clone()/>
                    </div>
                    <section class="card" aria-labelledby="upcoming-title">
                        <h2 id="upcoming-title">{tr(Key::Upcoming)}</h2>
                        {if overview.upcoming.is_empty() {
                            view! { <p class="empty">{tr(Key::NoUpcoming)}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="agenda-items">
                                    {overview.upcoming.into_iter().map(|item| view! { <AgendaItemLine item with_date=true/> }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                        <a href=Module::Agenda.path()>{tr(Key::FullAgenda)}</a>
                    </section>
                </div>
                <section class="card" aria-labelledby="latest-title">
                    <h2 id="latest-title">{tr(Key::LatestResults)}</h2>
                    {if overview.latest_results.is_empty() {
                        view! { <p class="empty">{tr(Key::NoResults)}</p> }.into_any()
                    } else {
                        view! { <ResultsTable rows=overview.latest_results pupil=page.pupil with_course=true/> }.into_any()
                    }}
                    <a href=Module::Results.path()>{tr(Key::AllResults)}</a>
                </section>
                <Timeline entries=overview.timeline children=overview.children filter/>
            }
            .into_any()
        },
    )
}
/// What a link or unlink just did, and the question before unlinking (a plain form, so that the
/// confirmation works without wasm).
#[component]
fn FamilyNotices(children: Vec<Pupil>) -> impl IntoView {
    // Reactive: with wasm, the "Ontkoppelen" link changes only the query, not the page.
    let query = use_query_map();
    let flag = move |name: &str| query.with(|query| query.get(name).is_some());
    let to_unlink = move || {
        let id = query.with(|query| query.get("ontkoppel"))?;
        children.iter().find(|child| child.id == id).cloned()
    };
    view! {
        {move || flag("gekoppeld").then(|| view! { <p class="notice" role="status">{tr(Key::LinkDone)}</p> })}
        {move || flag("ontkoppeld").then(|| view! { <p class="notice" role="status">{tr(Key::UnlinkDone)}</p> })}
        {move || to_unlink().map(|child| view! {
            <section class="card confirm" role="alertdialog" aria-labelledby="unlink-title" aria-describedby="unlink-text">
                <h2 id="unlink-title">{tr_fill(Key::UnlinkTitle, &[&child.display_name])}</h2>
                <p id="unlink-text">{tr(Key::UnlinkQuestion)}</p>
                <form method="post" action=UnlinkChild::PATH class="links">
                    <input type="hidden" name="child" value=child.id/>
                    <button type="submit">{tr(Key::UnlinkYes)}</button>
                    <a class="button secondary-link" href=Module::MyChildren.path()>{tr(Key::Cancel)}</a>
                </form>
            </section>
        })}
    }
}

#[component]
fn LinkedChildren(children: Vec<Pupil>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="linked-title">
            <h2 id="linked-title">{tr(Key::LinkedChildren)}</h2>
            <ul class="linked-children">
                {children.into_iter().map(|child| {
                    let href = format!("{}?ontkoppel={}", Module::MyChildren.path(), child.id);
                    let label = tr_fill(Key::UnlinkChild, &[&child.display_name]);
                    view! {
                        <li>
                            <PupilPhoto pupil=child.clone()/>
                            <span class="linked-name">
                                <strong>{child.display_name}</strong>
                                <span class="muted">{child.school.name}</span>
                            </span>
                            <a href=href aria-label=label>{tr(Key::Unlink)}</a>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <a class="button" href="/kinderen-toevoegen">{tr(Key::AddChildren)}</a>
        </section>
    }
}

/// Planned work and new results of every child, by date, each marked with the child's photo;
/// filtered per child with plain links.
#[component]
fn Timeline(
    entries: Vec<TimelineEntry>,
    children: Vec<Pupil>,
    filter: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let path = Module::MyChildren.path();
    view! {
        <section class="card" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{tr(Key::Timeline)}</h2>
            <nav class="filter" aria-label=tr(Key::Timeline)>
                <a href=path aria-current=filter.is_none().then_some("page")>{tr(Key::AllChildren)}</a>
                {children.into_iter().map(|child| {
                    let current = (filter.as_deref() == Some(child.id.as_str())).then_some("page");
                    view! { <a href=format!("{path}?kind={}", child.id) aria-current=current>{child.first_name}</a> }
                }).collect_view()}
            </nav>
            {if entries.is_empty() {
                view! { <p class="empty">{tr(Key::NoTimeline)}</p> }.into_any()
            } else {
                view! {
                    <ol class="timeline">
                        {entries.into_iter().map(|entry| {
                            let child = entry.child.clone();
                            view! {
                                <li class="timeline-entry">
                                    <PupilPhoto pupil=child.clone()/>
                                    <span class="item-main">
                                        <span class="muted">{long_date(lang, entry.date)}" · "{child.first_name}</span>
                                        {match entry.what {
                                            TimelineWhat::Planned(item) => view! {
                                                <span>
                                                    <span class=kind_class(item.kind)>{tr(item.kind.key())}</span>" "
                                                    <strong>{item.course}": "{item.title}</strong>
                                                </span>
                                            }.into_any(),
                                            TimelineWhat::Result(row) => view! {
                                                <span>
                                                    <span class="kind kind-result">{tr(Key::NewResult)}</span>" "
                                                    <strong>{row.course.clone()}": "{row.name.clone()}</strong>" "
                                                    <Score row/>
                                                </span>
                                            }.into_any(),
                                        }}
                                    </span>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}
