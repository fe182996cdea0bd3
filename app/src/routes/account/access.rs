//! "Wie kan mijn kind zien?": for a pupil and each parent, everyone who can see the child (the
//! pupil, the co-accounts and whether they are in use, families the child is linked into, the
//! teachers and the school's admins), and for the person's own account the last sign-ins and the
//! open sessions, each with a button that signs that browser out. Plain forms: they work before
//! the wasm has loaded.

use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

use crate::components::{module_page, when, Address, FormError, PageQuery};
use crate::functions::access::{load_access, EndOtherSessions, EndSession};
use crate::i18n::{tr, tr_fill, use_lang, Key};
use crate::models::{
    AccessOverview, ChildAccess, Module, OpenSession, SignInRow, StaffWatcher, Watcher,
};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessQuery {
    ended: bool,
}

impl PageQuery for AccessQuery {
    fn read(address: &Address) -> Self {
        AccessQuery {
            ended: address.query("beeindigd").is_some(),
        }
    }
}

#[component]
pub fn AccessPage() -> impl IntoView {
    module_page(
        Module::Profile,
        |_: AccessQuery| load_access(),
        |overview, query| view! { <Access overview ended=query.ended/> }.into_any(),
    )
}

#[component]
fn Access(overview: AccessOverview, ended: bool) -> impl IntoView {
    let title = match overview.children.as_slice() {
        [] => tr(Key::SignInsTitle),
        [only] if only.pupil.you => tr(Key::AccessTitlePupil),
        _ => tr(Key::AccessTitle),
    };
    view! {
        <Title text=title/>
        <h1>{title}</h1>
        <p><a href="/start">{tr(Key::AccountNav)}</a></p>
        {ended.then(|| view! {
            <p class="notice" role="status">
                {tr(Key::SessionEnded)} " "
                <a href="/wachtwoord-wijzigen">{tr(Key::ChangePasswordLink)}</a>
            </p>
        })}
        {(!overview.children.is_empty()).then(|| view! { <p>{tr(Key::AccessIntro)}</p> })}
        {overview.children.into_iter().map(|child| view! { <Child child/> }).collect_view()}
        <SignIns sign_ins=overview.sign_ins/>
        <Sessions sessions=overview.sessions/>
    }
}

#[component]
fn Child(child: ChildAccess) -> impl IntoView {
    let heading = format!("access-{}", child.child.id);
    let labelled_by = heading.clone();
    let name = format!("{} · {}", child.child.display_name, child.child.school.name);
    let own = std::iter::once(child.pupil)
        .chain(child.co_accounts)
        .collect::<Vec<_>>();
    let family = child.family;
    let teachers = child.teachers;
    let admins = child.admins;
    view! {
        <section class="card access" aria-labelledby=labelled_by>
            <h2 id=heading>{name}</h2>
            <h3>{tr(Key::AccessOwnAccounts)}</h3>
            <ul class="plain-list">
                {own.into_iter().map(|watcher| view! { <WatcherItem watcher/> }).collect_view()}
            </ul>
            {(!family.is_empty()).then(|| view! {
                <h3>{tr(Key::AccessFamily)}</h3>
                <p class="hint">{tr(Key::AccessFamilyHint)}</p>
                <ul class="plain-list">
                    {family.into_iter().map(|watcher| view! { <WatcherItem watcher/> }).collect_view()}
                </ul>
            })}
            <h3>{tr(Key::AccessTeachers)}</h3>
            <StaffList staff=teachers/>
            <h3>{tr(Key::AccessAdmins)}</h3>
            <StaffList staff=admins/>
        </section>
    }
}

