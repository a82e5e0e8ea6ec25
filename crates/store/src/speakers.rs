//! One speaker, one name across the desk: an article that calls someone only by the last name
//! ("Trump said…", with no full name in it) gets the full name the desk already knows for that
//! last name ("Donald Trump"), when exactly one fits. Within an article the engine does the
//! same from the names the article itself gives.

use std::collections::HashMap;

use claimdesk_engine::ExtractedClaim;
use rusqlite::Transaction;

use claimdesk_error::Result;

/// Give each claim whose speaker is a single name the full name the desk knows for it, if the
/// desk knows exactly one ("Trump" → "Donald Trump"; "Smith" with two Smiths stays "Smith").
pub(crate) fn use_desk_names(tx: &Transaction<'_>, claims: &mut [ExtractedClaim]) -> Result<()> {
    let mut known: HashMap<String, Option<String>> = HashMap::new();
    for claim in claims.iter_mut() {
        let Some(name) = claim.speaker.as_deref() else {
            continue;
        };
        if !is_single_name(name) {
            continue;
        }
        let full = match known.get(name) {
            Some(full) => full.clone(),
            None => {
                let full = full_name_on_desk(tx, name)?;
                known.insert(name.to_string(), full.clone());
                full
            }
        };
        if let Some(full) = full {
            claim.speaker = Some(full);
        }
    }
    Ok(())
}

/// A capitalised single word that can be a last name ("Trump"; not "WHO", not "officials").
fn is_single_name(name: &str) -> bool {
    !name.contains(' ')
        && name.starts_with(char::is_uppercase)
        && name.chars().skip(1).any(char::is_lowercase)
}

/// The one speaker on the desk whose name ends with `last` as a word, if there is exactly one.
fn full_name_on_desk(tx: &Transaction<'_>, last: &str) -> Result<Option<String>> {
    let mut statement = tx.prepare_cached(
        "SELECT DISTINCT speaker FROM claims
         WHERE hidden = 0 AND speaker LIKE ? ESCAPE '\\' LIMIT 2",
    )?;
    let pattern = format!("% {}", last.replace(['%', '_', '\\'], ""));
    let names: Vec<String> = statement
        .query_map([pattern], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    // LIKE ignores case; a full name keeps the last name's spelling.
    Ok(match names.as_slice() {
        [only] if only.ends_with(last) => Some(only.clone()),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_single_name_is_a_capitalised_word() {
        assert!(is_single_name("Trump"));
        assert!(!is_single_name("WHO"));
        assert!(!is_single_name("officials"));
        assert!(!is_single_name("Donald Trump"));
    }
}
