//! The page for every address that matches no route.

use leptos::prelude::*;

use crate::components::{ErrorContent, Layout};
use crate::error::AppError;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <Layout help="start">
            <ErrorContent error=AppError::NotFound/>
        </Layout>
    }
}
