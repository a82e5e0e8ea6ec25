//! Editors' accounts and their sign-in sessions.
//!
//! The store keeps what the desk must remember: each account's name, its password hash (an
//! Argon2id PHC string made and checked by the app, `claimdesk::accounts`, so the store needs
//! no password hashing of its own), whether it is an administrator or disabled, and the open
//! sessions. A session is known by a SHA-256 hash of its secret token: the token itself only
//! ever lives in the editor's cookie, so a copy of the database does not let anyone in.
//! Disabling an account or changing its password ends its sessions.

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};
use sha2::{Digest, Sha256};

use crate::records::Account;
use crate::{Desk, editor_name};
use claimdesk_error::{Error, ErrorKind, Result};

/// An account with its password hash, for checking a sign-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    /// The account.
    pub account: Account,
    /// Its Argon2id PHC string.
    pub password_hash: String,
}

/// A live session: whose, and until when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// The signed-in account.
    pub account: Account,
    /// When it ends (UTC RFC 3339).
    pub expires_at: String,
}

/// The key two names that differ only in case share.
fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// What the `sessions` table stores for a token.
fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn rfc3339(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Secs, true)
}

const ACCOUNT_COLUMNS: &str = "e.id, e.name, e.admin, e.created_at, e.disabled_at";

fn account_from_row(row: &Row<'_>) -> rusqlite::Result<Account> {
    Ok(Account {
        id: row.get(0)?,
        name: row.get(1)?,
        admin: row.get(2)?,
        created_at: row.get(3)?,
        disabled_at: row.get(4)?,
    })
}

fn no_account(name: &str) -> Error {
    Error::not_found(format!(
        "there is no account named \u{201C}{name}\u{201D}; `claimdesk user list` shows them"
    ))
}

fn account_by_name(conn: &Connection, name: &str) -> Result<Option<Credentials>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {ACCOUNT_COLUMNS}, e.password_hash FROM editors AS e WHERE e.name_key = ?1"
        ))?
        .query_row([name_key(name)], |row| {
            Ok(Credentials {
                account: account_from_row(row)?,
                password_hash: row.get(5)?,
            })
        })
        .optional()?)
}

fn end_sessions_of(conn: &Connection, editor_id: i64) -> Result<()> {
    conn.execute("DELETE FROM sessions WHERE editor_id = ?1", [editor_id])?;
    Ok(())
}

impl Desk {
    /// Add an account. `password_hash` is an Argon2id PHC string; names are unique whatever
    /// their case.
    pub fn add_account(&self, name: &str, password_hash: &str, admin: bool) -> Result<Account> {
        let name = editor_name(name)?;
        let now = self.now();
        self.write(|tx| {
            if account_by_name(tx, name)?.is_some() {
                return Err(Error::new(
                    ErrorKind::Conflict,
                    format!(
                        "there is already an account named \u{201C}{name}\u{201D}; pick another \
                         name, or change its password with `claimdesk user password`"
                    ),
                ));
            }
            tx.execute(
                "INSERT INTO editors (name, name_key, password_hash, admin, created_at,
                                      password_changed_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                params![name, name_key(name), password_hash, admin, now],
            )?;
            Ok(account_by_name(tx, name)?
                .ok_or_else(|| Error::internal("the account just added is missing"))?
                .account)
        })
    }

    /// Every account, in name order.
    pub fn accounts(&self) -> Result<Vec<Account>> {
        self.read(|conn| {
            crate::queries::rows(
                conn,
                &format!("SELECT {ACCOUNT_COLUMNS} FROM editors AS e ORDER BY e.name_key"),
                [],
                account_from_row,
            )
        })
    }

    /// Whether the desk has an account that can sign in.
    pub fn has_accounts(&self) -> Result<bool> {
        self.read(|conn| {
            Ok(conn
                .prepare_cached("SELECT EXISTS (SELECT 1 FROM editors WHERE disabled_at IS NULL)")?
                .query_row([], |row| row.get(0))?)
        })
    }

