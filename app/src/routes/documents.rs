//! "Mijn documenten": upload is a plain multipart form to the server, so it works without wasm.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::{file_limit_hint, file_size, module_page, SubmitButton};
use crate::functions::documents::{my_documents, DeleteDocument};
use crate::i18n::{short_date, tr, tr_fill, use_lang, Key, Lang};
use crate::models::{Document, Module};
use crate::outcome::{Form, Outcome};

#[component]
pub fn DocumentsPage() -> impl IntoView {
    module_page(
        Module::MyDocuments,
        |()| my_documents(),
        |documents, ()| view! { <Documents documents/> }.into_any(),
    )
}

#[component]
fn Documents(documents: Vec<Document>) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    // Reactive: a deletion with wasm navigates to `?verwijderd=…` without reloading the page.
    let notice = move || {
        let outcome =
            query.with(|query| Outcome::parse(Form::Documents, |name| query.get(name)))?;
        let key = outcome.key()?;
        Some(if outcome.is_problem() {
            ("form-error", "alert", key)
        } else {
            ("notice", "status", key)
        })
    };
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
            >
                <div class="field">
                    <label for="document-file">{tr(Key::FileLabel)}</label>
                    <input id="document-file" name="file" type="file" required aria-describedby="document-hint"/>
                    <span id="document-hint" class="hint">{file_limit_hint()}</span>
                </div>
                <SubmitButton label=Key::Upload/>
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
fn DocumentRow(document: Document, lang: Lang) -> impl IntoView {
    let delete = ServerAction::<DeleteDocument>::new();
    let href = format!("/mijn-documenten/{}", document.id);
    let delete_label = tr_fill(Key::DeleteFile, &[&document.file_name]);
    view! {
        <tr>
            <td><a href=href download=document.file_name.clone()>{document.file_name.clone()}</a></td>
            <td>{file_size(lang, document.size)}</td>
            <td>{short_date(lang, document.uploaded)}</td>
            <td>
                <ActionForm action=delete>
                    <input type="hidden" name="id" value=document.id/>
                    <SubmitButton label=Key::Delete class="secondary" aria_label=delete_label/>
                </ActionForm>
            </td>
        </tr>
    }
}
