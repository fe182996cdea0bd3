//! Password rules and the one argon2id hasher.
//!
//! All sub-accounts of a username share the account's salt. A sign-in therefore computes one
//! argon2id hash and compares it in constant time with every stored hash of that username: the cost
//! does not grow with the number of co-accounts, and two sub-accounts can never hold the same
//! password because their hashes would be equal.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use argon2::{Algorithm, Argon2, Params, Version};
use base64::engine::general_purpose::STANDARD_NO_PAD as B64;
use base64::Engine;
use rand::RngCore;
use subtle::ConstantTimeEq;
use tokio::sync::Semaphore;

pub const MIN_LEN: usize = 8;
pub const MAX_LEN: usize = 128;
const HASH_LEN: usize = 32;
const SALT_LEN: usize = 16;

const COMMON: &str = include_str!("common-passwords.txt");

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
    if COMMON
        .lines()
        .any(|common| common.trim().to_lowercase() == lowered)
    {
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

fn argon2() -> Argon2<'static> {
    // OWASP's minimum for argon2id: 19 MiB, 2 passes, 1 lane.
    let params = Params::new(19_456, 2, 1, Some(HASH_LEN)).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// One argon2id evaluation, on the calling thread. Callers on the async runtime go through [`Hasher`].
pub fn hash_blocking(password: &str, salt_b64: &str) -> String {
    let salt = B64
        .decode(salt_b64)
        .unwrap_or_else(|_| salt_b64.as_bytes().to_vec());
    let mut out = [0u8; HASH_LEN];
    if let Err(err) = argon2().hash_password_into(password.as_bytes(), &salt, &mut out) {
        // Only reachable with a malformed salt; the all-zero output then matches no stored hash.
        tracing::error!(error = %err, "argon2 refused its input");
    }
    B64.encode(out)
}

/// Constant-time comparison of two encoded hashes.
pub fn hashes_equal(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

/// The server is at its hashing capacity; the caller should answer 503 at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Busy;

/// Runs argon2id off the async threads, at most one per core at a time, with a short queue.
/// A request beyond the queue is refused at once instead of piling up.
#[derive(Clone)]
pub struct Hasher {
    permits: Arc<Semaphore>,
    waiting: Arc<AtomicUsize>,
    max_waiting: usize,
}

impl Hasher {
    pub fn new(parallelism: usize, max_waiting: usize) -> Hasher {
        Hasher {
            permits: Arc::new(Semaphore::new(parallelism.max(1))),
            waiting: Arc::new(AtomicUsize::new(0)),
            max_waiting,
        }
    }

    /// Sized to the machine: one hash per core, and a queue of eight per core.
    pub fn for_this_machine() -> Hasher {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        Hasher::new(cores, cores * 8)
    }

    pub async fn hash(&self, password: &str, salt: &str) -> Result<String, Busy> {
        if self.waiting.fetch_add(1, Ordering::SeqCst) >= self.max_waiting {
            self.waiting.fetch_sub(1, Ordering::SeqCst);
            return Err(Busy);
        }
        let permit = self.permits.clone().acquire_owned().await;
        self.waiting.fetch_sub(1, Ordering::SeqCst);
        let permit = permit.map_err(|_| Busy)?;
        let (password, salt) = (password.to_owned(), salt.to_owned());
        let hashed = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            hash_blocking(&password, &salt)
        })
        .await
        .map_err(|_| Busy)?;
        Ok(hashed)
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
    }
}
