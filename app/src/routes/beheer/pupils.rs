//! The school's pupils: search by name or username, filter by class, a page at a time; each pupil
//! with the state of their people. Letters are made for a class or for the pupils ticked here.

use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

use super::{state_badge, BeheerTabs, LetterChoices};
use crate::components::{module_page, Address, FormError, PageQuery, SubmitButton, Typed};
use crate::functions::beheer::{beheer_pupils, AddPupil, SendActivations};
use crate::i18n::{tr, tr_fill, Key};
use crate::models::{ClassOption, Module, PupilPage, PupilRow};
use crate::url::percent_encode;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PupilsQuery {
    search: String,
    class: Option<i32>,
    page: u64,
    /// Activation mails just sent.
    sent: Option<usize>,
}

impl PageQuery for PupilsQuery {
    fn read(address: &Address) -> Self {
        PupilsQuery {
            search: address.query("zoek").unwrap_or_default(),
            class: address.query("klas").and_then(|class| class.parse().ok()),
            page: address
                .query("pagina")
                .and_then(|page| page.parse().ok())
                .unwrap_or(1),
            sent: address
                .query("verstuurd")
                .and_then(|sent| sent.parse().ok()),
        }
    }
}

#[component]
pub fn BeheerPupilsPage() -> impl IntoView {
    module_page(
        Module::Beheer,
        |query: PupilsQuery| beheer_pupils(query.search, query.class, query.page),
        |pupils, query| view! { <Pupils pupils query/> }.into_any(),
    )
}

