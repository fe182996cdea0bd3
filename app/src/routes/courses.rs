//! "Vakken": each course with its teacher and materials (links, and files to download).

use leptos::prelude::*;

use crate::components::{file_size, module_page, ModuleHeading, PupilQuery};
use crate::functions::school::load_courses;
use crate::i18n::{tr, tr_fill, use_lang, Key};
use crate::models::{MaterialKind, Module};

#[component]
pub fn CoursesPage() -> impl IntoView {
    module_page(
        Module::Courses,
        |page: PupilQuery| load_courses(page.pupil.id()),
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
                                <p class="muted">{tr_fill(Key::TeacherIs, &[&course.teacher])}</p>
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
                                                        <a href=page.pupil.href(&format!("/vakken/bestand/{}", material.id)) download=name.clone()>
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