    /// The account named `name` (any case) with its password hash, to check a sign-in.
    pub fn credentials(&self, name: &str) -> Result<Option<Credentials>> {
        self.read(|conn| account_by_name(conn, name))
    }

    /// Replace an account's password hash; its sessions end, so every browser signed in as it
    /// must sign in again.
    pub fn set_password_hash(&self, name: &str, password_hash: &str) -> Result<Account> {
        let now = self.now();
        self.write(|tx| {
            let found = account_by_name(tx, name)?.ok_or_else(|| no_account(name))?;
            tx.execute(
                "UPDATE editors SET password_hash = ?2, password_changed_at = ?3 WHERE id = ?1",
                params![found.account.id, password_hash, now],
            )?;
            end_sessions_of(tx, found.account.id)?;
            Ok(found.account)
        })
    }

    /// Disable an account: it can no longer sign in, and its sessions end now. Its name stays
    /// in the history of everything it changed.
    pub fn disable_account(&self, name: &str) -> Result<Account> {
        let now = self.now();
        self.write(|tx| {
            let found = account_by_name(tx, name)?.ok_or_else(|| no_account(name))?;
            if found.account.disabled_at.is_none() {
                tx.execute(
                    "UPDATE editors SET disabled_at = ?2 WHERE id = ?1",
                    params![found.account.id, now],
                )?;
            }
            end_sessions_of(tx, found.account.id)?;
            Ok(account_by_name(tx, name)?
                .ok_or_else(|| no_account(name))?
                .account)
        })
    }

    /// Open a session for an account until `expires`, known by `token` (kept as a hash).
    /// Sessions that have expired are cleared out at the same time.
    pub fn start_session(
        &self,
        account_id: i64,
        token: &str,
        expires: DateTime<Utc>,
    ) -> Result<Session> {
        let now = self.now();
        let expires_at = rfc3339(expires);
        self.write(|tx| {
            tx.execute("DELETE FROM sessions WHERE expires_at <= ?1", [&now])?;
            tx.execute(
                "INSERT INTO sessions (token_hash, editor_id, created_at, expires_at)
                 VALUES (?1, ?2, ?3, ?4)",
                params![token_hash(token), account_id, now, expires_at],
            )?;
            let account = tx
                .prepare_cached(&format!(
                    "SELECT {ACCOUNT_COLUMNS} FROM editors AS e WHERE e.id = ?1"
                ))?
                .query_row([account_id], account_from_row)?;
            Ok(Session {
                account,
                expires_at: expires_at.clone(),
            })
        })
    }

    /// The live session `token` opened: not expired, its account not disabled.
    pub fn session(&self, token: &str) -> Result<Option<Session>> {
        let now = self.now();
        self.read(|conn| {
            Ok(conn
                .prepare_cached(&format!(
                    "SELECT {ACCOUNT_COLUMNS}, s.expires_at
                     FROM sessions AS s JOIN editors AS e ON e.id = s.editor_id
                     WHERE s.token_hash = ?1 AND s.expires_at > ?2 AND e.disabled_at IS NULL"
                ))?
                .query_row(params![token_hash(token), now], |row| {
                    Ok(Session {
                        account: account_from_row(row)?,
                        expires_at: row.get(5)?,
                    })
                })
                .optional()?)
        })
    }

    /// End the session `token` opened (signing out); nothing happens when there is none.
    pub fn end_session(&self, token: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "DELETE FROM sessions WHERE token_hash = ?1",
                [token_hash(token)],
            )?;
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stored_token_is_a_hash_not_the_token() {
        let hash = token_hash("secret-token");
        assert_eq!(hash.len(), 64);
        assert!(!hash.contains("secret"));
    }

    #[test]
    fn names_that_differ_only_in_case_share_a_key() {
        assert_eq!(name_key(" Sam Chen "), name_key("sam chen"));
    }
}
