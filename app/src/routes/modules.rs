//! The pages of the shared modules and the personal documents. Each loads the signed-in person and
//! its data in one go, so the page renders complete on the server and works before the wasm loads.
//! Staff pick a pupil first (`?leerling=`); pupils and parents see their own pupil straight away.

use std::future::Future;

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::components::{FormError, Layout, PasswordField, SubmitButton};
use crate::error::AppError;
use crate::functions::account::signed_in_person;
use crate::functions::documents::{my_documents, DeleteDocument};
use crate::functions::family::{LinkChild, UnlinkChild};
use crate::functions::platforms::list_platforms;
use crate::functions::school::{
    load_agenda_week, load_child_overview, load_courses, load_live_sessions, load_lvs,
    load_result_detail, load_results, module_access, staff_pupils,
};
use crate::i18n::{long_date, number, short_date, tr, use_lang, Key};
use crate::models::Module;
use crate::models::{
    AgendaItem, AgendaKind, Band, Document, MaterialKind, Me, PlatformSummary, Pupil, ResultRow,
    TimelineEntry, TimelineWhat, Total,
};
use crate::routes::messages::NewestMessages;
use crate::routes::ErrorContent;
use crate::visibility::can_use;

/// What a module page reads from its address.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct PageQuery {
    /// The pupil a staff member looks at (public id).
    pub pupil: Option<String>,
    pub week: Option<String>,
    pub id: Option<String>,
    /// The child the family timeline is narrowed to (public id).
    pub child: Option<String>,
    /// Berichten: the folder (`map`), the search (`zoek`) and the page (`pagina`).
    pub folder: Option<String>,
    pub search: Option<String>,
    pub page_no: Option<u64>,
    /// Berichten: what the compose form starts from (`antwoord`, `allen`, `doorsturen`, `concept`).
    pub reply: Option<String>,
    pub reply_all: bool,
    pub forward: Option<String>,
    pub draft: Option<String>,
    /// Berichten: the reader asked for images from elsewhere (`afbeeldingen=tonen`).
    pub images: bool,
    /// Oudercontact: the day of a teacher's schedule to print (`dag`).
    pub day: Option<String>,
    /// What an action just did (`gedaan`): part of the key, so that the page loads again after it.
    pub done: Option<String>,
}

