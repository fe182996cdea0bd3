//! "Voeg kinderen toe": the co-account of another child, possibly at another school.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{module_page, FormError, PasswordField, PupilQuery, SubmitButton, Typed};
use crate::functions::family::LinkChild;
use crate::functions::platforms::list_platforms;
use crate::functions::school::module_access;
use crate::i18n::{tr, Key};
use crate::models::{Module, PlatformSummary};

#[component]
pub fn AddChildrenPage() -> impl IntoView {
    module_page(
        Module::MyChildren,
        |_: PupilQuery| async move {
            module_access(Module::MyChildren).await?;
            list_platforms().await
        },
        |platforms, _| view! { <AddChildForm platforms/> }.into_any(),
    )
}

#[component]
fn AddChildForm(platforms: Vec<PlatformSummary>) -> impl IntoView {
    let action = ServerAction::<LinkChild>::new();
    let typed = Typed::of::<LinkChild>();
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
                                <option value=school.slug.clone() selected=typed.chose("platform", &school.slug, false)>
                                    {format!("{} ({})", school.name, school.city)}
                                </option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="link-username">{tr(Key::UsernameLabel)}</label>
                        <input id="link-username" name="username" value=typed.or("username", "") autocomplete="off" autocapitalize="none" required/>
                    </div>
                    <PasswordField id="link-password" name="password" label=Key::PasswordLabel autocomplete="off"/>
                    <FormError action/>
                    <SubmitButton label=Key::LinkButton/>
                </div>
            </ActionForm>
        </section>
    }
}
