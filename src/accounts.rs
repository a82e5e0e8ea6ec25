//! Editors' accounts on a desk server: passwords, signing in, and slowing down guessing.
//!
//! Passwords are hashed with Argon2id (the `argon2` crate, RustCrypto; its default cost,
//! 19 MiB and two passes, OWASP's recommendation) and only the PHC string is stored. A
//! sign-in that fails costs the same whether the name exists or not (an unknown name is
//! checked against a stand-in hash), and failures are counted per account and per address:
//! after [`FREE_FAILURES`] in a row, each further attempt must wait, twice as long each time,
//! up to [`MAX_LOCKOUT`]. A successful sign-in opens a session of [`SESSION_HOURS`] hours,
//! known to the client by a random 256-bit token and to the store by its hash.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use chrono::Utc;

use claimdesk_error::{Error, ErrorKind, Result};
use claimdesk_store::{Desk, Session};

/// How long a session lasts: a working day and then some; signing in again starts another.
pub const SESSION_HOURS: i64 = 12;

/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// The longest password accepted (hashing a megabyte of "password" is a denial of service).
pub const MAX_PASSWORD_CHARS: usize = 1024;

/// Failed sign-ins in a row before the next must wait.
pub const FREE_FAILURES: u32 = 5;

/// The longest wait between attempts.
pub const MAX_LOCKOUT: Duration = Duration::from_secs(15 * 60);

/// How long failures are remembered without a new one.
const FAILURE_MEMORY: Duration = Duration::from_secs(60 * 60);

/// The most accounts and addresses tracked at once; beyond it the oldest are forgotten.
const MAX_TRACKED: usize = 20_000;

/// Check a new password: long enough to resist guessing, short enough to hash.
pub fn check_new_password(password: &str) -> Result<()> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(Error::invalid_input(format!(
            "the password has {chars} characters; use at least {MIN_PASSWORD_CHARS} (a few \
             words in a row are easy to remember and hard to guess)"
        ))
        .with_field("password"));
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(Error::new(
            ErrorKind::TooLarge,
            format!("the password is longer than {MAX_PASSWORD_CHARS} characters"),
        )
        .with_field("password"));
    }
    Ok(())
}

/// Hash a password for storing (Argon2id, a fresh random salt, PHC string).
pub fn hash_password(password: &str) -> Result<String> {
    check_new_password(password)?;
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|err| Error::internal(format!("cannot hash the password: {err}")))
}

/// Whether `password` matches the stored PHC string.
fn password_matches(password: &str, stored: &str) -> bool {
    if password.chars().count() > MAX_PASSWORD_CHARS {
        return false;
    }
    PasswordHash::new(stored)
        .map(|hash| {
            Argon2::default()
                .verify_password(password.as_bytes(), &hash)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash no password matches in practice, checked for unknown names so that a failed
/// sign-in takes as long whether the name exists or not.
fn stand_in_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| {
        let mut secret = [0u8; 24];
        let _ = getrandom::fill(&mut secret);
        let password: String = secret.iter().map(|b| format!("{b:02x}")).collect();
        hash_password(&password).unwrap_or_default()
    })
}

/// A new session token: 256 random bits, hex.
pub fn new_token() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|err| {
        Error::internal(format!("the system's random number source failed: {err}"))
    })?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Failures of one account or address.
#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    last: Instant,
    blocked_until: Option<Instant>,
}

/// Failed sign-ins by account and by address.
#[derive(Debug, Default)]
pub struct Throttle {
    by_key: Mutex<HashMap<String, Failures>>,
}

/// What a throttle entry is about.
fn account_key(name: &str) -> String {
    format!("account:{}", name.trim().to_lowercase())
}

fn address_key(address: IpAddr) -> String {
    format!("address:{address}")
}

impl Throttle {
    /// How long `keys` must still wait, the longest of them.
    fn wait(&self, keys: &[String], now: Instant) -> Option<Duration> {
        let map = self.by_key.lock().unwrap_or_else(|p| p.into_inner());
        keys.iter()
            .filter_map(|key| map.get(key)?.blocked_until)
            .filter(|until| *until > now)
            .map(|until| until - now)
            .max()
    }

    fn failed(&self, keys: &[String], now: Instant) {
        let mut map = self.by_key.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() >= MAX_TRACKED {
            map.retain(|_, f| now.duration_since(f.last) < FAILURE_MEMORY);
            if map.len() >= MAX_TRACKED {
                // Under a flood of addresses, forget the oldest half rather than grow.
                let mut ages: Vec<Instant> = map.values().map(|f| f.last).collect();
                ages.sort_unstable();
                let cut = ages[ages.len() / 2];
                map.retain(|_, f| f.last > cut);
            }
        }
        for key in keys {
            let entry = map.entry(key.clone()).or_insert(Failures {
                count: 0,
                last: now,
                blocked_until: None,
            });
            if now.duration_since(entry.last) >= FAILURE_MEMORY {
                entry.count = 0;
            }
            entry.count += 1;
            entry.last = now;
            if entry.count >= FREE_FAILURES {
                let doublings = (entry.count - FREE_FAILURES).min(20);
                let wait = Duration::from_secs(1u64 << doublings).min(MAX_LOCKOUT);
                entry.blocked_until = Some(now + wait);
            }
        }
    }

