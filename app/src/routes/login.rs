use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::components::{FormError, Layout, PasswordField, SubmitButton};
use crate::functions::account::SignIn;
use crate::functions::platforms::find_platform;
use crate::i18n::{tr, Key};
use crate::models::PlatformSummary;
use crate::routes::ErrorContent;

/// Loads the school named in the address and renders `page` for it inside the layout; an unknown
/// school gets the 404 page.
pub(crate) fn school_page(
    page: impl Fn(PlatformSummary) -> AnyView + Send + Sync + Clone + 'static,
) -> impl IntoView {
    let params = use_params_map();
    let platform = Resource::new(
        move || params.read().get("platform").unwrap_or_default(),
        find_platform,
    );
    view! {
        <Suspense fallback=|| view! { <p aria-busy="true">{tr(Key::Loading)}</p> }>
            {move || {
                let page = page.clone();
                Suspend::new(async move {
                    match platform.await {
                        Ok(school) => {
                            view! {
                                <Layout school=school.clone() help="aanmelden">
                                    {page(school)}
                                </Layout>
                            }
                                .into_any()
                        }
                        Err(error) => {
                            view! {
                                <Layout help="start">
                                    <ErrorContent error/>
                                </Layout>
                            }
                                .into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}

/// A school's sign-in page, at the school's own address (`/sintclara`).
#[component]
pub fn LoginPage() -> impl IntoView {
    school_page(|school| view! { <SignInForm school/> }.into_any())
}

#[component]
fn SignInForm(school: PlatformSummary) -> impl IntoView {
    let action = ServerAction::<SignIn>::new();
    let slug = school.slug.clone();
    let forgot_href = format!("/{}/wachtwoord-vergeten", school.slug);
    view! {
        <Title text=format!("{} · {}", tr(Key::SignInTitle), school.name)/>
        <section class="card sign-in">
            <h1>{tr(Key::SignInTitle)}</h1>
            <p class="school-line">{format!("{} · {}", school.name, school.city)}</p>
            <p>{tr(Key::SignInIntro)}</p>
            <ActionForm action attr:class="stack">
                <div class="field">
                    <label for="platform">{tr(Key::PlatformLabel)}</label>
                    <input
                        id="platform"
                        name="platform"
                        value=slug.clone()
                        autocomplete="off"
                        autocapitalize="none"
                        spellcheck="false"
                        required
                    />
                </div>
                <div class="field">
                    <label for="username">{tr(Key::UsernameLabel)}</label>
                    <input
                        id="username"
                        name="username"
                        autocomplete="username"
                        autocapitalize="none"
                        spellcheck="false"
                        required
                    />
                </div>
                <PasswordField
                    id="password"
                    name="password"
                    label=Key::PasswordLabel
                    autocomplete="current-password"
                />
                <FormError action/>
                <SubmitButton action label=Key::SignInButton/>
            </ActionForm>
            <p class="hint">{tr(Key::CoAccountHint)}</p>
            <p class="links">
                <a href=forgot_href>{tr(Key::ForgotPassword)}</a>
                <a href="/">{tr(Key::OtherSchool)}</a>
            </p>
        </section>
    }
}
