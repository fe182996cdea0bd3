//! The page harness. [`SignedIn`] is the parent route of every page for a signed-in person: it
//! loads the person once per address and hands it to the page below through context. A page
//! declares what it reads from its address (its own [`PageQuery`]) and how it loads and draws its
//! data; the harness starts that load at the same time as the person's, sends a caller whom the
//! gate stops where [`Blocked`] says, lets staff choose a pupil first, and draws errors. Each page
//! renders complete on the server and works before the wasm loads.

use std::future::Future;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{Outlet, Redirect};
use leptos_router::hooks::{use_location, use_params_map, use_query_map};
use leptos_router::params::ParamsMap;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::components::{kept_form_ready, provide_kept_form, ErrorContent, Layout, PupilPhoto};
use crate::error::AppError;
use crate::functions::account::signed_in_person;
use crate::functions::school::staff_pupils;
use crate::i18n::{tr, Key};
use crate::models::{Me, Module, Pupil};
use crate::url::Blocked;
use crate::visibility::can_use;

type Person = Result<Option<Me>, AppError>;

/// The signed-in person as the parent route loads it.
#[derive(Clone, Copy)]
struct SignedInPerson(Resource<Person>);

/// The parent route of the pages for a signed-in person.
#[component]
pub fn SignedIn() -> impl IntoView {
    let pathname = use_location().pathname;
    // Again on every page, as each page did by itself: an action that leads to another page (a
    // changed start password, a message read) changes what the header and the gate show. Not
    // when only the query changes: the page then keeps what it drew (a deleted document's row
    // stays hidden).
    let person = Resource::new(move || pathname.get(), |_| signed_in_person());
    provide_context(SignedInPerson(person));
    provide_kept_form();
    view! { <Outlet/> }
}

fn use_person() -> Resource<Person> {
    match use_context::<SignedInPerson>() {
        Some(SignedInPerson(person)) => person,
        // A page outside the parent route loads the person itself.
        None => Resource::new(|| (), |_| signed_in_person()),
    }
}

/// The person a page may be drawn for, or why not. `password_change` marks the one page that a
/// start password leaves open.
fn admit(me: Option<Me>, password_change: bool) -> Result<Me, Blocked> {
    Blocked::check(
        me.as_ref().map(|me| me.must_change_password),
        password_change,
    )?;
    me.ok_or(Blocked::SignedOut)
}

fn loading() -> impl IntoView {
    view! { <p class="loading" aria-busy="true">{tr(Key::Loading)}</p> }
}

