//! The parents: a thousand clients over HTTP, each booking a talk with each of the child's
//! teachers as the browser's wasm does, and what they were answered, added up.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use app::error::AppError;
use app::functions::oudercontact::{BookTalk, LoadOudercontact};
use app::models::{Oudercontact, TeacherSlots};
use leptos::server_fn::ServerFn;
use sea_orm::prelude::Uuid;
use serde::de::DeserializeOwned;
use server::StartError;
use tokio::sync::Barrier;
use tokio::task::JoinSet;

use super::{COURSES, EARLY_SLOTS, MAX_ATTEMPTS, REQUEST_TIMEOUT};

/// What the parents did and were answered, added up.
#[derive(Default)]
pub(crate) struct Tally {
    pub(crate) booked: usize,
    /// `SlotTaken` answers: someone else was quicker.
    pub(crate) conflicts: usize,
    /// `AlreadyBooked` answers: the child has this talk already.
    pub(crate) already: usize,
    /// Talks a parent stopped trying after `MAX_ATTEMPTS`.
    pub(crate) given_up: usize,
    /// Every other answer, by its text: 5xx, unexpected errors, no answer at all.
    pub(crate) server_errors: BTreeMap<String, usize>,
    /// Of every `BookTalk` request, whatever its answer.
    pub(crate) latencies: Vec<Duration>,
    /// Of the `BookTalk` requests answered OK: the ones that waited for the writer.
    pub(crate) booked_latencies: Vec<Duration>,
    /// The slots of every booking the server answered OK, by their public id.
    pub(crate) accepted: Vec<String>,
    /// Answers by the server that gave them, where a proxy names it (`X-Upstream`).
    pub(crate) upstreams: BTreeMap<String, usize>,
}

impl Tally {
    fn server_error(&mut self, text: String) {
        *self.server_errors.entry(text).or_default() += 1;
    }

    pub(crate) fn server_error_count(&self) -> usize {
        self.server_errors.values().sum()
    }

    fn add(&mut self, other: Tally) {
        self.booked += other.booked;
        self.conflicts += other.conflicts;
        self.already += other.already;
        self.given_up += other.given_up;
        for (text, count) in other.server_errors {
            *self.server_errors.entry(text).or_default() += count;
        }
        self.latencies.extend(other.latencies);
        self.booked_latencies.extend(other.booked_latencies);
        self.accepted.extend(other.accepted);
        for (upstream, count) in other.upstreams {
            *self.upstreams.entry(upstream).or_default() += count;
        }
    }
}

/// Lets every parent loose at the same moment, each on a task of its own over one shared client.
pub(crate) async fn book_all(
    base: String,
    tokens: Vec<String>,
    moment: String,
) -> Result<Tally, StartError> {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(tokens.len())
        .redirect(reqwest::redirect::Policy::none())
        .timeout(REQUEST_TIMEOUT)
        .build()
        .map_err(|err| StartError::Command(format!("HTTP client: {err}")))?;
    let base: Arc<str> = base.into();
    let moment: Arc<str> = moment.into();
    let start = Arc::new(Barrier::new(tokens.len()));
    let mut parents = JoinSet::new();
    for token in tokens {
        let parent = Parent {
            client: client.clone(),
            base: base.clone(),
            cookie: format!("sid={token}"),
            upstreams: Mutex::default(),
        };
        let (moment, start) = (moment.clone(), start.clone());
        parents.spawn(async move {
            start.wait().await;
            let mut tally = parent.book_talks(&moment).await;
            tally.upstreams = parent.upstreams.into_inner().unwrap_or_default();
            tally
        });
    }
    let mut tally = Tally::default();
    while let Some(done) = parents.join_next().await {
        match done {
            Ok(one) => tally.add(one),
            Err(err) => tally.server_error(format!("a parent's task failed: {err}")),
        }
    }
    Ok(tally)
}

/// One parent at the keyboard.
struct Parent {
    client: reqwest::Client,
    base: Arc<str>,
    cookie: String,
    /// Which server answered each call, where a proxy names it.
    upstreams: Mutex<BTreeMap<String, usize>>,
}

impl Parent {
    /// Opens Oudercontact and books a talk with each of the child's teachers, one of the first
    /// free slots at random. A slot someone else was quicker to comes back with the teacher's free
    /// times now, which the page then lists, and the parent picks again from those; only a failed
    /// call makes the parent load the page afresh.
    async fn book_talks(&self, moment: &str) -> Tally {
        let mut tally = self.try_talks(moment).await;
        // Whatever was neither booked nor found booked was given up.
        tally.given_up = COURSES.len().saturating_sub(tally.booked + tally.already);
        tally
    }

