//! One pupil in Beheer: the people of the username, where each stands, and what an admin does
//! for one person: a new start password (with its letter), disable with a reason, enable.

use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

use super::state_badge;
use crate::components::{module_page, when, Address, FormError, PageQuery, SubmitButton, Typed};
use crate::functions::beheer::{
    beheer_pupil, AddCoAccount, ErasePupil, RemoveCoAccount, SetPersonEnabled, SetPupilMaximum,
    SetRelation,
};
use crate::i18n::{short_date, tr, tr_fill, use_lang, Key, Lang};
use crate::models::{Module, PersonRow, PersonState, PupilRow};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PupilQuery {
    username: String,
}

impl PageQuery for PupilQuery {
    fn read(address: &Address) -> Self {
        PupilQuery {
            username: address.param("username").unwrap_or_default(),
        }
    }
}

#[component]
pub fn BeheerPupilPage() -> impl IntoView {
    module_page(
        Module::Beheer,
        |query: PupilQuery| beheer_pupil(query.username),
        |pupil, _| view! { <Pupil pupil/> }.into_any(),
    )
}

#[component]
fn Pupil(pupil: PupilRow) -> impl IntoView {
    let lang = use_lang();
    let name = pupil.name();
    let all_disabled = pupil
        .people
        .iter()
        .all(|person| person.state == PersonState::Disabled && !person.erased);
    view! {
        <Title text=name.clone()/>
        <p><a href="/beheer/leerlingen">{tr(Key::BeheerPupilsTab)}</a></p>
        <h1>{name.clone()}</h1>
        <dl class="facts card">
            <dt>{tr(Key::UsernameLabel)}</dt><dd>{pupil.username.clone()}</dd>
            <dt>{tr(Key::ClassFilter)}</dt><dd>{pupil.class.clone().unwrap_or_default()}</dd>
            <dt>{tr(Key::ExternalIdLabel)}</dt><dd>{pupil.external_id.clone().unwrap_or_default()}</dd>
            <dt>{tr(Key::BirthDateLabel)}</dt><dd>{pupil.birth_date.map(|date| short_date(lang, date))}</dd>
        </dl>
        <h2>{tr(Key::PeopleTitle)}</h2>
        {pupil.people.into_iter().map(|person| view! { <Person person lang/> }).collect_view()}
        {all_disabled.then(|| view! { <EraseForm username=pupil.username.clone() name/> })}
        <AddCoAccountForm username=pupil.username.clone()/>
        <MaximumForm username=pupil.username.clone() maximum=pupil.max_co_accounts/>
    }
}

#[component]
fn Person(person: PersonRow, lang: Lang) -> impl IntoView {
    let heading = match &person.relation {
        Some(relation) => format!("{} ({relation})", person.name),
        None => person.name.clone(),
    };
    let disabled = person.state == PersonState::Disabled;
    let reason = if person.left_school {
        Some(tr(Key::ReasonLeftSchool).to_owned())
    } else if person.removed {
        Some(tr(Key::ReasonRemoved).to_owned())
    } else if person.erased {
        Some(tr(Key::ReasonErased).to_owned())
    } else {
        person.disabled_reason.clone()
    };
    let email = person.email.clone().map(|email| {
        let confirmed = tr(if person.email_confirmed {
            Key::EmailConfirmedWord
        } else {
            Key::EmailUnconfirmedWord
        });
        format!("{email} ({confirmed})")
    });
    let id = person.id.to_string();
    view! {
        <section class="card person">
            <h3>{heading.clone()}" "{state_badge(person.state)}</h3>
            <dl class="facts">
                {reason.map(|reason| view! { <dt>{tr(Key::ReasonLabel)}</dt><dd>{reason}</dd> })}
                <dt>{tr(Key::EmailWord)}</dt><dd>{email.unwrap_or_else(|| tr(Key::NoneWord).to_owned())}</dd>
                <dt>{tr(Key::LastSignIn)}</dt>
                <dd>{person.last_sign_in.map_or_else(|| tr(Key::NeverWord).to_owned(), |at| when(lang, at))}</dd>
                <dt>{tr(Key::LetterMade)}</dt>
                <dd>{person.letter_at.map_or_else(|| tr(Key::NeverWord).to_owned(), |at| when(lang, at))}</dd>
            </dl>
            <div class="actions">
                {(!disabled).then(|| view! {
                    <form method="post" action="/beheer/brieven">
                        <input type="hidden" name="persoon" value=id.clone()/>
                        <input type="hidden" name="taal" value=lang.code()/>
                        <button type="submit" aria-label=tr_fill(Key::NewStartPasswordFor, &[&heading])>
                            {tr(Key::NewStartPassword)}
                        </button>
                    </form>
                })}
                {(person.state == PersonState::Locked).then(|| view! {
                    <EnableForm id=id.clone() disabled=true label=Key::UnlockWord heading=heading.clone() idx=person.idx/>
                })}
                <EnableForm id=id.clone() disabled label=Key::EnableWord heading=heading.clone() idx=person.idx/>
            </div>
            {(person.idx != 0 && !person.removed).then(|| view! {
                <div class="actions">
                    <RelationForm id=id.clone() relation=person.relation.clone().unwrap_or_default() heading=heading.clone() idx=person.idx/>
                    <RemoveForm id=id.clone() heading=heading.clone()/>
                </div>
            })}
        </section>
    }
}