impl PageQuery {
    /// `path` for the same pupil (staff keep their choice while moving between pages).
    fn href(&self, path: &str) -> String {
        match &self.pupil {
            Some(pupil) => {
                let joiner = if path.contains('?') { '&' } else { '?' };
                format!("{path}{joiner}leerling={pupil}")
            }
            None => path.to_owned(),
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
enum Loaded<T> {
    SignedOut,
    MustChangePassword,
    Failed(AppError),
    ChoosePupil(Me, Result<Vec<Pupil>, AppError>),
    Page(Me, Box<PageQuery>, Result<T, AppError>),
}

/// Loads and draws one module page for the signed-in person.
pub(crate) fn module_page<T, F, Fut, V>(module: Module, load: F, render: V) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    F: Fn(PageQuery) -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = Result<T, AppError>> + Send + 'static,
    V: Fn(T, PageQuery) -> AnyView + Copy + Send + Sync + 'static,
{
    let help = module.path().trim_start_matches('/');
    let query = use_query_map();
    let params = use_params_map();
    let page_query = move || PageQuery {
        pupil: query.read().get("leerling").filter(|id| !id.is_empty()),
        week: query.read().get("week"),
        id: params.read().get("id"),
        child: query.read().get("kind").filter(|id| !id.is_empty()),
        folder: query.read().get("map"),
        search: query
            .read()
            .get("zoek")
            .filter(|search| !search.trim().is_empty()),
        page_no: query
            .read()
            .get("pagina")
            .and_then(|page| page.parse().ok()),
        reply: query.read().get("antwoord"),
        reply_all: query.read().get("allen").is_some(),
        forward: query.read().get("doorsturen"),
        draft: query.read().get("concept"),
        images: query.read().get("afbeeldingen").as_deref() == Some("tonen"),
        day: query.read().get("dag"),
        done: query.read().get("gedaan"),
    };
    let data = Resource::new(page_query, move |page| async move {
        match signed_in_person().await {
            Err(error) => Loaded::Failed(error),
            Ok(None) => Loaded::SignedOut,
            Ok(Some(me)) if me.must_change_password => Loaded::MustChangePassword,
            // Staff choose a pupil first, in the modules they may use at all; elsewhere the
            // page's own answer (403) comes at once instead of a list whose links all end there.
            Ok(Some(me))
                if me.role.is_staff()
                    && can_use(me.role, module)
                    && !module.is_personal()
                    && page.pupil.is_none() =>
            {
                let pupils = staff_pupils().await;
                Loaded::ChoosePupil(me, pupils)
            }
            Ok(Some(me)) => {
                let result = load(page.clone()).await;
                Loaded::Page(me, Box::new(page), result)
            }
        }
    });
    view! {
        <Suspense fallback=|| view! { <p class="loading" aria-busy="true">{tr(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Loaded::SignedOut => view! { <Redirect path="/"/> }.into_any(),
                    Loaded::MustChangePassword => {
                        view! { <Redirect path="/wachtwoord-wijzigen"/> }.into_any()
                    }
                    Loaded::Failed(error) => {
                        view! { <Layout help><ErrorContent error/></Layout> }.into_any()
                    }
                    Loaded::ChoosePupil(me, pupils) => {
                        view! {
                            <Layout school=me.school.clone() me=me module help>
                                <PupilPicker module pupils/>
                            </Layout>
                        }
                            .into_any()
                    }
                    Loaded::Page(me, page, result) => {
                        // Staff chose a pupil for the shared modules; personal ones are their own.
                        let staff = me.role.is_staff() && !module.is_personal();
                        view! {
                            <Layout school=me.school.clone() me=me module help>
                                {match result {
                                    Ok(data) => view! {
                                        {staff.then(|| view! {
                                            <p class="other-pupil">
                                                <a href=module.path()>{tr(Key::OtherPupil)}</a>
                                            </p>
                                        })}
                                        {render(data, *page)}
                                    }.into_any(),
                                    Err(error) => view! { <ErrorContent error/> }.into_any(),
                                }}
                            </Layout>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// Staff choose the pupil whose module they open.
#[component]
fn PupilPicker(module: Module, pupils: Result<Vec<Pupil>, AppError>) -> impl IntoView {
    let pupils = match pupils {
        Ok(pupils) => pupils,
        Err(error) => return view! { <ErrorContent error/> }.into_any(),
    };
    view! {
        <Title text=tr(module.label())/>
        <h1>{tr(module.label())}</h1>
        <h2>{tr(Key::ChoosePupil)}</h2>
        {if pupils.is_empty() {
            view! { <p class="empty">{tr(Key::NoPupils)}</p> }.into_any()
        } else {
            view! {
                <ul class="pupil-list">
                    {pupils
                        .into_iter()
                        .map(|pupil| {
                            let href = format!("{}?leerling={}", module.path(), pupil.id);
                            view! {
                                <li>
                                    <a href=href>
                                        <PupilPhoto pupil=pupil.clone()/>
                                        <span>{pupil.display_name}</span>
                                        <span class="muted">{pupil.class.unwrap_or_default()}</span>
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
    }
    .into_any()
}

#[component]
fn PupilPhoto(pupil: Pupil) -> impl IntoView {
    pupil.photo.map(|photo| {
        view! { <img class="photo" src=photo alt="" width="40" height="40"/> }
    })
}

/// The heading of a module page: its name and whose data it shows.
#[component]
fn ModuleHeading(module: Module, pupil: Pupil) -> impl IntoView {
    let whose = format!(
        "{} {}{}",
        tr(Key::ChildOf),
        pupil.display_name,
        pupil
            .class
            .as_ref()
            .map(|class| format!(" · {} {class}", tr(Key::Class)))
            .unwrap_or_default()
    );
    view! {
        <Title text=tr(module.label())/>
        <div class="module-heading">
            <PupilPhoto pupil=pupil.clone()/>
            <div>
                <h1>{tr(module.label())}</h1>
                <p class="muted">{whose}</p>
            </div>
        </div>
    }
}

fn kind_label(kind: AgendaKind) -> Key {
    match kind {
        AgendaKind::Task => Key::KindTask,
        AgendaKind::Test => Key::KindTest,
        AgendaKind::Assignment => Key::KindAssignment,
    }
}

fn kind_class(kind: AgendaKind) -> &'static str {
    match kind {
        AgendaKind::Task => "kind kind-task",
        AgendaKind::Test => "kind kind-test",
        AgendaKind::Assignment => "kind kind-assignment",
    }
}

#[component]
fn AgendaItemLine(item: AgendaItem, #[prop(optional)] with_date: bool) -> impl IntoView {
    let lang = use_lang();
    view! {
        <li class="agenda-item">
            <span class=kind_class(item.kind)>{tr(kind_label(item.kind))}</span>
            <span class="item-main">
                <strong>{item.course}": "{item.title}</strong>
                {with_date.then(|| view! { <span class="muted">" · "{long_date(lang, item.due_on)}</span> })}
                <span class="item-text">{item.description}</span>
            </span>
        </li>
    }
}

fn band_label(band: Band) -> Key {
    match band {
        Band::Insufficient => Key::BandLow,
        Band::Sufficient => Key::BandMid,
        Band::Good => Key::BandHigh,
    }
}

/// "78 %" with its colour band, the band also in words for those who cannot see colour.
#[component]
fn Percent(percent: f64) -> impl IntoView {
    let lang = use_lang();
    let band = Band::of(percent);
    view! {
        <span class=format!("band {}", band.class_name())>
            {format!("{} %", number(lang, percent))}
            <span class="band-word">{format!(" ({})", tr(band_label(band)))}</span>
        </span>
    }
}

fn points(lang: crate::i18n::Lang, points: f64, max: f64) -> String {
    format!("{} / {}", number(lang, points), number(lang, max))
}

#[component]
fn TotalLine(total: Total) -> impl IntoView {
    let lang = use_lang();
    view! {
        <span class="total">
            {tr(Key::Total)}": "{points(lang, total.points, total.max)}" "
            {total.percent().map(|percent| view! { <Percent percent/> })}
        </span>
    }
}

#[component]
fn ResultsTable(
    rows: Vec<ResultRow>,
    page: PageQuery,
    #[prop(optional)] with_course: bool,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="table-wrap">
            <table class="results">
                <thead>
                    <tr>
                        {with_course.then(|| view! { <th scope="col">{tr(Key::ModCourses)}</th> })}
                        <th scope="col">{tr(Key::Evaluation)}</th>
                        <th scope="col">{tr(Key::Date)}</th>
                        <th scope="col">{tr(Key::Score)}</th>
                        <th scope="col">"%"</th>
                        <th scope="col">{tr(Key::ClassAverage)}</th>
                        <th scope="col">{tr(Key::Feedback)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|row| {
                            let href = page.href(&format!("/resultaten/{}", row.id));
                            let percent = row.percent();
                            view! {
                                <tr>
                                    {with_course.then(|| view! { <td>{row.course.clone()}</td> })}
                                    <td><a href=href>{row.name.clone()}</a></td>
                                    <td>{short_date(lang, row.held_on)}</td>
                                    <td class="num">{points(lang, row.points, row.max)}</td>
                                    <td class="num"><Percent percent/></td>
                                    <td class="num">
                                        {row.class_average.map(|average| format!("{} %", number(lang, average)))}
                                    </td>
                                    <td>{row.feedback.clone().unwrap_or_default()}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// "Mijn kinderen": messages, the coming two weeks, the latest results.
#[component]
pub fn MyChildrenPage() -> impl IntoView {
    module_page(
        Module::MyChildren,
        |page| load_child_overview(page.child),
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
                        view! { <ResultsTable rows=overview.latest_results page with_course=true/> }.into_any()
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
                <h2 id="unlink-title">{tr(Key::Unlink)}": "{child.display_name.clone()}</h2>
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
                    let label = format!("{} {}", tr(Key::Unlink), child.display_name);
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
                                                    <span class=kind_class(item.kind)>{tr(kind_label(item.kind))}</span>" "
                                                    <strong>{item.course}": "{item.title}</strong>
                                                </span>
                                            }.into_any(),
                                            TimelineWhat::Result(row) => {
                                                let percent = row.percent();
                                                view! {
                                                    <span>
                                                        <span class="kind kind-result">{tr(Key::NewResult)}</span>" "
                                                        <strong>{row.course}": "{row.name}</strong>" "
                                                        {points(lang, row.points, row.max)}" "<Percent percent/>
                                                    </span>
                                                }.into_any()
                                            }
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

/// "Voeg kinderen toe": the co-account of another child, possibly at another school.
#[component]
pub fn AddChildrenPage() -> impl IntoView {
    module_page(
        Module::MyChildren,
        |_| async move {
            module_access(Module::MyChildren).await?;
            list_platforms().await
        },
        |platforms, _| view! { <AddChildForm platforms/> }.into_any(),
    )
}

#[component]
fn AddChildForm(platforms: Vec<PlatformSummary>) -> impl IntoView {
    let action = ServerAction::<LinkChild>::new();
    view! {
        <Title text=tr(Key::AddChildren)/>
        <section class="card narrow">
            <h1>{tr(Key::AddChildren)}</h1>
            <p>{tr(Key::AddChildrenIntro)}</p>
            <p class="notice" id="separated-notice">{tr(Key::SeparatedNotice)}</p>
            <ActionForm action>
                <div class="stack">
                    <div class="field">
                        <label for="link-platform">{tr(Key::PlatformLabel)}</label>
                        <select id="link-platform" name="platform" required>
                            {platforms.into_iter().map(|school| view! {
                                <option value=school.slug>{format!("{} ({})", school.name, school.city)}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="link-username">{tr(Key::UsernameLabel)}</label>
                        <input id="link-username" name="username" autocomplete="off" autocapitalize="none" required/>
                    </div>
                    <PasswordField id="link-password" name="password" label=Key::PasswordLabel autocomplete="off"/>
                    <FormError action/>
                    <SubmitButton action label=Key::LinkButton/>
                </div>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn AgendaPage() -> impl IntoView {
    module_page(
        Module::Agenda,
        |page| load_agenda_week(page.pupil, page.week),
        |week, page| {
            let lang = use_lang();
            let week_link = |offset: i64| {
                let monday = week.monday + chrono::Duration::days(offset * 7);
                page.href(&format!("{}?week={monday}", Module::Agenda.path()))
            };
            let title = format!("{} {}", tr(Key::WeekOf), long_date(lang, week.monday));
            view! {
                <ModuleHeading module=Module::Agenda pupil=week.pupil.clone()/>
                <nav class="week-nav" aria-label=tr(Key::WeekOf)>
                    <a href=week_link(-1) rel="prev">"← "{tr(Key::PrevWeek)}</a>
                    <a href=page.href(Module::Agenda.path())>{tr(Key::ThisWeek)}</a>
                    <a href=week_link(1) rel="next">{tr(Key::NextWeek)}" →"</a>
                </nav>
                <h2 class="week-title">{title}</h2>
                <div class="week">
                    {week
                        .days
                        .into_iter()
                        .map(|day| {
                            let is_today = day.date == week.today;
                            view! {
                                <section
                                    class=if is_today { "day today" } else { "day" }
                                    aria-current=is_today.then_some("date")
                                    aria-label=long_date(lang, day.date)
                                >
                                    <h3>
                                        {long_date(lang, day.date)}
                                        {is_today.then(|| view! { <span class="today-badge">{tr(Key::Today)}</span> })}
                                    </h3>
                                    {(!day.items.is_empty()).then(|| view! {
                                        <ul class="agenda-items">
                                            {day.items.into_iter().map(|item| view! { <AgendaItemLine item/> }).collect_view()}
                                        </ul>
                                    })}
                                    {if day.lessons.is_empty() {
                                        view! { <p class="empty">{tr(Key::NoLessons)}</p> }.into_any()
                                    } else {
                                        view! {
                                            <ol class="lessons" aria-label=tr(Key::Lessons)>
                                                {day.lessons.into_iter().map(|lesson| view! {
                                                    <li class="lesson">
                                                        <span class="time">{lesson.starts}" – "{lesson.ends}</span>
                                                        <span class="lesson-main">
                                                            <strong>{lesson.course}</strong>
                                                            <span class="muted">{lesson.teacher}" · "{lesson.room}</span>
                                                            {lesson.topic.map(|topic| view! { <span class="item-text">{topic}</span> })}
                                                        </span>
                                                    </li>
                                                }).collect_view()}
                                            </ol>
                                        }.into_any()
                                    }}
                                </section>
                            }
                        })
                        .collect_view()}
                </div>
            }
            .into_any()
        },
    )
}

#[component]
pub fn ResultsPage() -> impl IntoView {
    module_page(
        Module::Results,
        |page| load_results(page.pupil),
        |results, page| {
            view! {
                <ModuleHeading module=Module::Results pupil=results.pupil.clone()/>
                {if results.periods.is_empty() {
                    view! { <p class="empty card">{tr(Key::NoResults)}</p> }.into_any()
                } else {
                    results.periods.into_iter().map(|period| {
                        let page = page.clone();
                        view! {
                            <section class="period" aria-labelledby=format!("period-{}", period.period)>
                                <div class="period-head">
                                    <h2 id=format!("period-{}", period.period)>{tr(Key::Period)}" "{period.period}</h2>
                                    <TotalLine total=period.total/>
                                </div>
                                {period.courses.into_iter().map(|course| view! {
                                    <section class="card course-results">
                                        <div class="period-head">
                                            <h3>{course.course}<span class="muted">" · "{course.teacher}</span></h3>
                                            <TotalLine total=course.total/>
                                        </div>
                                        <ResultsTable rows=course.results page=page.clone()/>
                                    </section>
                                }).collect_view()}
                            </section>
                        }
                    }).collect_view().into_any()
                }}
            }
            .into_any()
        },
    )
}

#[component]
pub fn ResultDetailPage() -> impl IntoView {
    module_page(
        Module::Results,
        |page| async move {
            let id = page
                .id
                .as_deref()
                .and_then(|id| id.parse::<i32>().ok())
                .ok_or(AppError::NotFound)?;
            load_result_detail(page.pupil, id).await
        },
        |detail, page| {
            let lang = use_lang();
            let result = detail.result;
            let percent = result.percent();
            view! {
                <ModuleHeading module=Module::Results pupil=detail.pupil.clone()/>
                <section class="card">
                    <h2>{result.course.clone()}": "{result.name.clone()}</h2>
                    <dl class="facts">
                        <dt>{tr(Key::Teacher)}</dt><dd>{detail.teacher}</dd>
                        <dt>{tr(Key::Period)}</dt><dd>{result.period}</dd>
                        <dt>{tr(Key::Date)}</dt><dd>{long_date(lang, result.held_on)}</dd>
                        <dt>{tr(Key::Score)}</dt><dd>{points(lang, result.points, result.max)}" "<Percent percent/></dd>
                        <dt>{tr(Key::ClassAverage)}</dt>
                        <dd>{result.class_average.map(|average| format!("{} %", number(lang, average)))}</dd>
                        <dt>{tr(Key::Feedback)}</dt><dd>{result.feedback.clone().unwrap_or_else(|| "–".to_owned())}</dd>
                    </dl>
                    <a href=page.href(Module::Results.path())>{tr(Key::BackToResults)}</a>
                </section>
            }
            .into_any()
        },
    )
}

pub(crate) fn file_size(lang: crate::i18n::Lang, bytes: i64) -> String {
    let bytes = bytes as f64;
    if bytes >= 1024.0 * 1024.0 {
        format!("{} MB", number(lang, bytes / 1024.0 / 1024.0))
    } else {
        format!("{} kB", number(lang, (bytes / 1024.0).max(0.1)))
    }
}

#[component]
pub fn CoursesPage() -> impl IntoView {
    module_page(
        Module::Courses,
        |page| load_courses(page.pupil),
        |courses, page| {
            let lang = use_lang();
            view! {
                <ModuleHeading module=Module::Courses pupil=courses.pupil.clone()/>
                {courses.courses.is_empty().then(|| view! { <p class="empty card">{tr(Key::NoCourses)}</p> })}
                <div class="course-grid">
                    {courses.courses.into_iter().map(|course| {
                        let page = page.clone();
                        view! {
                            <section class="card" aria-labelledby=format!("course-{}", course.id)>
                                <h2 id=format!("course-{}", course.id)>{course.name}</h2>
                                <p class="muted">{tr(Key::Teacher)}": "{course.teacher}</p>
                                {if course.materials.is_empty() {
                                    view! { <p class="empty">{tr(Key::NoMaterials)}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="materials">
                                            {course.materials.into_iter().map(|material| match material.kind {
                                                MaterialKind::Link { url } => view! {
                                                    <li class="material-link">
                                                        <a href=url target="_blank" rel="noopener noreferrer">{material.title}</a>
                                                    </li>
                                                }.into_any(),
                                                MaterialKind::File { name, size } => view! {
                                                    <li class="material-file">
                                                        <a href=page.href(&format!("/vakken/bestand/{}", material.id)) download=name.clone()>
                                                            {material.title}
                                                        </a>
                                                        <span class="muted">" · "{name}" · "{file_size(lang, size)}</span>
                                                    </li>
                                                }.into_any(),
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                            </section>
                        }
                    }).collect_view()}
                </div>
            }
            .into_any()
        },
    )
}

#[component]
pub fn LiveSessionsPage() -> impl IntoView {
    module_page(
        Module::LiveSessions,
        |page| load_live_sessions(page.pupil),
        |live, _| {
            let lang = use_lang();
            view! {
                <ModuleHeading module=Module::LiveSessions pupil=live.pupil.clone()/>
                {if live.sessions.is_empty() {
                    view! { <p class="empty card">{tr(Key::NoLiveSessions)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="sessions">
                            {live.sessions.into_iter().map(|session| view! {
                                <li class=if session.past { "card session past" } else { "card session" }>
                                    <div>
                                        <strong>{session.course}": "{session.title.clone()}</strong>
                                        <div class="muted">
                                            {long_date(lang, session.date)}", "{session.starts}" – "{session.ends}" · "{session.teacher}
                                        </div>
                                    </div>
                                    {if session.past {
                                        view! { <span class="muted">{tr(Key::Past)}</span> }.into_any()
                                    } else {
                                        let label = format!("{}: {}", tr(Key::Join), session.title);
                                        view! {
                                            <a class="button" href=session.url target="_blank" rel="noopener noreferrer" aria-label=label>
                                                {tr(Key::Join)}
                                            </a>
                                        }.into_any()
                                    }}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            }
            .into_any()
        },
    )
}

#[component]
pub fn LvsPage() -> impl IntoView {
    module_page(
        Module::Lvs,
        |page| load_lvs(page.pupil),
        |lvs, _| {
            let lang = use_lang();
            view! {
                <ModuleHeading module=Module::Lvs pupil=lvs.pupil.clone()/>
                <section class="card" aria-labelledby="remarks-title">
                    <h2 id="remarks-title">{tr(Key::Remarks)}</h2>
                    {if lvs.remarks.is_empty() {
                        view! { <p class="empty">{tr(Key::NoRemarks)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="remarks">
                                {lvs.remarks.into_iter().map(|remark| view! {
                                    <li class="remark">
                                        <div class="muted">
                                            {long_date(lang, remark.noted_on)}" · "
                                            <span class="category">{remark.category}</span>" · "
                                            {tr(Key::Author)}" "{remark.author}
                                        </div>
                                        <p>{remark.text}</p>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
                <section class="card" aria-labelledby="attendance-title">
                    <h2 id="attendance-title">{tr(Key::Attendance)}</h2>
                    {if lvs.attendance.is_empty() {
                        view! { <p class="empty">{tr(Key::NoAbsences)}</p> }.into_any()
                    } else {
                        view! {
                            <div class="table-wrap">
                                <table>
                                    <thead>
                                        <tr>
                                            <th scope="col">{tr(Key::Date)}</th>
                                            <th scope="col">{tr(Key::Morning)}" / "{tr(Key::Afternoon)}</th>
                                            <th scope="col">{tr(Key::Code)}</th>
                                            <th scope="col">{tr(Key::Feedback)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {lvs.attendance.into_iter().map(|absence| view! {
                                            <tr>
                                                <td>{long_date(lang, absence.day)}</td>
                                                <td>{tr(if absence.half == crate::models::HalfDay::Morning { Key::Morning } else { Key::Afternoon })}</td>
                                                <td class="code">{absence.code}</td>
                                                <td>{absence.note.unwrap_or_default()}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            <p class="hint">{tr(Key::CodeLegend)}</p>
                        }.into_any()
                    }}
                </section>
            }
            .into_any()
        },
    )
}

/// "Mijn documenten": upload is a plain multipart form to the server, so it works without wasm.
#[component]
pub fn DocumentsPage() -> impl IntoView {
    module_page(
        Module::MyDocuments,
        |_| my_documents(),
        |documents, _| view! { <Documents documents/> }.into_any(),
    )
}

#[component]
fn Documents(documents: Vec<Document>) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    // Reactive: a deletion with wasm navigates to `?verwijderd=1` without reloading the page.
    let notice = move || {
        query.with(|query| {
            if query.get("opgeladen").is_some() {
                Some(("notice", "status", Key::UploadDone))
            } else if query.get("verwijderd").is_some() {
                Some(("notice", "status", Key::DeleteDone))
            } else {
                let error = match query.get("fout").as_deref() {
                    Some("te-groot") => Key::ErrFileTooLarge,
                    Some("geen-bestand") => Key::ErrNoFile,
                    Some(_) => Key::ServerErrorText,
                    None => return None,
                };
                Some(("form-error", "alert", error))
            }
        })
    };
    let uploading = RwSignal::new(false);
    view! {
        <Title text=tr(Key::ModMyDocuments)/>
        <h1>{tr(Key::ModMyDocuments)}</h1>
        <p class="muted">{tr(Key::DocumentsPrivate)}</p>
        {move || notice().map(|(class, role, key)| view! { <p class=class role=role>{tr(key)}</p> })}
        <section class="card">
            <form
                class="upload"
                method="post"
                action="/mijn-documenten/opladen"
                enctype="multipart/form-data"
                on:submit=move |_| uploading.set(true)
            >
                <div class="field">
                    <label for="document-file">{tr(Key::FileLabel)}</label>
                    <input id="document-file" name="file" type="file" required aria-describedby="document-hint"/>
                    <span id="document-hint" class="hint">{tr(Key::MaxSize)}</span>
                </div>
                <button type="submit" disabled=uploading aria-busy=move || uploading.get().to_string()>
                    {move || if uploading.get() { tr(Key::Working) } else { tr(Key::Upload) }}
                </button>
            </form>
        </section>
        {if documents.is_empty() {
            view! { <p class="empty card">{tr(Key::NoDocuments)}</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap">
                    <table class="documents">
                        <thead>
                            <tr>
                                <th scope="col">{tr(Key::FileLabel)}</th>
                                <th scope="col">{tr(Key::Size)}</th>
                                <th scope="col">{tr(Key::Uploaded)}</th>
                                <th scope="col"><span class="visually-hidden">{tr(Key::Delete)}</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            {documents.into_iter().map(|document| view! { <DocumentRow document lang/> }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
    }
}

#[component]
fn DocumentRow(document: Document, lang: crate::i18n::Lang) -> impl IntoView {
    let delete = ServerAction::<DeleteDocument>::new();
    let href = format!("/mijn-documenten/{}", document.id);
    let delete_label = format!("{} {}", tr(Key::Delete), document.file_name);
    // Without wasm the redirect reloads the list; with it, the deleted row goes at once.
    let deleted = move || matches!(delete.value().get(), Some(Ok(())));
    view! {
        <tr hidden=deleted>
            <td><a href=href download=document.file_name.clone()>{document.file_name.clone()}</a></td>
            <td>{file_size(lang, document.size)}</td>
            <td>{short_date(lang, document.uploaded)}</td>
            <td>
                <ActionForm action=delete>
                    <input type="hidden" name="id" value=document.id/>
                    <DeleteButton action=delete label=delete_label/>
                </ActionForm>
            </td>
        </tr>
    }
}

#[component]
fn DeleteButton(action: ServerAction<DeleteDocument>, label: String) -> impl IntoView {
    let pending = action.pending();
    view! {
        <button type="submit" class="secondary" aria-label=label disabled=pending aria-busy=move || pending.get().to_string()>
            {move || if pending.get() { tr(Key::Working) } else { tr(Key::Delete) }}
        </button>
    }
}