    /// The tries of [`Self::book_talks`]; talks given up are not counted yet.
    async fn try_talks(&self, moment: &str) -> Tally {
        let mut tally = Tally::default();
        let mut tries: HashMap<String, usize> = HashMap::new();
        let mut failed_loads = 0;
        'page: loop {
            let (child, teachers) = match self.load(moment).await {
                Ok(shown) => shown,
                Err(text) => {
                    tally.server_error(format!("LoadOudercontact: {text}"));
                    failed_loads += 1;
                    if failed_loads >= MAX_ATTEMPTS {
                        return tally;
                    }
                    continue;
                }
            };
            let open: Vec<TeacherSlots> = teachers
                .into_iter()
                .filter(|teacher| {
                    teacher.booking.is_none()
                        && tries.get(&teacher.teacher).copied().unwrap_or(0) < MAX_ATTEMPTS
                })
                .collect();
            for mut teacher in open {
                loop {
                    let attempts = tries.entry(teacher.teacher.clone()).or_default();
                    let early = &teacher.free[..teacher.free.len().min(EARLY_SLOTS)];
                    if *attempts >= MAX_ATTEMPTS || early.is_empty() {
                        *attempts = MAX_ATTEMPTS;
                        break;
                    }
                    *attempts += 1;
                    let pick = early[(Uuid::new_v4().as_u128() % early.len() as u128) as usize]
                        .id
                        .clone();
                    let form = [
                        ("child", child.as_str()),
                        ("slot", pick.as_str()),
                        ("topic", "Hoe gaat het in de klas?"),
                    ];
                    let sent = Instant::now();
                    let answer = self.call::<()>(BookTalk::PATH, &form).await;
                    let took = sent.elapsed();
                    tally.latencies.push(took);
                    match answer {
                        Ok(()) => {
                            tally.booked_latencies.push(took);
                            tally.booked += 1;
                            tally.accepted.push(pick);
                            break;
                        }
                        Err(Failure::Refused(AppError::AlreadyBooked)) => {
                            tally.already += 1;
                            break;
                        }
                        Err(Failure::Refused(AppError::SlotTaken(fresh))) => {
                            tally.conflicts += 1;
                            if fresh.taken != pick {
                                tally.server_error(format!(
                                    "BookTalk: the free times of another slot than {pick}"
                                ));
                                continue 'page;
                            }
                            teacher.free = fresh.free;
                        }
                        Err(failure) => {
                            tally.server_error(format!("BookTalk: {failure}"));
                            continue 'page;
                        }
                    }
                }
            }
            return tally;
        }
    }

    /// The child's id and its teachers in the load moment, as the parent's page shows them.
    async fn load(&self, moment: &str) -> Result<(String, Vec<TeacherSlots>), String> {
        let view = match self.call(LoadOudercontact::PATH, &[]).await {
            Ok(Oudercontact::Parent(view)) => view,
            Ok(_) => return Err("not a parent's view".to_owned()),
            Err(failure) => return Err(failure.to_string()),
        };
        let shown = view
            .moments
            .into_iter()
            .find(|shown| shown.moment.id == moment)
            .ok_or("the load moment is missing")?;
        if shown.teachers.len() != COURSES.len() {
            return Err(format!(
                "{} teachers instead of {}",
                shown.teachers.len(),
                COURSES.len()
            ));
        }
        Ok((view.child.id, shown.teachers))
    }

    /// Calls a server function as the wasm does: a form POST without `Accept: text/html`, whose
    /// answer is the value as JSON, or the error with a non-2xx status.
    async fn call<T: DeserializeOwned>(
        &self,
        path: &str,
        form: &[(&str, &str)],
    ) -> Result<T, Failure> {
        let response = self
            .client
            .post(format!("{}{path}", self.base))
            .header(reqwest::header::COOKIE, &self.cookie)
            .form(form)
            .send()
            .await
            .map_err(|err| Failure::Broken(format!("no answer: {}", with_causes(&err))))?;
        if let Some(upstream) = response.headers().get("x-upstream") {
            let upstream = String::from_utf8_lossy(upstream.as_bytes()).into_owned();
            if let Ok(mut upstreams) = self.upstreams.lock() {
                *upstreams.entry(upstream).or_default() += 1;
            }
        }
        let status = response.status();
        let body = response.text().await.map_err(|err| {
            Failure::Broken(format!("{status}, body unreadable: {}", with_causes(&err)))
        })?;
        if status.is_success() {
            serde_json::from_str(&body).map_err(|err| {
                Failure::Broken(format!(
                    "{status} with an unexpected body ({err}): {body:.200}"
                ))
            })
        } else if status.is_server_error() {
            Err(Failure::Broken(format!("{status}: {body:.200}")))
        } else {
            match serde_json::from_str::<AppError>(&body) {
                Ok(err) => Err(Failure::Refused(err)),
                Err(_) => Err(Failure::Broken(format!("{status}: {body:.200}"))),
            }
        }
    }
}

/// A call that did not return its value.
enum Failure {
    /// A 4xx answer with one of the app's own errors.
    Refused(AppError),
    /// A 5xx answer, a body that is not what the function returns, or no answer at all.
    Broken(String),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Refused(err) => write!(f, "{} ({err:?})", err.status()),
            Failure::Broken(text) => f.write_str(text),
        }
    }
}

/// reqwest's own message names only the request; the reason (refused, reset, timed out) is in
/// its causes.
fn with_causes(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut cause = err.source();
    while let Some(inner) = cause {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        cause = inner.source();
    }
    text
}
