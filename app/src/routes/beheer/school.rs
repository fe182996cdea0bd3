//! The school's setup: the settings (maximum of co-accounts, the school addresses), the staff
//! (teachers and admins, each with a "Nieuw startwachtwoord" letter), and the classes with their
//! class teacher and courses. Every form is a plain form to a server function.

use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

use super::{state_badge, BeheerTabs};
use crate::components::{module_page, Address, FormError, PageQuery, SubmitButton, Typed};
use crate::functions::beheer::{
    load_school_setup, AddClass, AddCourse, AddStaff, SaveSettings, SetClassTeacher,
    SetCourseTeacher,
};
use crate::i18n::{tr, tr_fill, use_lang, Key};
use crate::models::{AddressKind, ClassRow, Module, SchoolSetup, StaffRow};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolQuery {
    saved: bool,
    new_staff: Option<String>,
}

impl PageQuery for SchoolQuery {
    fn read(address: &Address) -> Self {
        SchoolQuery {
            saved: address.query("bewaard").is_some(),
            new_staff: address.query("nieuw").filter(|name| !name.is_empty()),
        }
    }
}

#[component]
pub fn SchoolSetupPage() -> impl IntoView {
    module_page(
        Module::Beheer,
        |_: SchoolQuery| load_school_setup(),
        |setup, query| view! { <Setup setup query/> }.into_any(),
    )
}

fn address_key(kind: AddressKind) -> Key {
    match kind {
        AddressKind::Secretariaat => Key::AddressSecretariaat,
        AddressKind::Directie => Key::AddressDirectie,
        AddressKind::Zorg => Key::AddressZorg,
    }
}

/// A choice of the school's staff by username, `chosen` selected; `none` offers "nobody".
fn staff_options(staff: &[StaffRow], chosen: Option<&str>, none: bool) -> impl IntoView {
    view! {
        {none.then(|| view! { <option value="">{tr(Key::NobodyWord)}</option> })}
        {staff.iter().map(|member| view! {
            <option value=member.username.clone() selected=chosen == Some(member.username.as_str())>
                {format!("{} ({})", member.person.name, member.username)}
            </option>
        }).collect_view()}
    }
}

#[component]
fn Setup(setup: SchoolSetup, query: SchoolQuery) -> impl IntoView {
    let settings = ServerAction::<SaveSettings>::new();
    let max_co_accounts =
        Typed::of::<SaveSettings>().or("max_co_accounts", setup.max_co_accounts.to_string());
    let staff = setup.staff.clone();
    view! {
        <Title text=tr(Key::BeheerSchoolTab)/>
        <h1>{tr(Key::BeheerSchoolTab)}</h1>
        <BeheerTabs current="/beheer/school"/>
        {query.saved.then(|| view! { <p class="notice" role="status">{tr(Key::SavedWord)}</p> })}
        {query.new_staff.clone().map(|username| view! {
            <p class="notice" role="status">{tr_fill(Key::StaffAdded, &[&username])}</p>
        })}
        <section class="card" aria-labelledby="settings-title">
            <h2 id="settings-title">{tr(Key::SettingsTitle)}</h2>
            <ActionForm action=settings>
                <div class="field">
                    <label for="max-co-accounts">{tr(Key::MaxCoAccountsLabel)}</label>
                    <input id="max-co-accounts" name="max_co_accounts" type="number" min="1" max="6" required
                        value=max_co_accounts aria-describedby="max-hint"/>
                    <span id="max-hint" class="hint">{tr(Key::MaxCoAccountsHint)}</span>
                </div>
                {setup.addresses.iter().map(|(kind, chosen)| {
                    let staff = staff.clone();
                    let id = format!("address-{}", kind.code());
                    view! {
                        <div class="field">
                            <label for=id.clone()>{tr(address_key(*kind))}</label>
                            <select id=id name=kind.code()>
                                {staff_options(&staff, chosen.as_deref(), true)}
                            </select>
                        </div>
                    }
                }).collect_view()}
                <SubmitButton label=Key::SaveWord/>
                <FormError action=settings/>
            </ActionForm>
        </section>
        <section class="card" id="personeel" aria-labelledby="staff-title">
            <h2 id="staff-title">{tr(Key::StaffTitle)}</h2>
            <div class="table-wrap">
                <table class="staff">
                    <thead>
                        <tr>
                            <th scope="col">{tr(Key::NameCol)}</th>
                            <th scope="col">{tr(Key::UsernameLabel)}</th>
                            <th scope="col">{tr(Key::RoleCol)}</th>
                            <th scope="col">{tr(Key::StateCol)}</th>
                            <th scope="col"><span class="visually-hidden">{tr(Key::NewStartPassword)}</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        {setup.staff.iter().cloned().map(|member| view! { <StaffLine member/> }).collect_view()}
                    </tbody>
                </table>
            </div>
            <AddStaffForm/>
        </section>
        <section class="card" id="klassen" aria-labelledby="classes-title">
            <h2 id="classes-title">{tr(Key::ClassesTitle)}</h2>
            {setup.classes.into_iter().map(|class| view! { <ClassBlock class staff=setup.staff.clone()/> }).collect_view()}
            <AddClassForm/>
        </section>
    }
}

