//! The Oudercontact page: what it shows depends on who asks (a parent, a teacher, the organiser).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::organiser::AdminView;
use super::parent::ParentView;
use super::teacher::TeacherView;
use crate::components::{module_page, Address, PageQuery};
use crate::functions::oudercontact::load_oudercontact;
use crate::models::{Module, Oudercontact};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
struct OudercontactQuery {
    /// The child a parent books for (`kind`, a public id).
    child: Option<String>,
    /// What an action just did (`gedaan`): part of the key, so that the page loads again after it.
    done: Option<String>,
}

impl PageQuery for OudercontactQuery {
    fn read(address: &Address) -> Self {
        OudercontactQuery {
            child: address.query("kind").filter(|id| !id.is_empty()),
            done: address.query("gedaan"),
        }
    }
}

#[component]
pub fn OudercontactPage() -> impl IntoView {
    module_page(
        Module::Oudercontact,
        |page: OudercontactQuery| load_oudercontact(page.child),
        |view, _| match view {
            Oudercontact::Parent(parent) => view! { <ParentView parent/> }.into_any(),
            Oudercontact::Teacher(moments) => view! { <TeacherView moments/> }.into_any(),
            Oudercontact::Admin { moments, classes } => {
                view! { <AdminView moments classes/> }.into_any()
            }
        },
    )
}
