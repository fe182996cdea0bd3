//! The import of a pupil export: the columns explained, the upload (a multipart form to the
//! server), the preview of what confirming would change, and the confirmation.

use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

use super::BeheerTabs;
use crate::components::{module_page, Address, FormError, PageQuery, SubmitButton};
use crate::error::AppError;
use crate::functions::beheer::{preview_import, ConfirmImport};
use crate::i18n::{tr, tr_fill, use_lang, Key};
use crate::models::{FileProblem, ImportPreview, ImportSummary, Module};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportQuery {
    draft: Option<String>,
    changed: bool,
    problem: Option<FileProblem>,
    done: Option<ImportSummary>,
}

impl PageQuery for ImportQuery {
    fn read(address: &Address) -> Self {
        ImportQuery {
            draft: address.query("concept").filter(|draft| !draft.is_empty()),
            changed: address.query("gewijzigd").is_some(),
            problem: FileProblem::read(|name| address.query(name)),
            done: ImportSummary::read(|name| address.query(name)),
        }
    }
}

#[component]
pub fn ImportPage() -> impl IntoView {
    module_page(
        Module::Beheer,
        |query: ImportQuery| async move {
            match query.draft {
                Some(draft) => preview_import(draft).await.map(Some),
                // Without a draft the page checks the caller all the same (an overview is cheap).
                None => crate::functions::beheer::school_overview()
                    .await
                    .map(|_| None),
            }
        },
        |preview, query| view! { <Import preview query/> }.into_any(),
    )
}

/// The columns of a pupil export: name, meaning, required.
const COLUMNS: [(&str, Key, bool); 8] = [
    ("klas", Key::ColClass, true),
    ("voornaam", Key::ColFirstName, true),
    ("achternaam", Key::ColLastName, true),
    ("geboortedatum", Key::ColBirthDate, true),
    ("stamnummer", Key::ColExternalId, true),
    ("ouder1_relatie", Key::ColParentRelation, false),
    ("ouder1_naam", Key::ColParentName, false),
    ("ouder1_email", Key::ColParentEmail, false),
];

