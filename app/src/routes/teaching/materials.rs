//! "Vakken beheren": a teacher keeps the documents and links of a course they give, in the order
//! families see them in Vakken. A file goes up as a plain multipart post to the server
//! (`/vakken/materiaal`), which comes back here with what it did, as "Mijn documenten" does.

use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

use super::{done_notice, UploadOutcome};
use crate::components::{
    file_limit_hint, file_size, module_page, Address, FormError, PageQuery, SubmitButton, Typed,
};
use crate::functions::courses::{
    load_material_plan, AddMaterialLink, MoveMaterial, RemoveMaterial,
};
use crate::i18n::{tr, tr_fill, use_lang, Key};
use crate::models::{Material, MaterialKind, MaterialPlan, Module};

/// Where the materials of a course are kept.
const MATERIALS_PAGE: &str = "/vakken/beheren";

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaterialsQuery {
    course: Option<i32>,
    saved: bool,
    moved: bool,
    removed: bool,
    upload: UploadOutcome,
}

impl PageQuery for MaterialsQuery {
    fn read(address: &Address) -> Self {
        MaterialsQuery {
            course: address.query("vak").and_then(|text| text.parse().ok()),
            saved: address.query("bewaard").is_some(),
            moved: address.query("verplaatst").is_some(),
            removed: address.query("verwijderd").is_some(),
            upload: UploadOutcome::read(address),
        }
    }
}

#[component]
pub fn MaterialsPage() -> impl IntoView {
    module_page(
        Module::Courses,
        |query: MaterialsQuery| load_material_plan(query.course),
        |plan, query| view! { <Materials plan query/> }.into_any(),
    )
}

