//! The landing page: the choice of school.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{ErrorContent, Layout};
use crate::functions::platforms::list_platforms;
use crate::i18n::{tr, Key};

/// The landing page: choose the school whose platform to sign in to.
#[component]
pub fn HomePage() -> impl IntoView {
    let platforms = Resource::new(|| (), |_| list_platforms());
    view! {
        <Layout help="start">
            <Suspense fallback=|| view! { <p aria-busy="true">{tr(Key::Loading)}</p> }>
                {move || Suspend::new(async move {
                    match platforms.await {
                        Ok(platforms) => {
                            view! {
                                <Title text=tr(Key::ChooseSchool)/>
                                <h1>{tr(Key::ChooseSchool)}</h1>
                                <p class="lead">{tr(Key::ChooseSchoolIntro)}</p>
                                <nav aria-label=tr(Key::SchoolsNav)>
                                    <ul class="school-list">
                                        {platforms
                                            .into_iter()
                                            .map(|school| {
                                                view! {
                                                    <li>
                                                        <a class="school-card" href=format!("/{}", school.slug)>
                                                            <span class="school-name">{school.name}</span>
                                                            <span class="school-city">{school.city}</span>
                                                        </a>
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                </nav>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <ErrorContent error/> }.into_any(),
                    }
                })}
            </Suspense>
        </Layout>
    }
}