#[component]
fn WatcherItem(watcher: Watcher) -> impl IntoView {
    let role = match (&watcher.relation, &watcher.school) {
        (Some(relation), Some(school)) => tr_fill(Key::AccessFamilyMember, &[relation, school]),
        (Some(relation), None) => relation.clone(),
        (None, _) => tr(Key::AccessPupil).to_owned(),
    };
    view! {
        <li class="watcher">
            <strong>{watcher.name}</strong>
            {watcher.you.then(|| view! { " " <span class="badge">{tr(Key::AccessYou)}</span> })}
            " · " {role} " · " <span class="state">{tr(watcher.state.key())}</span>
        </li>
    }
}

#[component]
fn StaffList(staff: Vec<StaffWatcher>) -> impl IntoView {
    if staff.is_empty() {
        return view! { <p class="empty">{tr(Key::AccessNobody)}</p> }.into_any();
    }
    view! {
        <ul class="plain-list">
            {staff.into_iter().map(|person| {
                let mut what: Vec<String> = Vec::new();
                if person.class_teacher {
                    what.push(tr(Key::ClassTeacher).to_owned());
                }
                what.extend(person.courses);
                view! {
                    <li>
                        <strong>{person.name}</strong>
                        {(!what.is_empty()).then(|| format!(" · {}", what.join(", ")))}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn SignIns(sign_ins: Vec<SignInRow>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="card" aria-labelledby="sign-ins-title">
            <h2 id="sign-ins-title">{tr(Key::SignInsRecent)}</h2>
            {if sign_ins.is_empty() {
                view! { <p class="empty">{tr(Key::SignInsNone)}</p> }.into_any()
            } else {
                view! {
                    <table class="sign-ins">
                        <thead><tr><th scope="col">{tr(Key::WhenWord)}</th><th scope="col">{tr(Key::DeviceWord)}</th></tr></thead>
                        <tbody>
                            {sign_ins.into_iter().map(|row| view! {
                                <tr><td>{when(lang, row.at)}</td><td>{row.device.describe()}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn Sessions(sessions: Vec<OpenSession>) -> impl IntoView {
    let end_others = ServerAction::<EndOtherSessions>::new();
    let others = sessions
        .iter()
        .filter(|session| !session.this_device)
        .count();
    view! {
        <section class="card" id="sessies" aria-labelledby="sessions-title">
            <h2 id="sessions-title">{tr(Key::SessionsTitle)}</h2>
            <ul class="plain-list sessions">
                {sessions.into_iter().map(|session| view! { <SessionItem session/> }).collect_view()}
            </ul>
            {(others > 1).then(|| view! {
                <ActionForm action=end_others>
                    <button type="submit" class="secondary">{tr(Key::EndOtherSessions)}</button>
                </ActionForm>
                <FormError action=end_others/>
            })}
            <p class="hint">
                {tr(Key::UnknownSignIn)} " "
                <a href="/wachtwoord-wijzigen">{tr(Key::ChangePasswordLink)}</a>
            </p>
        </section>
    }
}

#[component]
fn SessionItem(session: OpenSession) -> impl IntoView {
    let lang = use_lang();
    let end = ServerAction::<EndSession>::new();
    let device = session.device.describe();
    let last_used = when(lang, session.last_used);
    let details = tr_fill(
        Key::SessionDetails,
        &[&when(lang, session.started), &last_used],
    );
    let end_label = tr_fill(Key::EndSessionNamed, &[&device, &last_used]);
    let row = session.handle.clone();
    view! {
        <li class="session">
            <strong>{device}</strong>
            {session.this_device.then(|| view! { " " <span class="badge">{tr(Key::ThisDevice)}</span> })}
            <br/>
            <span class="hint">{details}</span>
            {session.kept.then(|| view! { " · " <span class="hint">{tr(Key::SessionKept)}</span> })}
            {(!session.this_device).then(|| view! {
                <ActionForm action=end attr:class="inline">
                    <input type="hidden" name="session" value=session.handle.clone()/>
                    <button type="submit" class="secondary" aria-label=end_label>{tr(Key::EndSession)}</button>
                </ActionForm>
                <FormError action=end row=("session", row)/>
            })}
        </li>
    }
}