#[component]
fn Materials(plan: MaterialPlan, query: MaterialsQuery) -> impl IntoView {
    let chosen = plan.course.as_ref().map(|course| course.id);
    let upload = query.upload.notice();
    view! {
        <Title text=tr(Key::MaterialsManageTitle)/>
        <h1>{tr(Key::MaterialsManageTitle)}</h1>
        {upload}
        {done_notice(query.saved, Key::SavedWord)}
        {done_notice(query.moved, Key::MovedWord)}
        {done_notice(query.removed, Key::RemovedWord)}
        {if plan.teaching.courses.is_empty() {
            view! { <p class="empty">{tr(Key::NoCoursesTaught)}</p> }.into_any()
        } else {
            view! {
                <form method="get" action=MATERIALS_PAGE class="inline-form">
                    <div class="field">
                        <label for="materials-course">{tr(Key::CourseLabel)}</label>
                        <select id="materials-course" name="vak">
                            {plan.teaching.courses.iter().map(|course| view! {
                                <option value=course.id.to_string() selected=chosen == Some(course.id)>{course.label()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <button type="submit">{tr(Key::ShowWord)}</button>
                </form>
            }.into_any()
        }}
        {plan.course.clone().map(|course| view! {
            <section class="card" aria-labelledby="file-form-title">
                <h2 id="file-form-title">{tr(Key::AddFileTitle)}" · "{course.label()}</h2>
                <FileForm course=course.id/>
            </section>
            <section class="card" aria-labelledby="link-form-title">
                <h2 id="link-form-title">{tr(Key::AddLinkTitle)}" · "{course.label()}</h2>
                <LinkForm course=course.id/>
            </section>
            <section id="materiaal" aria-labelledby="materials-title">
                <h2 id="materials-title">{tr(Key::MaterialsTitle)}</h2>
                <MaterialList materials=plan.materials.clone()/>
            </section>
        })}
    }
}

/// A plain multipart post: it works before the wasm has loaded, and a file never passes through
/// a server function.
#[component]
fn FileForm(course: i32) -> impl IntoView {
    view! {
        <form method="post" action="/vakken/materiaal" enctype="multipart/form-data">
            <input type="hidden" name="course" value=course.to_string()/>
            <div class="field">
                <label for="file-title">{tr(Key::TitleLabel)}</label>
                <input id="file-title" name="title" maxlength="200" aria-describedby="file-title-hint"/>
                <span id="file-title-hint" class="hint">{tr(Key::FileTitleHint)}</span>
            </div>
            <div class="field">
                <label for="file-file">{tr(Key::FileLabel)}</label>
                <input id="file-file" name="file" type="file" required aria-describedby="file-size-hint"/>
                <span id="file-size-hint" class="hint">{file_limit_hint()}</span>
            </div>
            <button type="submit">{tr(Key::Upload)}</button>
        </form>
    }
}

#[component]
fn LinkForm(course: i32) -> impl IntoView {
    let action = ServerAction::<AddMaterialLink>::new();
    let typed = Typed::of::<AddMaterialLink>();
    view! {
        <ActionForm action>
            <input type="hidden" name="course" value=course.to_string()/>
            <div class="field">
                <label for="link-title">{tr(Key::TitleLabel)}</label>
                <input id="link-title" name="title" required maxlength="200" value=typed.or("title", "")/>
            </div>
            <div class="field">
                <label for="link-url">{tr(Key::LinkLabel)}</label>
                <input id="link-url" name="url" type="url" required maxlength="2000" placeholder="https://" value=typed.or("url", "")/>
            </div>
            <SubmitButton label=Key::AddWord/>
            <FormError action/>
        </ActionForm>
    }
}

#[component]
fn MaterialList(materials: Vec<Material>) -> impl IntoView {
    if materials.is_empty() {
        return view! { <p class="empty">{tr(Key::NoMaterials)}</p> }.into_any();
    }
    let last = materials.len() - 1;
    view! {
        <ol class="materials managed">
            {materials.into_iter().enumerate().map(|(index, material)| view! {
                <MaterialLine material first=index == 0 last=index == last/>
            }).collect_view()}
        </ol>
    }
    .into_any()
}

#[component]
fn MaterialLine(material: Material, first: bool, last: bool) -> impl IntoView {
    let lang = use_lang();
    let remove = ServerAction::<RemoveMaterial>::new();
    let what = match &material.kind {
        MaterialKind::Link { url } => url.clone(),
        MaterialKind::File { name, size } => format!("{name} · {}", file_size(lang, *size)),
    };
    let (id, title) = (material.id, material.title.clone());
    view! {
        <li class="material">
            <span class="item-main">
                <strong>{material.title.clone()}</strong>
                <span class="muted">{what}</span>
            </span>
            <span class="item-actions">
                {(!first).then(|| view! { <MoveForm id title=title.clone() up=true/> })}
                {(!last).then(|| view! { <MoveForm id title=title.clone() up=false/> })}
                <ActionForm action=remove attr:class="inline">
                    <input type="hidden" name="id" value=id.to_string()/>
                    <button type="submit" class="link-button" aria-label=tr_fill(Key::RemoveNamed, &[&title])>
                        {tr(Key::RemoveWord)}
                    </button>
                </ActionForm>
            </span>
            <FormError action=remove row=("id", id.to_string())/>
        </li>
    }
}

/// One place up or down, named with the material for screen readers.
#[component]
fn MoveForm(id: i32, title: String, up: bool) -> impl IntoView {
    let action = ServerAction::<MoveMaterial>::new();
    let (direction, word, named) = if up {
        ("up", Key::MoveUpWord, Key::MoveUpNamed)
    } else {
        ("down", Key::MoveDownWord, Key::MoveDownNamed)
    };
    view! {
        <ActionForm action attr:class="inline">
            <input type="hidden" name="id" value=id.to_string()/>
            <input type="hidden" name="direction" value=direction/>
            <button type="submit" class="link-button" aria-label=tr_fill(named, &[&title])>{tr(word)}</button>
        </ActionForm>
        <FormError action row=("id", id.to_string())/>
    }
}
