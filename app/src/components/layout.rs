use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::components::SubmitButton;
use crate::functions::account::SignOut;
use crate::i18n::{tr, use_lang, Key, Lang};
use crate::models::{Me, PlatformSummary};
use crate::visibility::{navigation, Module};

/// The frame of every page: header with the school, the child photos and help; main; footer.
///
/// `help` names the section of the help page that explains the current page.
#[component]
pub fn Layout(
    #[prop(optional, into)] school: Option<PlatformSummary>,
    /// The signed-in person, whose name and sign-out button the header shows.
    #[prop(optional, into)]
    me: Option<Me>,
    /// The module this page belongs to, marked in the navigation.
    #[prop(optional, into)]
    module: Option<Module>,
    help: &'static str,
    children: Children,
) -> impl IntoView {
    // The navigation only once the start password is gone: until then nothing else is reachable.
    let modules = me
        .as_ref()
        .filter(|me| !me.must_change_password)
        .map(|me| navigation(me.role))
        .unwrap_or_default();
    let side_modules = modules.clone();
    let home = school
        .as_ref()
        .map(|school| format!("/{}", school.slug))
        .unwrap_or_else(|| "/".to_owned());
    let title = school
        .as_ref()
        .map(|school| school.name.clone())
        .unwrap_or_else(|| tr(Key::ProductName).to_owned());
    view! {
        <a class="skip-link" href="#inhoud">{tr(Key::MainContent)}</a>
        <header class="app-header">
            <a class="brand" href=home>
                <img src="/favicon.svg" alt="" width="32" height="32"/>
                <span class="brand-name">{title}</span>
            </a>
            <div class="header-tools">
                {me.as_ref().and_then(|me| me.child.clone()).map(|child| {
                    view! {
                        <a class="child-chip" href=Module::MyChildren.path()>
                            {child.photo.map(|photo| view! { <img src=photo alt="" width="32" height="32"/> })}
                            <span>{child.first_name}</span>
                        </a>
                    }
                })}
                {(!modules.is_empty()).then(|| view! { <GoToMenu modules module/> })}
                {me.map(|me| view! { <AccountTools me/> })}
                <a
                    class="help-link"
                    href=format!("/hulp#{help}")
                    aria-label=tr(Key::Help)
                    title=tr(Key::Help)
                >
                    "?"
                </a>
            </div>
        </header>
        <div class="app-body">
            {(!side_modules.is_empty()).then(|| view! {
                <nav class="side-nav" aria-label=tr(Key::ModulesNav)>
                    <ModuleLinks modules=side_modules module/>
                </nav>
            })}
            <main id="inhoud" class="app-main" tabindex="-1">
                {children()}
            </main>
        </div>
        <Footer/>
    }
}

/// "Ga naar": the modules as a menu that opens without wasm (a disclosure element).
#[component]
fn GoToMenu(modules: Vec<Module>, module: Option<Module>) -> impl IntoView {
    view! {
        <details class="goto">
            <summary>{tr(Key::GoTo)}</summary>
            <nav aria-label=tr(Key::GoTo)>
                <ModuleLinks modules module/>
            </nav>
        </details>
    }
}

#[component]
fn ModuleLinks(modules: Vec<Module>, module: Option<Module>) -> impl IntoView {
    view! {
        <ul>
            {modules
                .into_iter()
                .map(|item| {
                    let current = (Some(item) == module).then_some("page");
                    view! {
                        <li>
                            <a href=item.path() aria-current=current>{tr(item.label())}</a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// The language choice works as a plain form, so it needs no wasm.
#[component]
fn Footer() -> impl IntoView {
    let current = use_lang();
    let back = use_location().pathname;
    view! {
        <footer class="app-footer">
            <p>{tr(Key::FooterPrivacy)}</p>
            <form class="lang-form" method="get" action="/taal">
                <label for="lang-select">{tr(Key::LanguageLabel)}</label>
                <select id="lang-select" name="lang">
                    {Lang::ALL
                        .into_iter()
                        .map(|lang| {
                            view! {
                                <option value=lang.code() selected=lang == current lang=lang.code()>
                                    {lang.native_name()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <input type="hidden" name="terug" value=back/>
                <button type="submit">{tr(Key::ChangeLanguage)}</button>
            </form>
        </footer>
    }
}

#[component]
fn AccountTools(me: Me) -> impl IntoView {
    let sign_out = ServerAction::<SignOut>::new();
    view! {
        <nav class="account-tools" aria-label=tr(Key::AccountNav)>
            <a href="/start" class="person-name">{me.display_name}</a>
            <ActionForm action=sign_out>
                <SubmitButton action=sign_out label=Key::SignOut/>
            </ActionForm>
        </nav>
    }
}
