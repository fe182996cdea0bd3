//! "Agenda in je eigen kalender": a secret address per child (and for the whole family) that the
//! person subscribes to in Google Calendar, Apple Calendar or Outlook. Making, renewing and
//! stopping an address are plain form posts, so they work before the wasm has loaded.

use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

use crate::components::{module_page, Address, FormError, PageQuery};
use crate::functions::calendar::{load_calendar_feeds, RenewCalendarFeed, StopCalendarFeed};
use crate::i18n::{tr, tr_fill, Key};
use crate::models::{CalendarFeed, CalendarFeeds, Module};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedsQuery {
    made: bool,
    stopped: bool,
}

impl PageQuery for FeedsQuery {
    fn read(address: &Address) -> Self {
        FeedsQuery {
            made: address.query("gemaakt").is_some(),
            stopped: address.query("gestopt").is_some(),
        }
    }
}

#[component]
pub fn CalendarFeedsPage() -> impl IntoView {
    module_page(
        Module::Agenda,
        |_: FeedsQuery| load_calendar_feeds(),
        |feeds, query| view! { <Feeds feeds query/> }.into_any(),
    )
}

#[component]
fn Feeds(feeds: CalendarFeeds, query: FeedsQuery) -> impl IntoView {
    view! {
        <Title text=tr(Key::FeedsTitle)/>
        <h1>{tr(Key::FeedsTitle)}</h1>
        <p><a href=Module::Agenda.path()>{tr(Key::AgendaBack)}</a></p>
        {query.made.then(|| view! { <p class="notice" role="status">{tr(Key::FeedMade)}</p> })}
        {query.stopped.then(|| view! { <p class="notice" role="status">{tr(Key::FeedStopped)}</p> })}
        <p>{tr(Key::FeedsIntro)}</p>
        <p class="hint">{tr(Key::FeedsSecret)}</p>
        {feeds.feeds.into_iter().map(|feed| view! { <FeedCard feed/> }).collect_view()}
        <section class="card" aria-labelledby="feeds-how">
            <h2 id="feeds-how">{tr(Key::FeedsHowTitle)}</h2>
            <ul class="plain-list">
                <li>{tr(Key::FeedsHowGoogle)}</li>
                <li>{tr(Key::FeedsHowApple)}</li>
                <li>{tr(Key::FeedsHowOutlook)}</li>
            </ul>
        </section>
    }
}

#[component]
fn FeedCard(feed: CalendarFeed) -> impl IntoView {
    let renew = ServerAction::<RenewCalendarFeed>::new();
    let (name, child_id) = match &feed.child {
        Some(child) => (
            format!("{} · {}", child.display_name, child.school.name),
            Some(child.id.clone()),
        ),
        None => (tr(Key::FeedFamily).to_owned(), None),
    };
    let heading_id = format!("feed-{}", child_id.as_deref().unwrap_or("family"));
    let create_label = tr_fill(Key::FeedCreateNamed, &[&name]);
    let body = match feed.address {
        Some(address) => view! {
            <FeedAddress address name=name.clone() heading_id=heading_id.clone() child_id=child_id.clone()/>
        }
        .into_any(),
        None => view! {
            <p class="empty">{tr(Key::FeedNone)}</p>
            <ActionForm action=renew>
                <ChildField child_id=child_id.clone()/>
                <button type="submit" aria-label=create_label>{tr(Key::FeedCreate)}</button>
            </ActionForm>
        }
        .into_any(),
    };
    let labelled_by = heading_id.clone();
    view! {
        <section class="card feed" aria-labelledby=labelled_by>
            <h2 id=heading_id>{name}</h2>
            {body}
            <FormError action=renew/>
        </section>
    }
}

/// A made address: to copy, to open in the calendar app, to renew or stop.
#[component]
fn FeedAddress(
    address: String,
    name: String,
    heading_id: String,
    child_id: Option<String>,
) -> impl IntoView {
    let renew = ServerAction::<RenewCalendarFeed>::new();
    let stop = ServerAction::<StopCalendarFeed>::new();
    let input_id = format!("{heading_id}-address");
    let webcal = address
        .replacen("https://", "webcal://", 1)
        .replacen("http://", "webcal://", 1);
    let address_label = tr_fill(Key::FeedAddressNamed, &[&name]);
    let renew_label = tr_fill(Key::FeedRenewNamed, &[&name]);
    let stop_label = tr_fill(Key::FeedStopNamed, &[&name]);
    let stop_child = child_id.clone();
    view! {
        <div class="field">
            <label for=input_id.clone()>{address_label}</label>
            <input id=input_id readonly value=address class="feed-address"/>
        </div>
        <p><a href=webcal>{tr(Key::FeedOpen)}</a></p>
        <div class="actions">
            <ActionForm action=renew attr:class="inline">
                <ChildField child_id/>
                <button type="submit" aria-label=renew_label>{tr(Key::FeedRenew)}</button>
            </ActionForm>
            <ActionForm action=stop attr:class="inline">
                <ChildField child_id=stop_child/>
                <button type="submit" class="secondary" aria-label=stop_label>
                    {tr(Key::FeedStop)}
                </button>
            </ActionForm>
        </div>
        <p class="hint">{tr(Key::FeedRenewHint)}</p>
        <FormError action=renew/>
        <FormError action=stop/>
    }
}

/// The child a feed's form is for; none for the family.
#[component]
fn ChildField(child_id: Option<String>) -> impl IntoView {
    child_id.map(|id| view! { <input type="hidden" name="child" value=id/> })
}