#[component]
fn Pupils(pupils: PupilPage, query: PupilsQuery) -> impl IntoView {
    let page_href = {
        let query = query.clone();
        move |page: u64| {
            let mut href = format!("/beheer/leerlingen?pagina={page}");
            if !query.search.is_empty() {
                href.push_str(&format!("&zoek={}", percent_encode(&query.search)));
            }
            if let Some(class) = query.class {
                href.push_str(&format!("&klas={class}"));
            }
            href
        }
    };
    let previous = (pupils.page > 1).then(|| page_href(pupils.page - 1));
    let next = (pupils.page < pupils.pages).then(|| page_href(pupils.page + 1));
    let classes = pupils.classes.clone();
    let chosen_class = query.class;
    view! {
        <Title text=tr(Key::BeheerPupilsTab)/>
        <h1>{tr(Key::BeheerPupilsTab)}</h1>
        <BeheerTabs current="/beheer/leerlingen"/>
        {query.sent.map(|sent| view! {
            <p class="notice" role="status">{tr_fill(Key::ActivationsSent, &[&sent.to_string()])}</p>
        })}
        <form class="card filters" method="get" action="/beheer/leerlingen" role="search">
            <div class="field">
                <label for="pupil-search">{tr(Key::PupilSearchLabel)}</label>
                <input id="pupil-search" type="search" name="zoek" value=query.search.clone()/>
            </div>
            <div class="field">
                <label for="pupil-class">{tr(Key::ClassFilter)}</label>
                <select id="pupil-class" name="klas">
                    <option value="">{tr(Key::AllClasses)}</option>
                    {classes.iter().map(|class| view! {
                        <option value=class.id.to_string() selected=chosen_class == Some(class.id)>
                            {tr_fill(Key::ClassWithCount, &[&class.name, &class.pupils.to_string()])}
                        </option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit">{tr(Key::SearchButton)}</button>
        </form>
        {(!classes.is_empty()).then(|| view! {
            <form class="card letters-form" method="post" action="/beheer/brieven">
                <h2>{tr(Key::ClassLettersTitle)}</h2>
                <div class="field">
                    <label for="letters-class">{tr(Key::ClassFilter)}</label>
                    <select id="letters-class" name="klas" required>
                        {classes.iter().map(|class| view! {
                            <option value=class.id.to_string() selected=chosen_class == Some(class.id)>
                                {class.name.clone()}
                            </option>
                        }).collect_view()}
                    </select>
                </div>
                <LetterChoices id="class-letters"/>
                <p class="hint">{tr(Key::LettersWarning)}</p>
                <button type="submit">{tr(Key::PrintClassLetters)}</button>
            </form>
            <ActivationForm classes=classes.clone() chosen=chosen_class/>
            <AddPupilForm classes=classes.clone()/>
        })}
        <p role="status">{tr_fill(Key::PupilsFound, &[&pupils.total.to_string()])}</p>
        {if pupils.rows.is_empty() {
            view! { <p class="empty card">{tr(Key::NoPupilsFound)}</p> }.into_any()
        } else {
            view! {
                <form method="post" action="/beheer/brieven">
                    <div class="table-wrap">
                        <table class="pupils">
                            <thead>
                                <tr>
                                    <th scope="col"><span class="visually-hidden">{tr(Key::SelectCol)}</span></th>
                                    <th scope="col">{tr(Key::NameCol)}</th>
                                    <th scope="col">{tr(Key::UsernameLabel)}</th>
                                    <th scope="col">{tr(Key::ClassFilter)}</th>
                                    <th scope="col">{tr(Key::StateCol)}</th>
                                    <th scope="col">{tr(Key::CoAccountsCol)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {pupils.rows.into_iter().map(|pupil| view! { <PupilLine pupil/> }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <div class="card letters-form">
                        <LetterChoices id="selected-letters"/>
                        <button type="submit">{tr(Key::PrintSelectedLetters)}</button>
                    </div>
                </form>
            }.into_any()
        }}
        {(previous.is_some() || next.is_some()).then(|| view! {
            <nav class="paging" aria-label=tr(Key::PageWord)>
                {previous.map(|href| view! { <a href=href rel="prev">{tr(Key::PreviousPage)}</a> })}
                <span>{tr_fill(Key::PageOfPages, &[&pupils.page.to_string(), &pupils.pages.to_string()])}</span>
                {next.map(|href| view! { <a href=href rel="next">{tr(Key::NextPage)}</a> })}
            </nav>
        })}
    }
}

/// A pupil who joins during the year, by hand.
#[component]
fn AddPupilForm(classes: Vec<ClassOption>) -> impl IntoView {
    let action = ServerAction::<AddPupil>::new();
    let typed = Typed::of::<AddPupil>();
    view! {
        <ActionForm action attr:class="card letters-form">
            <h2>{tr(Key::AddPupilTitle)}</h2>
            <div class="field">
                <label for="pupil-first">{tr(Key::FirstNameLabel)}</label>
                <input id="pupil-first" name="first_name" value=typed.or("first_name", "") required maxlength="80" autocomplete="off"/>
            </div>
            <div class="field">
                <label for="pupil-last">{tr(Key::LastNameLabel)}</label>
                <input id="pupil-last" name="last_name" value=typed.or("last_name", "") required maxlength="80" autocomplete="off"/>
            </div>
            <div class="field">
                <label for="pupil-new-class">{tr(Key::ClassFilter)}</label>
                <select id="pupil-new-class" name="class" required>
                    {classes.into_iter().map(|class| {
                        let id = class.id.to_string();
                        let chosen = typed.chose("class", &id, false);
                        view! { <option value=id selected=chosen>{class.name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="pupil-birth">{tr(Key::BirthDateLabel)}</label>
                <input id="pupil-birth" name="birth_date" type="date" value=typed.or("birth_date", "")/>
            </div>
            <SubmitButton label=Key::AddWord/>
            <FormError action/>
        </ActionForm>
    }
}

/// Activation links by mail for a class's parents, instead of letters.
#[component]
fn ActivationForm(classes: Vec<ClassOption>, chosen: Option<i32>) -> impl IntoView {
    let action = ServerAction::<SendActivations>::new();
    view! {
        <ActionForm action attr:class="card letters-form">
            <h2>{tr(Key::SendActivations)}</h2>
            <p class="hint">{tr(Key::ActivationsHint)}</p>
            <div class="field">
                <label for="activation-class">{tr(Key::ClassFilter)}</label>
                <select id="activation-class" name="class" required>
                    {classes.into_iter().map(|class| view! {
                        <option value=class.id.to_string() selected=chosen == Some(class.id)>
                            {class.name}
                        </option>
                    }).collect_view()}
                </select>
            </div>
            <SubmitButton label=Key::SendActivations/>
            <FormError action/>
        </ActionForm>
    }
}

#[component]
fn PupilLine(pupil: PupilRow) -> impl IntoView {
    let name = pupil.name();
    let href = format!("/beheer/leerlingen/{}", pupil.username);
    let select_label = tr_fill(Key::SelectPupil, &[&name]);
    let state = pupil.people.first().map(|person| person.state);
    let co_accounts: Vec<_> = pupil.people.iter().skip(1).cloned().collect();
    view! {
        <tr>
            <td><input type="checkbox" name="leerling" value=pupil.username.clone() aria-label=select_label/></td>
            <td><a href=href>{name}</a></td>
            <td>{pupil.username.clone()}</td>
            <td>{pupil.class.clone().unwrap_or_default()}</td>
            <td>{state.map(state_badge)}</td>
            <td>
                <ul class="plain">
                    {co_accounts.into_iter().map(|person| view! {
                        <li>
                            {person.name}
                            {person.relation.map(|relation| format!(" ({relation})"))}
                            " "{state_badge(person.state)}
                        </li>
                    }).collect_view()}
                </ul>
            </td>
        </tr>
    }
}
