//! Password rules and the one argon2id hasher.
//!
//! All sub-accounts of a username share the account's salt. A sign-in therefore computes one
//! argon2id hash and compares it in constant time with every stored hash of that username: the cost
//! does not grow with the number of co-accounts, and two sub-accounts can never hold the same
//! password because their hashes would be equal.

use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, LazyLock, Mutex};

use argon2::{Algorithm, Argon2, Params, Version};
use base64::engine::general_purpose::STANDARD_NO_PAD as B64;
use base64::Engine;
use rand::RngCore;
use subtle::ConstantTimeEq;
use tokio::sync::oneshot;

pub const MIN_LEN: usize = 8;
pub const MAX_LEN: usize = 128;
const HASH_LEN: usize = 32;
const SALT_LEN: usize = 16;

/// The most common passwords (zxcvbn's list plus Dutch and French ones), lowercased, built once.
/// Server-only like the rest of `auth`, so the list never travels in the wasm bundle.
static COMMON: LazyLock<HashSet<String>> = LazyLock::new(|| {
    include_str!("common-passwords.txt")
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(str::to_lowercase)
        .collect()
});

pub use crate::models::PasswordProblem;

/// Checks the rules that need no hashing: length, the common-password list, the username.
/// No composition rules: length is what makes a password strong.
pub fn check_rules(username: &str, password: &str) -> Result<(), PasswordProblem> {
    let length = password.chars().count();
    if length < MIN_LEN {
        return Err(PasswordProblem::TooShort);
    }
    if length > MAX_LEN {
        return Err(PasswordProblem::TooLong);
    }
    let lowered = password.to_lowercase();
    if lowered == username.to_lowercase() {
        return Err(PasswordProblem::SameAsUsername);
    }
    if COMMON.contains(&lowered) {
        return Err(PasswordProblem::TooCommon);
    }
    Ok(())
}

pub fn new_salt() -> String {
    let mut salt = [0u8; SALT_LEN];
    rand::thread_rng().fill_bytes(&mut salt);
    B64.encode(salt)
}

/// A salt for usernames that do not exist, so that they cost the same work as real ones.
pub const DUMMY_SALT: &str = "c2Nob29scGxhdGZvcm0tZHVtbXk";

/// The cost of one argon2id evaluation. Stored in every hash (the PHC string), so that the cost
/// can rise later: a sign-in with a hash of an older cost evaluates that cost once more and stores
/// the password again at the current one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Cost {
    pub memory_kib: u32,
    pub passes: u32,
    pub lanes: u32,
}

impl Cost {
    /// OWASP's minimum for argon2id: 19 MiB, 2 passes, 1 lane.
    pub const CURRENT: Cost = Cost {
        memory_kib: 19_456,
        passes: 2,
        lanes: 1,
    };

    /// The cost of a start password. A start password is 60 random bits, not a person's choice:
    /// guessing it takes 2^59 evaluations on average, so the slow hash that protects chosen
    /// passwords adds nothing, and the letters of a whole school are made in seconds. It is
    /// used once: the first sign-in with it stores it again at [`Cost::CURRENT`] and asks for a
    /// new password.
    pub const START: Cost = Cost {
        memory_kib: 4_096,
        passes: 1,
        lanes: 1,
    };

    fn argon2(self) -> Argon2<'static> {
        let params = Params::new(self.memory_kib, self.passes, self.lanes, Some(HASH_LEN))
            .unwrap_or_default();
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
    }

    /// The cost a stored PHC string was made with; `None` for anything else.
    pub fn of(stored: &str) -> Option<Cost> {
        let mut parts = stored.strip_prefix("$argon2id$v=19$")?.split('$');
        let mut cost = Cost {
            memory_kib: 0,
            passes: 0,
            lanes: 0,
        };
        for pair in parts.next()?.split(',') {
            let (name, value) = pair.split_once('=')?;
            let value = value.parse().ok()?;
            match name {
                "m" => cost.memory_kib = value,
                "t" => cost.passes = value,
                "p" => cost.lanes = value,
                _ => return None,
            }
        }
        (cost.memory_kib > 0 && cost.passes > 0 && cost.lanes > 0).then_some(cost)
    }
}

