//! Where the shared, read-only material lives, for the tests and benches that read `../shared`.

use std::path::PathBuf;

/// `$CLAIMDESK_SHARED`, else `../shared` beside the checkout.
pub fn shared_dir() -> PathBuf {
    std::env::var_os("CLAIMDESK_SHARED").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"),
        PathBuf::from,
    )
}