    fn succeeded(&self, account: &str) {
        // Only the account is forgiven: an address that guesses at many accounts stays slow
        // even if one of its attempts is someone's own account.
        let mut map = self.by_key.lock().unwrap_or_else(|p| p.into_inner());
        map.remove(&account_key(account));
    }
}

/// Sign in `name` with `password` from `address`: a new session, and its token for the
/// client's cookie. Wrong names and passwords are the same `unauthenticated` error; too many
/// failures are `too_many_attempts` saying how long to wait.
pub fn sign_in(
    desk: &Desk,
    throttle: &Throttle,
    name: &str,
    password: &str,
    address: IpAddr,
) -> Result<(Session, String)> {
    let keys = [account_key(name), address_key(address)];
    if let Some(wait) = throttle.wait(&keys, Instant::now()) {
        return Err(too_many_attempts(wait));
    }
    let credentials = desk.credentials(name)?;
    let stored = credentials
        .as_ref()
        .map_or_else(|| stand_in_hash(), |c| c.password_hash.as_str());
    let matches = password_matches(password, stored);
    let account = match credentials {
        Some(c) if matches && c.account.disabled_at.is_none() => c.account,
        _ => {
            throttle.failed(&keys, Instant::now());
            return Err(Error::new(
                ErrorKind::Unauthenticated,
                "that name and password do not match an account of this desk; check both \
                 (the password is case-sensitive), or ask the desk's administrator",
            ));
        }
    };
    throttle.succeeded(name);
    let token = new_token()?;
    let expires = Utc::now() + chrono::Duration::hours(SESSION_HOURS);
    let session = desk.start_session(account.id, &token, expires)?;
    Ok((session, token))
}

fn too_many_attempts(wait: Duration) -> Error {
    let seconds = wait.as_secs().max(1);
    let when = if seconds < 90 {
        format!("{seconds} seconds")
    } else {
        format!("{} minutes", seconds.div_ceil(60))
    };
    Error::new(
        ErrorKind::TooManyAttempts,
        format!(
            "too many wrong passwords for this account or from this computer; try again in \
             {when}"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_is_argon2id_and_checks_only_its_password() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(password_matches("correct horse battery", &hash));
        assert!(!password_matches("correct horse battery!", &hash));
        assert!(!password_matches("anything", "not a hash"));
    }

    #[test]
    fn short_passwords_are_refused() {
        assert_eq!(
            hash_password("short").unwrap_err().field(),
            Some("password")
        );
    }

    #[test]
    fn tokens_are_256_random_bits() {
        let (a, b) = (new_token().unwrap(), new_token().unwrap());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
    }

    #[test]
    fn failures_make_the_next_attempt_wait_longer_and_longer() {
        let throttle = Throttle::default();
        let keys = [account_key("Sam"), address_key(IpAddr::from([10, 0, 0, 7]))];
        let start = Instant::now();
        for _ in 0..FREE_FAILURES - 1 {
            throttle.failed(&keys, start);
        }
        assert_eq!(throttle.wait(&keys, start), None, "a few typos are free");
        throttle.failed(&keys, start);
        assert_eq!(throttle.wait(&keys, start), Some(Duration::from_secs(1)));
        throttle.failed(&keys, start);
        assert_eq!(throttle.wait(&keys, start), Some(Duration::from_secs(2)));
        for _ in 0..30 {
            throttle.failed(&keys, start);
        }
        assert_eq!(throttle.wait(&keys, start), Some(MAX_LOCKOUT));
        // Another account from another address is not held up.
        let other = [account_key("Ana"), address_key(IpAddr::from([10, 0, 0, 8]))];
        assert_eq!(throttle.wait(&other, start), None);
    }

    #[test]
    fn a_successful_sign_in_forgives_the_account_not_the_address() {
        let throttle = Throttle::default();
        let address = address_key(IpAddr::from([10, 0, 0, 7]));
        let keys = [account_key("Sam"), address.clone()];
        let start = Instant::now();
        for _ in 0..FREE_FAILURES {
            throttle.failed(&keys, start);
        }
        throttle.succeeded("sam");
        assert_eq!(throttle.wait(&[account_key("Sam")], start), None);
        assert!(throttle.wait(&[address], start).is_some());
    }
}