/// Renders `page` for the signed-in person; sends others where the gate says.
pub fn signed_in_page(
    password_change: bool,
    page: impl Fn(Me) -> AnyView + Send + Sync + Clone + 'static,
) -> impl IntoView {
    let person = use_person();
    view! {
        <Suspense fallback=|| view! { <p aria-busy="true">{tr(Key::Loading)}</p> }>
            {move || {
                let page = page.clone();
                Suspend::new(async move {
                    kept_form_ready().await;
                    match person.await.map(|me| admit(me, password_change)) {
                        Ok(Ok(me)) => page(me),
                        Ok(Err(blocked)) => view! { <Redirect path=blocked.page()/> }.into_any(),
                        Err(error) => view! { <Layout help="start"><ErrorContent error/></Layout> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// The address of the page being drawn: its query (`?week=`) and its path (`/:id`).
pub struct Address<'a> {
    query: &'a ParamsMap,
    params: &'a ParamsMap,
}

impl Address<'_> {
    pub fn query(&self, name: &str) -> Option<String> {
        self.query.get(name)
    }

    pub fn param(&self, name: &str) -> Option<String> {
        self.params.get(name)
    }
}

/// What a page reads from its address: each page declares its own, with only its parameters.
pub trait PageQuery:
    Clone + PartialEq + Send + Sync + Serialize + DeserializeOwned + 'static
{
    fn read(address: &Address) -> Self;

    /// The pupil a staff member chose, on the pages of the shared modules.
    fn chosen_pupil(&self) -> Option<&ChosenPupil> {
        None
    }
}

/// A page that reads nothing from its address.
impl PageQuery for () {
    fn read(_: &Address) -> Self {}
}

/// The pupil a staff member looks at (`?leerling=`, a public id); pupils and parents choose none.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChosenPupil(Option<String>);

impl ChosenPupil {
    pub fn read(address: &Address) -> Self {
        ChosenPupil(address.query("leerling").filter(|id| !id.is_empty()))
    }

    pub fn id(&self) -> Option<String> {
        self.0.clone()
    }

    /// `path` for the same pupil (staff keep their choice while moving between pages).
    pub fn href(&self, path: &str) -> String {
        match &self.0 {
            Some(pupil) => {
                let joiner = if path.contains('?') { '&' } else { '?' };
                format!("{path}{joiner}leerling={pupil}")
            }
            None => path.to_owned(),
        }
    }
}

/// The query of a page whose only parameter is the chosen pupil.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PupilQuery {
    pub pupil: ChosenPupil,
}

impl PageQuery for PupilQuery {
    fn read(address: &Address) -> Self {
        PupilQuery {
            pupil: ChosenPupil::read(address),
        }
    }

    fn chosen_pupil(&self) -> Option<&ChosenPupil> {
        Some(&self.pupil)
    }
}

/// Loads and draws one module page for the signed-in person.
pub fn module_page<Q, T, F, Fut, V>(module: Module, load: F, render: V) -> impl IntoView
where
    Q: PageQuery,
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    F: Fn(Q) -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = Result<T, AppError>> + Send + 'static,
    V: Fn(T, Q) -> AnyView + Copy + Send + Sync + 'static,
{
    let help = module.path().trim_start_matches('/');
    let person = use_person();
    let query = use_query_map();
    let params = use_params_map();
    let page_query = move || {
        let (query, params) = (query.read(), params.read());
        Q::read(&Address {
            query: &query,
            params: &params,
        })
    };
    // The page's data does not wait for the person: the server function checks the caller itself.
    // It loads again whenever the address changes, also where `Q` reads no difference: a write
    // returns to its page with a fresh `bewaard=…`, and the page must then show what was saved.
    let search = use_location().search;
    let data = Resource::new(
        move || (page_query(), search.get()),
        move |(page, _): (Q, String)| async move {
            let result = load(page.clone()).await;
            (page, result)
        },
    );
    // Staff choose a pupil first, in the modules they may use at all; elsewhere the page's own
    // answer (403) comes at once instead of a list whose links all end there. Only this list
    // needs the person's role first.
    let pupils = Resource::new(page_query, move |page: Q| async move {
        let unchosen = page
            .chosen_pupil()
            .is_some_and(|pupil| pupil.id().is_none());
        if module.is_personal() || !unchosen {
            return None;
        }
        match person.await {
            Ok(Some(me))
                if !me.must_change_password && me.role.is_staff() && can_use(me.role, module) =>
            {
                Some(staff_pupils().await)
            }
            _ => None,
        }
    });
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                kept_form_ready().await;
                let me = match person.await.map(|me| admit(me, false)) {
                    Ok(Ok(me)) => me,
                    Ok(Err(blocked)) => return view! { <Redirect path=blocked.page()/> }.into_any(),
                    Err(error) => return view! { <Layout help><ErrorContent error/></Layout> }.into_any(),
                };
                // For the hints beside the file fields (`components::format`).
                provide_context(me.upload_limits);
                if let Some(pupils) = pupils.await {
                    return view! {
                        <Layout school=me.school.clone() me=me module help>
                            <PupilPicker module pupils/>
                        </Layout>
                    }
                        .into_any();
                }
                let (page, result) = data.await;
                // Staff chose a pupil for the shared modules; personal ones are their own.
                let staff = me.role.is_staff() && !module.is_personal();
                view! {
                    <Layout school=me.school.clone() me=me module help>
                        {match result {
                            Ok(data) => view! {
                                {staff.then(|| view! {
                                    <p class="other-pupil">
                                        <a href=module.path()>{tr(Key::OtherPupil)}</a>
                                    </p>
                                })}
                                {render(data, page)}
                            }.into_any(),
                            Err(error) => view! { <ErrorContent error/> }.into_any(),
                        }}
                    </Layout>
                }
                    .into_any()
            })}
        </Suspense>
    }
}

/// Where staff write in a module, beside the pupils whose module they read.
fn teaching_page(module: Module) -> Option<(&'static str, Key)> {
    match module {
        Module::Agenda => Some(("/agenda/plannen", Key::PlanTitle)),
        Module::Results => Some(("/resultaten/evaluaties", Key::EvaluationsTitle)),
        Module::Lvs => Some(("/lvs/klas", Key::ClassesTeachingTitle)),
        Module::Courses => Some(("/vakken/beheren", Key::MaterialsManageTitle)),
        Module::LiveSessions => Some(("/live-sessies/plannen", Key::LivePlanTitle)),
        _ => None,
    }
}

/// Staff choose the pupil whose module they open.
#[component]
fn PupilPicker(module: Module, pupils: Result<Vec<Pupil>, AppError>) -> impl IntoView {
    let pupils = match pupils {
        Ok(pupils) => pupils,
        Err(error) => return view! { <ErrorContent error/> }.into_any(),
    };
    view! {
        <Title text=tr(module.label())/>
        <h1>{tr(module.label())}</h1>
        {teaching_page(module).map(|(href, key)| view! {
            <p class="teaching-link"><a class="button" href=href>{tr(key)}</a></p>
        })}
        <h2>{tr(Key::ChoosePupil)}</h2>
        {if pupils.is_empty() {
            view! { <p class="empty">{tr(Key::NoPupils)}</p> }.into_any()
        } else {
            view! {
                <ul class="pupil-list">
                    {pupils
                        .into_iter()
                        .map(|pupil| {
                            let href = format!("{}?leerling={}", module.path(), pupil.id);
                            view! {
                                <li>
                                    <a href=href>
                                        <PupilPhoto pupil=pupil.clone()/>
                                        <span>{pupil.display_name}</span>
                                        <span class="muted">{pupil.class.unwrap_or_default()}</span>
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
    }
    .into_any()
}
