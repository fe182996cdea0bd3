//! A class's absences in one school week for its staff, to read or print: per pupil, school day
//! and half day the code registered, a week at a time (`?week=` a day of it).

use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

use crate::components::{module_page, Address, PageQuery};
use crate::functions::overviews::load_class_absences;
use crate::i18n::{long_date, tr, tr_fill, use_lang, Key};
use crate::models::{AbsenceCode, AbsenceLine, ClassAbsences, Module};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassAbsencesQuery {
    class: i32,
    week: Option<String>,
}

impl PageQuery for ClassAbsencesQuery {
    fn read(address: &Address) -> Self {
        ClassAbsencesQuery {
            class: address
                .param("id")
                .and_then(|id| id.parse().ok())
                .unwrap_or_default(),
            week: address.query("week"),
        }
    }
}

#[component]
pub fn ClassAbsencesPage() -> impl IntoView {
    module_page(
        Module::Lvs,
        |query: ClassAbsencesQuery| load_class_absences(query.class, query.week),
        |absences, _| view! { <Overview absences/> }.into_any(),
    )
}

#[component]
fn Overview(absences: ClassAbsences) -> impl IntoView {
    let lang = use_lang();
    let title = tr_fill(Key::ClassAbsencesTitle, &[&absences.class.name]);
    let page = format!("/lvs/klas/{}/afwezigheden", absences.class.id);
    let monday = absences.days.first().copied().unwrap_or_default();
    let week_link = |offset: i64| {
        format!(
            "{page}?week={}",
            monday + chrono::Duration::days(offset * 7)
        )
    };
    let legend = AbsenceCode::ALL
        .into_iter()
        .map(|code| format!("{} = {}", code.letter(), tr(code.key())))
        .collect::<Vec<_>>()
        .join(" · ");
    view! {
        <Title text=title.clone()/>
        <p class="no-print"><a href=format!("/lvs/klas/{}", absences.class.id)>{tr_fill(Key::ClassTitle, &[&absences.class.name])}</a></p>
        <h1>{title}</h1>
        <nav class="week-nav no-print" aria-label=tr(Key::WeekOf)>
            <a href=week_link(-1) rel="prev">"← "{tr(Key::PrevWeek)}</a>
            <a href=page.clone()>{tr(Key::ThisWeek)}</a>
            <a href=week_link(1) rel="next">{tr(Key::NextWeek)}" →"</a>
        </nav>
        <p class="hint no-print">{tr(Key::PrintHint)}</p>
        <h2 class="week-title">{tr_fill(Key::WeekOfDate, &[&long_date(lang, monday)])}</h2>
        <p class="hint">{tr(Key::AbsencesTableHint)}" "{legend}</p>
        {if absences.lines.is_empty() {
            view! { <p class="empty">{tr(Key::NoPupils)}</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap">
                    <table class="class-overview absences">
                        <thead>
                            <tr>
                                <th scope="col" rowspan="2">{tr(Key::PupilCol)}</th>
                                {absences.days.iter().map(|day| view! {
                                    <th scope="colgroup" colspan="2">{long_date(lang, *day)}</th>
                                }).collect_view()}
                            </tr>
                            <tr>
                                {absences.days.iter().map(|_| view! {
                                    <th scope="col"><abbr title=tr(Key::Morning)>{tr(Key::MorningShort)}</abbr></th>
                                    <th scope="col"><abbr title=tr(Key::Afternoon)>{tr(Key::AfternoonShort)}</abbr></th>
                                }).collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {absences.lines.into_iter().map(|line| view! { <Line line/> }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
    }
}

#[component]
fn Line(line: AbsenceLine) -> impl IntoView {
    view! {
        <tr>
            <th scope="row">{line.pupil}</th>
            {line.halves.into_iter().flatten().map(|code| {
                let class = code.is_some().then_some("absent");
                view! { <td class=class>{code.unwrap_or_default()}</td> }
            }).collect_view()}
        </tr>
    }
}