#[component]
fn StaffLine(member: StaffRow) -> impl IntoView {
    let lang = use_lang();
    let label = tr_fill(Key::NewStartPasswordFor, &[&member.person.name]);
    view! {
        <tr>
            <td>{member.person.name.clone()}</td>
            <td>{member.username.clone()}</td>
            <td>{tr(if member.admin { Key::RoleAdmin } else { Key::RoleTeacher })}</td>
            <td>{state_badge(member.person.state)}</td>
            <td>
                <form method="post" action="/beheer/brieven">
                    <input type="hidden" name="persoon" value=member.person.id.to_string()/>
                    <input type="hidden" name="taal" value=lang.code()/>
                    <button type="submit" aria-label=label>{tr(Key::NewStartPassword)}</button>
                </form>
            </td>
        </tr>
    }
}

#[component]
fn AddStaffForm() -> impl IntoView {
    let action = ServerAction::<AddStaff>::new();
    let typed = Typed::of::<AddStaff>();
    view! {
        <ActionForm action attr:class="inline-form">
            <h3>{tr(Key::AddStaffTitle)}</h3>
            <div class="field">
                <label for="staff-first">{tr(Key::FirstNameLabel)}</label>
                <input id="staff-first" name="first_name" value=typed.or("first_name", "") required maxlength="80" autocomplete="off"/>
            </div>
            <div class="field">
                <label for="staff-last">{tr(Key::LastNameLabel)}</label>
                <input id="staff-last" name="last_name" value=typed.or("last_name", "") required maxlength="80" autocomplete="off"/>
            </div>
            <label class="check"><input type="checkbox" name="admin" value="1" checked=typed.chose("admin", "1", false)/>" "{tr(Key::AlsoAdmin)}</label>
            <SubmitButton label=Key::AddWord/>
            <FormError action/>
        </ActionForm>
    }
}

#[component]
fn AddClassForm() -> impl IntoView {
    let action = ServerAction::<AddClass>::new();
    let typed = Typed::of::<AddClass>();
    view! {
        <ActionForm action attr:class="inline-form">
            <h3>{tr(Key::AddClassTitle)}</h3>
            <div class="field">
                <label for="class-name">{tr(Key::ClassFilter)}</label>
                <input id="class-name" name="name" value=typed.or("name", "") required maxlength="40" autocomplete="off"/>
            </div>
            <SubmitButton label=Key::AddWord/>
            <FormError action/>
        </ActionForm>
    }
}

#[component]
fn ClassBlock(class: ClassRow, staff: Vec<StaffRow>) -> impl IntoView {
    let class_teacher = ServerAction::<SetClassTeacher>::new();
    let add_course = ServerAction::<AddCourse>::new();
    let teacher_id = format!("class-teacher-{}", class.id);
    let course_id = format!("course-name-{}", class.id);
    let course_teacher_id = format!("course-teacher-{}", class.id);
    let heading = tr_fill(
        Key::ClassWithCount,
        &[&class.name, &class.pupils.to_string()],
    );
    let teacher_label = tr_fill(Key::ClassTeacherOf, &[&class.name]);
    let course_label = tr_fill(Key::NewCourseFor, &[&class.name]);
    let class_id = class.id;
    let teachers = staff_options(&staff, class.teacher.as_deref(), true);
    let typed_course = Typed::of::<AddCourse>().for_row("class", &class_id.to_string());
    let course_teacher = typed_course.or("teacher", "");
    let course_teachers = staff_options(
        &staff,
        Some(course_teacher.as_str()).filter(|chosen| !chosen.is_empty()),
        false,
    );
    view! {
        <div class="class-block">
            <h3>{heading}</h3>
            <ActionForm action=class_teacher attr:class="inline-form">
                <input type="hidden" name="class" value=class_id.to_string()/>
                <div class="field">
                    <label for=teacher_id.clone()>{teacher_label}</label>
                    <select id=teacher_id name="teacher">
                        {teachers}
                    </select>
                </div>
                <SubmitButton label=Key::SaveWord/>
                <FormError action=class_teacher row=("class", class_id.to_string())/>
            </ActionForm>
            {(!class.courses.is_empty()).then(|| view! {
                <ul class="plain courses">
                    {class.courses.iter().cloned().map(|course| view! { <CourseLine course staff=staff.clone()/> }).collect_view()}
                </ul>
            })}
            <ActionForm action=add_course attr:class="inline-form">
                <input type="hidden" name="class" value=class_id.to_string()/>
                <div class="field">
                    <label for=course_id.clone()>{course_label}</label>
                    <input id=course_id name="name" value=typed_course.or("name", "") required maxlength="80" autocomplete="off"/>
                </div>
                <div class="field">
                    <label for=course_teacher_id.clone()>{tr(Key::TeacherWord)}</label>
                    <select id=course_teacher_id name="teacher" required>
                        {course_teachers}
                    </select>
                </div>
                <SubmitButton label=Key::AddWord/>
                <FormError action=add_course row=("class", class_id.to_string())/>
            </ActionForm>
        </div>
    }
}

#[component]
fn CourseLine(course: crate::models::CourseRow, staff: Vec<StaffRow>) -> impl IntoView {
    let action = ServerAction::<SetCourseTeacher>::new();
    let id = format!("course-{}", course.id);
    view! {
        <li>
            <ActionForm action attr:class="inline-form">
                <input type="hidden" name="course" value=course.id.to_string()/>
                <div class="field">
                    <label for=id.clone()>{tr_fill(Key::TeacherOfCourse, &[&course.name])}</label>
                    <select id=id name="teacher">
                        {staff_options(&staff, Some(&course.teacher), false)}
                    </select>
                </div>
                <SubmitButton label=Key::SaveWord/>
                <FormError action row=("course", course.id.to_string())/>
            </ActionForm>
        </li>
    }
}