#[component]
fn EnableForm(id: String, disabled: bool, label: Key, heading: String, idx: i16) -> impl IntoView {
    let action = ServerAction::<SetPersonEnabled>::new();
    let reason = Typed::of::<SetPersonEnabled>()
        .for_row("person", &id)
        .or("reason", "");
    let reason_id = format!("reason-{idx}");
    let row = id.clone();
    view! {
        <ActionForm action>
            <input type="hidden" name="person" value=id/>
            <input type="hidden" name="enable" value=disabled.to_string()/>
            {if disabled {
                view! { <SubmitButton label/> }.into_any()
            } else {
                view! {
                    <div class="field">
                        <label for=reason_id.clone()>{tr_fill(Key::DisableReasonFor, &[&heading])}</label>
                        <input id=reason_id name="reason" value=reason.clone() maxlength="200" required/>
                    </div>
                    <SubmitButton label=Key::DisableWord/>
                }.into_any()
            }}
            <FormError action row=("person", row)/>
        </ActionForm>
    }
}

#[component]
fn EraseForm(username: String, name: String) -> impl IntoView {
    let action = ServerAction::<ErasePupil>::new();
    view! {
        <section class="card">
            <h2>{tr(Key::EraseTitle)}</h2>
            <p>{tr(Key::EraseHint)}</p>
            <ActionForm action>
                <input type="hidden" name="username" value=username/>
                <SubmitButton label=Key::EraseTitle class="secondary" aria_label=tr_fill(Key::EraseFor, &[&name])/>
                <FormError action/>
            </ActionForm>
        </section>
    }
}

#[component]
fn RelationForm(id: String, relation: String, heading: String, idx: i16) -> impl IntoView {
    let action = ServerAction::<SetRelation>::new();
    let relation = Typed::of::<SetRelation>()
        .for_row("person", &id)
        .or("relation", relation);
    let row = id.clone();
    let field = format!("relation-{idx}");
    view! {
        <ActionForm action>
            <input type="hidden" name="person" value=id/>
            <div class="field">
                <label for=field.clone()>{tr_fill(Key::RelationOf, &[&heading])}</label>
                <input id=field name="relation" value=relation required maxlength="40"/>
            </div>
            <SubmitButton label=Key::SaveWord/>
            <FormError action row=("person", row)/>
        </ActionForm>
    }
}

#[component]
fn RemoveForm(id: String, heading: String) -> impl IntoView {
    let action = ServerAction::<RemoveCoAccount>::new();
    let row = id.clone();
    view! {
        <ActionForm action>
            <input type="hidden" name="person" value=id/>
            <p class="hint">{tr(Key::RemoveCoAccountHint)}</p>
            <SubmitButton label=Key::RemoveCoAccount class="secondary" aria_label=tr_fill(Key::RemoveCoAccountFor, &[&heading])/>
            <FormError action row=("person", row)/>
        </ActionForm>
    }
}

#[component]
fn AddCoAccountForm(username: String) -> impl IntoView {
    let action = ServerAction::<AddCoAccount>::new();
    let typed = Typed::of::<AddCoAccount>();
    view! {
        <section class="card">
            <h2>{tr(Key::AddCoAccountTitle)}</h2>
            <ActionForm action attr:class="inline-form">
                <input type="hidden" name="username" value=username/>
                <div class="field">
                    <label for="co-first">{tr(Key::FirstNameLabel)}</label>
                    <input id="co-first" name="first_name" value=typed.or("first_name", "") required maxlength="80" autocomplete="off"/>
                </div>
                <div class="field">
                    <label for="co-last">{tr(Key::LastNameLabel)}</label>
                    <input id="co-last" name="last_name" value=typed.or("last_name", "") maxlength="80" autocomplete="off"/>
                </div>
                <div class="field">
                    <label for="co-relation">{tr(Key::ReasonRelationLabel)}</label>
                    <input id="co-relation" name="relation" value=typed.or("relation", "") required maxlength="40" placeholder="moeder"/>
                </div>
                <div class="field">
                    <label for="co-email">{tr(Key::EmailWord)}</label>
                    <input id="co-email" name="email" type="email" value=typed.or("email", "") maxlength="254" autocomplete="off"/>
                </div>
                <SubmitButton label=Key::AddWord/>
                <FormError action/>
            </ActionForm>
        </section>
    }
}

#[component]
fn MaximumForm(username: String, maximum: Option<i32>) -> impl IntoView {
    let action = ServerAction::<SetPupilMaximum>::new();
    let maximum = Typed::of::<SetPupilMaximum>().or(
        "maximum",
        maximum
            .map(|maximum| maximum.to_string())
            .unwrap_or_default(),
    );
    view! {
        <section class="card">
            <h2>{tr(Key::PupilMaximumTitle)}</h2>
            <ActionForm action attr:class="inline-form">
                <input type="hidden" name="username" value=username/>
                <div class="field">
                    <label for="pupil-maximum">{tr(Key::MaxCoAccountsLabel)}</label>
                    <input id="pupil-maximum" name="maximum" type="number" min="1" max="6"
                        value=maximum
                        aria-describedby="pupil-maximum-hint"/>
                    <span id="pupil-maximum-hint" class="hint">{tr(Key::PupilMaximumHint)}</span>
                </div>
                <SubmitButton label=Key::SaveWord/>
                <FormError action/>
            </ActionForm>
        </section>
    }
}
