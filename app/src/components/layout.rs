//! The frame of every page: header, navigation, main and footer.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Link;
use leptos_router::hooks::use_location;

use crate::components::SubmitButton;
use crate::functions::account::SignOut;
use crate::functions::family::SelectChild;
use crate::i18n::{tr, tr_fill, use_lang, Key, Lang};
use crate::models::Module;
use crate::models::{Me, PlatformSummary, Pupil};
use crate::visibility::navigation;

/// The frame of every page: header with the school, the child photos and help; main; footer.
///
/// On a phone the header takes two rows: the school, "Ga naar" and help, then the children's
/// photos; the account tools (name, sign-out) and "Voeg kinderen toe" move into the menu, so
/// that four children fit on 360 px with every control whole and 44 px tall.
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
    let unread = me.as_ref().map(|me| me.unread_messages).unwrap_or_default();
    let side_modules = modules.clone();
    // With the menu, a phone finds the account tools in it; without (a start password), beside it.
    let account_class = if modules.is_empty() { "" } else { "wide-only" };
    let family = me
        .as_ref()
        .is_some_and(|me| !me.children.is_empty() && !me.must_change_password);
    let home = school
        .as_ref()
        .map(|school| format!("/{}", school.slug))
        .unwrap_or_else(|| "/".to_owned());
    let title = school
        .as_ref()
        .map(|school| school.name.clone())
        .unwrap_or_else(|| tr(Key::ProductName).to_owned());
    // A school's pages can be added to a phone's home screen under the school's name.
    let manifest = school.as_ref().map(|school| {
        view! { <Link rel="manifest" href=format!("/manifest/{}.webmanifest", school.slug)/> }
    });
    view! {
        {manifest}
        <a class="skip-link" href="#inhoud">{tr(Key::MainContent)}</a>
        <header class="app-header">
            <a class="brand" href=home>
                <img src="/favicon.svg" alt="" width="32" height="32"/>
                <span class="brand-name">{title}</span>
            </a>
            <div class="header-tools">
                {me
                    .as_ref()
                    .filter(|me| !me.children.is_empty() && !me.must_change_password)
                    .map(|me| view! { <ChildSwitcher children=me.children.clone() current=me.child.clone()/> })}
                {(!modules.is_empty()).then(|| {
                    let me = me.clone();
                    view! {
                        <GoToMenu modules module unread>
                            <div class="phone-only menu-account">
                                {family.then(|| view! { <AddChildrenLink/> })}
                                {me.map(|me| view! { <AccountTools me/> })}
                            </div>
                        </GoToMenu>
                    }
                })}
                {me.map(|me| view! { <div class=account_class><AccountTools me/></div> })}
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
                    <ModuleLinks modules=side_modules module unread/>
                </nav>
            })}
            <main id="inhoud" class="app-main" tabindex="-1">
                {children()}
            </main>
        </div>
        <Footer/>
    }
}

/// The photos of the family's children: clicking one switches every module to that child. A plain
/// form post, so it works without wasm, and the whole page then loads for the new child.
#[component]
fn ChildSwitcher(children: Vec<Pupil>, current: Option<Pupil>) -> impl IntoView {
    let location = use_location();
    let back = move || {
        let search = location.search.get();
        if search.is_empty() {
            location.pathname.get()
        } else {
            format!("{}?{search}", location.pathname.get())
        }
    };
    let current_id = current.map(|child| child.id);
    view! {
        <nav class="child-switcher" aria-label=tr(Key::ChildrenNav)>
            <ul>
                {children
                    .into_iter()
                    .map(|child| {
                        let selected = current_id.as_deref() == Some(child.id.as_str());
                        let label = tr_fill(Key::ShowChild, &[&child.display_name, &child.school.name]);
                        view! {
                            <li>
                                <form method="post" action=SelectChild::PATH>
                                    <input type="hidden" name="child" value=child.id.clone()/>
                                    <input type="hidden" name="back" value=back/>
                                    <button
                                        type="submit"
                                        class="child-photo"
                                        aria-pressed=selected.to_string()
                                        aria-label=label
                                        title=child.display_name.clone()
                                    >
                                        {child.photo.map(|photo| view! { <img src=photo alt="" width="36" height="36"/> })}
                                        <span>{child.first_name}</span>
                                    </button>
                                </form>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <span class="wide-only"><AddChildrenLink/></span>
        </nav>
    }
}

#[component]
fn AddChildrenLink() -> impl IntoView {
    view! { <a class="add-children" href="/kinderen-toevoegen">{tr(Key::AddChildren)}</a> }
}

/// "Ga naar": the modules as a menu that opens without wasm (a disclosure element); on a phone
/// also what `children` holds (the account tools).
#[component]
fn GoToMenu(
    modules: Vec<Module>,
    module: Option<Module>,
    unread: u64,
    children: Children,
) -> impl IntoView {
    view! {
        <details class="goto">
            // The unread count shows on the closed menu too, for phones without the side links.
            <summary>
                <span>{tr(Key::GoTo)}</span>
                {(unread > 0).then(|| view! { " " <UnreadBadge unread/> })}
            </summary>
            <div class="menu-panel">
                <nav aria-label=tr(Key::GoTo)>
                    <ModuleLinks modules module unread/>
                </nav>
                {children()}
            </div>
        </details>
    }
}

/// The module links; Berichten carries the number of unread messages.
#[component]
fn ModuleLinks(modules: Vec<Module>, module: Option<Module>, unread: u64) -> impl IntoView {
    view! {
        <ul>
            {modules
                .into_iter()
                .map(|item| {
                    let current = (Some(item) == module).then_some("page");
                    view! {
                        <li>
                            <a href=item.path() aria-current=current>
                                {tr(item.label())}
                                {(item == Module::Messages && unread > 0).then(|| view! {
                                    " " <UnreadBadge unread/>
                                })}
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

#[component]
fn UnreadBadge(unread: u64) -> impl IntoView {
    view! {
        <span class="badge">
            {unread}
            <span class="visually-hidden">" " {tr(Key::UnreadCount)}</span>
        </span>
    }
}

/// The language choice works as a plain form, so it needs no wasm.
#[component]
fn Footer() -> impl IntoView {
    let current = use_lang();
    let location = use_location();
    // Back to this very page, its query included (`?week=`, `?leerling=`).
    let back = move || {
        let search = location.search.get();
        let search = search.trim_start_matches('?');
        if search.is_empty() {
            location.pathname.get()
        } else {
            format!("{}?{search}", location.pathname.get())
        }
    };
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
                <SubmitButton label=Key::SignOut/>
            </ActionForm>
        </nav>
    }
}
