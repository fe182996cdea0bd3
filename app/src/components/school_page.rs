//! The frame of a school's public pages (sign-in, forgotten password): the school named in the
//! address, or the 404 page for an unknown one.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::{kept_form_ready, provide_kept_form, ErrorContent, Layout};
use crate::functions::platforms::find_platform;
use crate::i18n::{tr, Key};
use crate::models::PlatformSummary;

/// Loads the school named in the address and renders `page` for it inside the layout; an unknown
/// school gets the 404 page.
pub fn school_page(
    page: impl Fn(PlatformSummary) -> AnyView + Send + Sync + Clone + 'static,
) -> impl IntoView {
    let params = use_params_map();
    let platform = Resource::new(
        move || params.read().get("platform").unwrap_or_default(),
        find_platform,
    );
    provide_kept_form();
    view! {
        <Suspense fallback=|| view! { <p aria-busy="true">{tr(Key::Loading)}</p> }>
            {move || {
                let page = page.clone();
                Suspend::new(async move {
                    kept_form_ready().await;
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