/// One argon2id evaluation at `cost`, on the calling thread, as a PHC string
/// (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`). Callers on the async runtime go through [`Hasher`].
pub fn hash_blocking_at(password: &str, salt_b64: &str, cost: Cost) -> String {
    let salt = B64
        .decode(salt_b64)
        .unwrap_or_else(|_| salt_b64.as_bytes().to_vec());
    let mut out = [0u8; HASH_LEN];
    if let Err(err) = cost
        .argon2()
        .hash_password_into(password.as_bytes(), &salt, &mut out)
    {
        // Only reachable with a malformed salt; the all-zero output then matches no stored hash.
        tracing::error!(error = %err, "argon2 refused its input");
    }
    format!(
        "$argon2id$v=19$m={},t={},p={}${salt_b64}${}",
        cost.memory_kib,
        cost.passes,
        cost.lanes,
        B64.encode(out)
    )
}

/// One argon2id evaluation at the current cost.
pub fn hash_blocking(password: &str, salt_b64: &str) -> String {
    hash_blocking_at(password, salt_b64, Cost::CURRENT)
}

/// Constant-time comparison of two encoded hashes.
pub fn hashes_equal(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

/// The server is at its hashing capacity; the caller should answer 503 at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Busy;

/// One evaluation for a hashing thread to run.
type Job = Box<dyn FnOnce() + Send>;

/// Runs argon2id on threads of its own, one per core, at the lowest scheduling priority: hashing
/// uses what the pages leave of the machine and gives a core back to them at once, so a flood of
/// sign-ins slows sign-ins, not the pages of people already signed in. The queue is short; a
/// request beyond it is refused at once, before it costs anything else.
#[derive(Clone)]
pub struct Hasher {
    jobs: mpsc::Sender<Job>,
    waiting: Arc<AtomicUsize>,
    max_waiting: usize,
    /// Requests refused as `Busy` since the start.
    refused: Arc<AtomicU64>,
}

/// A place in the hasher's queue, given back when the evaluation starts, or when it is dropped
/// before: also when the request that holds it is dropped while it waits (a client that gives
/// up), so that the queue never fills with ghosts.
pub struct Ticket {
    place: Arc<AtomicUsize>,
    jobs: mpsc::Sender<Job>,
}

impl Drop for Ticket {
    fn drop(&mut self) {
        self.place.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Hasher {
    pub fn new(threads: usize, max_waiting: usize) -> Hasher {
        let (jobs, queue) = mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        for n in 0..threads.max(1) {
            let queue = queue.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("argon2-{n}"))
                .spawn(move || {
                    lowest_priority();
                    // Ends when the last `Hasher` is dropped.
                    loop {
                        let job = match queue.lock() {
                            Ok(queue) => queue.recv(),
                            Err(_) => return,
                        };
                        match job {
                            Ok(job) => job(),
                            Err(_) => return,
                        }
                    }
                });
            if let Err(err) = spawned {
                tracing::error!(error = %err, "could not start a hashing thread");
            }
        }
        Hasher {
            jobs,
            waiting: Arc::new(AtomicUsize::new(0)),
            max_waiting,
            refused: Arc::default(),
        }
    }

    /// Sized to the machine: a thread per core, and a queue of eight per core.
    pub fn for_this_machine() -> Hasher {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        Hasher::new(cores, cores * 8)
    }

    /// How many hashes wait for a thread now.
    pub fn queued(&self) -> usize {
        self.waiting.load(Ordering::SeqCst)
    }

    /// How many requests were refused as `Busy` since the start.
    pub fn refused(&self) -> u64 {
        self.refused.load(Ordering::Relaxed)
    }

    /// A place in the queue, or `Busy` when it is full: taken before any other work of a request
    /// that will hash, so that a request the hasher cannot take is refused for nothing.
    pub fn reserve(&self) -> Result<Ticket, Busy> {
        let ticket = Ticket {
            place: self.waiting.clone(),
            jobs: self.jobs.clone(),
        };
        if self.waiting.fetch_add(1, Ordering::SeqCst) >= self.max_waiting {
            self.refused.fetch_add(1, Ordering::Relaxed);
            return Err(Busy);
        }
        Ok(ticket)
    }

    /// One evaluation at the current cost.
    pub async fn hash(&self, password: &str, salt: &str) -> Result<String, Busy> {
        self.reserve()?.hash(password, salt).await
    }

    pub async fn hash_at(&self, password: &str, salt: &str, cost: Cost) -> Result<String, Busy> {
        self.reserve()?.hash_at(password, salt, cost).await
    }
}

impl Ticket {
    /// One evaluation at the current cost, in the place this ticket holds.
    pub async fn hash(self, password: &str, salt: &str) -> Result<String, Busy> {
        self.hash_at(password, salt, Cost::CURRENT).await
    }

    pub async fn hash_at(self, password: &str, salt: &str, cost: Cost) -> Result<String, Busy> {
        let (started_tx, started) = oneshot::channel::<()>();
        let (done_tx, done) = oneshot::channel::<String>();
        let (password, salt) = (password.to_owned(), salt.to_owned());
        let job: Job = Box::new(move || {
            // A request that gave up while it waited costs its thread nothing.
            if done_tx.is_closed() {
                return;
            }
            let _ = started_tx.send(());
            let _ = done_tx.send(hash_blocking_at(&password, &salt, cost));
        });
        self.jobs.send(job).map_err(|_| Busy)?;
        started.await.map_err(|_| Busy)?;
        // The place is free once the evaluation runs; it runs to its end even if the request is
        // dropped now.
        drop(self);
        done.await.map_err(|_| Busy)
    }
}

/// Puts the calling thread at the lowest scheduling priority (nice 19, per thread on Linux).
fn lowest_priority() {
    use thread_priority::{set_current_thread_priority, ThreadPriority};
    if let Err(err) = set_current_thread_priority(ThreadPriority::Min) {
        tracing::warn!(?err, "hashing threads keep the normal scheduling priority");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_rules_count_characters_not_bytes() {
        assert_eq!(check_rules("lotte", "kort"), Err(PasswordProblem::TooShort));
        assert_eq!(
            check_rules("lotte", "ééééééé"),
            Err(PasswordProblem::TooShort)
        );
        assert_eq!(check_rules("lotte", "éénéénéé"), Ok(()));
        assert_eq!(check_rules("lotte", &"a".repeat(64)), Ok(()), "64 accepted");
        assert_eq!(
            check_rules("lotte", &"ab".repeat(64)),
            Ok(()),
            "128 accepted"
        );
        assert_eq!(
            check_rules("lotte", &"a".repeat(129)),
            Err(PasswordProblem::TooLong)
        );
    }

    #[test]
    fn the_common_list_holds_tens_of_thousands_of_passwords_long_enough_to_matter() {
        assert!(COMMON.len() > 30_000, "{} entries", COMMON.len());
        // Shorter ones are refused for their length already; the list need not carry them.
        assert!(
            COMMON
                .iter()
                .all(|common| common.chars().count() >= MIN_LEN),
            "an entry shorter than {MIN_LEN}"
        );
    }

    #[test]
    fn well_known_passwords_are_refused_whatever_their_case() {
        for common in [
            "password1",
            "iloveyou",
            "sunshine1",
            "qwertyuiop",
            "wachtwoord",
            "PASSWORD1",
            "ILoveYou",
            "Sunshine1",
            "QwertyUiop",
            "Wachtwoord",
            "motdepasse",
            "Welkom123",
        ] {
            assert_eq!(
                check_rules("lotte", common),
                Err(PasswordProblem::TooCommon),
                "{common}"
            );
        }
    }

    #[test]
    fn the_demo_passwords_are_not_common() {
        for school in crate::demo::SCHOOLS {
            for pupil in school.pupils {
                let passwords = std::iter::once(pupil.password)
                    .chain(pupil.co_accounts.iter().map(|co| co.password));
                for password in passwords {
                    assert_eq!(check_rules(pupil.username, password), Ok(()), "{password}");
                }
            }
            for staff in school.staff {
                assert_eq!(
                    check_rules(staff.username, staff.password),
                    Ok(()),
                    "{}",
                    staff.password
                );
            }
        }
    }

    #[test]
    fn common_passwords_and_the_username_are_refused() {
        assert_eq!(
            check_rules("lotte", "Wachtwoord123"),
            Err(PasswordProblem::TooCommon)
        );
        assert_eq!(
            check_rules("lotte", "AZERTY123"),
            Err(PasswordProblem::TooCommon)
        );
        assert_eq!(
            check_rules("lotte.peeters", "Lotte.Peeters"),
            Err(PasswordProblem::SameAsUsername)
        );
        assert_eq!(check_rules("lotte", "paard-batterij-nietje"), Ok(()));
    }

    #[test]
    fn the_same_password_and_salt_give_the_same_hash_and_others_do_not() {
        let salt = new_salt();
        let a = hash_blocking("paard-batterij-nietje", &salt);
        assert!(hashes_equal(
            &a,
            &hash_blocking("paard-batterij-nietje", &salt)
        ));
        assert!(!hashes_equal(
            &a,
            &hash_blocking("paard-batterij-nietjes", &salt)
        ));
        assert!(!hashes_equal(
            &a,
            &hash_blocking("paard-batterij-nietje", &new_salt())
        ));
    }

    #[test]
    fn a_stored_hash_carries_its_cost() {
        let salt = new_salt();
        let stored = hash_blocking("paard-batterij-nietje", &salt);
        assert!(
            stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{stored}"
        );
        assert!(stored.contains(&format!("${salt}$")));
        assert_eq!(Cost::of(&stored), Some(Cost::CURRENT));
        let cheaper = Cost {
            memory_kib: 8_192,
            passes: 1,
            lanes: 1,
        };
        let old = hash_blocking_at("paard-batterij-nietje", &salt, cheaper);
        assert_eq!(Cost::of(&old), Some(cheaper));
        assert!(!hashes_equal(&old, &stored));
        assert_eq!(Cost::of("c29tZXRoaW5n"), None);
        assert_eq!(Cost::of("$argon2id$v=19$m=0,t=2,p=1$a$b"), None);
    }

    #[tokio::test]
    async fn hashes_dropped_while_they_wait_give_their_place_back() {
        let hasher = Hasher::new(1, 4);
        // One hash holds the only core while four wait behind it.
        let running = {
            let hasher = hasher.clone();
            tokio::spawn(async move { hasher.hash("paard-batterij-nietje", DUMMY_SALT).await })
        };
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        for _ in 0..40 {
            // A client that gives up: its request (and the hash it waits for) is dropped.
            let gave_up = tokio::time::timeout(
                std::time::Duration::from_micros(100),
                hasher.hash("paard-batterij-nietje", DUMMY_SALT),
            )
            .await;
            assert!(
                matches!(gave_up, Err(_) | Ok(Ok(_))),
                "never refused: {gave_up:?}"
            );
        }
        assert_eq!(
            hasher.queued(),
            0,
            "every dropped request gave its place back"
        );
        assert!(running.await.expect("joined").is_ok());
        let later = futures_hashes(&hasher, 4).await;
        assert!(later.iter().all(Result::is_ok), "{later:?}");
        assert_eq!(hasher.queued(), 0);
    }

    async fn futures_hashes(hasher: &Hasher, n: usize) -> Vec<Result<String, Busy>> {
        let mut handles = Vec::new();
        for _ in 0..n {
            let hasher = hasher.clone();
            handles.push(tokio::spawn(async move {
                hasher.hash("paard-batterij-nietje", DUMMY_SALT).await
            }));
        }
        let mut results = Vec::new();
        for handle in handles {
            results.push(handle.await.expect("joined"));
        }
        results
    }

    /// The nice value of the calling thread, as Linux shows it.
    #[cfg(target_os = "linux")]
    fn own_nice() -> Option<i64> {
        let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
        // After the name in parentheses: state is field 3, nice field 19.
        let fields: Vec<&str> = stat.rsplit_once(") ")?.1.split(' ').collect();
        fields.get(16)?.parse().ok()
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn hashing_threads_run_at_the_lowest_priority() {
        let hasher = Hasher::new(1, 1);
        let (tell, told) = mpsc::channel();
        let job: Job = Box::new(move || {
            let _ = tell.send(own_nice());
        });
        assert!(hasher.jobs.send(job).is_ok());
        assert_eq!(told.recv().ok().flatten(), Some(19), "a hashing thread");
    }

    #[tokio::test]
    async fn a_full_queue_is_refused_at_once() {
        let hasher = Hasher::new(1, 0);
        assert_eq!(
            hasher.hash("paard-batterij-nietje", DUMMY_SALT).await,
            Err(Busy)
        );
        let roomy = Hasher::new(1, 4);
        assert!(roomy
            .hash("paard-batterij-nietje", DUMMY_SALT)
            .await
            .is_ok());
        // A reserved place counts until its evaluation starts, or until it is given up.
        let one = Hasher::new(1, 1);
        let ticket = one.reserve().expect("a place");
        assert_eq!(one.reserve().err(), Some(Busy));
        drop(ticket);
        assert!(one.reserve().is_ok());
    }
}