#[component]
fn Import(preview: Option<ImportPreview>, query: ImportQuery) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=tr(Key::BeheerImportTab)/>
        <h1>{tr(Key::BeheerImportTab)}</h1>
        <BeheerTabs current="/beheer/import"/>
        {query.done.map(|done| view! {
            <section class="card notice" role="status">
                <p>{tr_fill(Key::ImportDone, &[
                    &done.new_pupils.to_string(),
                    &done.new_co_accounts.to_string(),
                    &done.moved.to_string(),
                    &done.returning.to_string(),
                    &done.left.to_string(),
                ])}</p>
                <p><a href="/beheer/leerlingen">{tr(Key::ImportNextLetters)}</a></p>
            </section>
        })}
        {query.problem.map(|problem| view! {
            <p class="form-error" role="alert">{problem.text(lang)}</p>
        })}
        {preview.map(|preview| view! { <Preview preview changed=query.changed/> })}
        <section class="card">
            <h2>{tr(Key::ImportUploadTitle)}</h2>
            <form
                method="post"
                action="/beheer/import"
                enctype="multipart/form-data"
            >
                <div class="field">
                    <label for="import-file">{tr(Key::ImportFileLabel)}</label>
                    <input id="import-file" name="file" type="file" accept=".csv,text/csv,text/plain" required aria-describedby="import-hint"/>
                    <span id="import-hint" class="hint">{tr(Key::ImportFileHint)}</span>
                </div>
                <SubmitButton label=Key::ImportUpload/>
            </form>
        </section>
        <section class="card">
            <h2>{tr(Key::ImportColumnsTitle)}</h2>
            <p>{tr(Key::ImportColumnsIntro)}</p>
            <div class="table-wrap">
                <table class="columns">
                    <thead>
                        <tr>
                            <th scope="col">{tr(Key::ColumnCol)}</th>
                            <th scope="col">{tr(Key::MeaningCol)}</th>
                            <th scope="col">{tr(Key::RequiredCol)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {COLUMNS.into_iter().map(|(name, key, required)| view! {
                            <tr>
                                <td><code>{name}</code></td>
                                <td>{tr(key)}</td>
                                <td>{tr(if required { Key::RequiredWord } else { Key::OptionalWord })}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <p>{tr(Key::ImportParentsNote)}</p>
            <p>{tr(Key::ImportExample)}</p>
            <pre class="example">"klas;voornaam;achternaam;geboortedatum;stamnummer;ouder1_relatie;ouder1_naam;ouder1_email;ouder2_relatie;ouder2_naam;ouder2_email\n1A;Chloë;Van De Velde;14/03/2013;20231;moeder;Heidi Peeters;heidi@example.be;vader;Tom Van De Velde;"</pre>
        </section>
    }
}

#[component]
fn Preview(preview: ImportPreview, changed: bool) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<ConfirmImport>::new();
    let can_confirm = preview.can_confirm() && preview.changes_anything();
    let list = |title: String, names: Vec<String>| {
        let open = names.len() <= 30;
        (!names.is_empty()).then(|| {
            view! {
                <details open=open>
                    <summary>{title}</summary>
                    <ul class="columns-list">
                        {names.into_iter().map(|name| view! { <li>{name}</li> }).collect_view()}
                    </ul>
                </details>
            }
        })
    };
    let new_pupils = preview
        .new_pupils
        .iter()
        .map(|pupil| format!("{} · {} · {}", pupil.name, pupil.class, pupil.username))
        .collect();
    let moved = preview
        .moved
        .iter()
        .map(|pupil| {
            format!(
                "{}: {} → {}",
                pupil.name,
                pupil.from.clone().unwrap_or_default(),
                pupil.to
            )
        })
        .collect();
    let returning = preview
        .returning
        .iter()
        .map(|pupil| format!("{} · {}", pupil.name, pupil.to))
        .collect();
    let leaving = preview
        .leaving
        .iter()
        .map(|pupil| {
            format!(
                "{} · {}",
                pupil.name,
                pupil.class.clone().unwrap_or_default()
            )
        })
        .collect();
    view! {
        <section class="card preview" aria-labelledby="preview-title">
            <h2 id="preview-title">{tr_fill(Key::PreviewTitle, &[&preview.file_name])}</h2>
            {changed.then(|| view! { <p class="form-error" role="alert">{tr(AppError::ImportChanged.key())}</p> })}
            {preview.problem.clone().map(|problem| view! { <p class="form-error" role="alert">{problem.text(lang)}</p> })}
            {(!preview.errors.is_empty()).then(|| view! {
                <div role="alert">
                    <h3>{tr_fill(Key::PreviewErrors, &[&preview.errors.len().to_string()])}</h3>
                    <div class="table-wrap">
                        <table class="errors">
                            <thead><tr><th scope="col">{tr(Key::LineCol)}</th><th scope="col">{tr(Key::ProblemCol)}</th></tr></thead>
                            <tbody>
                                {preview.errors.iter().map(|error| view! {
                                    <tr><td>{error.line}</td><td>{error.problem.text(lang)}</td></tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                </div>
            })}
            {preview.can_confirm().then(|| view! {
                <p>{tr(Key::ImportNothingWritten)}</p>
                <ul>
                    <li>{tr_fill(Key::PreviewNew, &[&preview.new_pupils.len().to_string()])}</li>
                    <li>{tr_fill(Key::PreviewCoAccounts, &[&preview.new_co_accounts.to_string()])}</li>
                    <li>{tr_fill(Key::PreviewMoved, &[&preview.moved.len().to_string()])}</li>
                    <li>{tr_fill(Key::PreviewReturning, &[&preview.returning.len().to_string()])}</li>
                    <li>{tr_fill(Key::PreviewLeaving, &[&preview.leaving.len().to_string()])}</li>
                    <li>{tr_fill(Key::PreviewUnchanged, &[&preview.unchanged.to_string()])}</li>
                    {(!preview.new_classes.is_empty()).then(|| view! {
                        <li>{tr_fill(Key::PreviewNewClasses, &[&preview.new_classes.join(", ")])}</li>
                    })}
                    {(preview.over_maximum > 0).then(|| view! {
                        <li>{tr_fill(Key::PreviewOverMaximum, &[&preview.over_maximum.to_string()])}</li>
                    })}
                </ul>
            })}
            {list(tr_fill(Key::PreviewNew, &[&preview.new_pupils.len().to_string()]), new_pupils)}
            {list(tr_fill(Key::PreviewMoved, &[&preview.moved.len().to_string()]), moved)}
            {list(tr_fill(Key::PreviewReturning, &[&preview.returning.len().to_string()]), returning)}
            {list(tr_fill(Key::PreviewLeaving, &[&preview.leaving.len().to_string()]), leaving)}
            {(preview.can_confirm() && !preview.changes_anything()).then(|| view! {
                <p class="notice" role="status">{tr(Key::PreviewNoChanges)}</p>
            })}
            {can_confirm.then(|| view! {
                <ActionForm action>
                    <input type="hidden" name="draft" value=preview.draft.clone()/>
                    <input type="hidden" name="fingerprint" value=preview.fingerprint.clone()/>
                    <SubmitButton label=Key::ConfirmImport/>
                    <FormError action/>
                </ActionForm>
            })}
        </section>
    }
}
