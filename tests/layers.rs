//! The layers stay layers: each crate's normal dependencies (its `[dependencies]` table) name
//! none of what its crate documentation says it may not depend on. A dependency added against
//! the architecture fails here, not in review.

use std::path::Path;

/// The names in a manifest's `[dependencies]` table (not dev- or build-dependencies).
fn dependencies(manifest: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(manifest).expect("read the manifest");
    let mut names = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            inside = line == "[dependencies]";
            continue;
        }
        if inside && !line.is_empty() && !line.starts_with('#') {
            let name = line.split(['=', '.', ' ']).next().unwrap_or_default();
            names.push(name.to_string());
        }
    }
    names
}

fn crate_manifest(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(name)
        .join("Cargo.toml")
}

#[test]
fn each_layer_depends_only_on_the_layers_beneath_it() {
    let forbidden: &[(&str, &[&str])] = &[
        (
            "crates/engine",
            &[
                "rusqlite",
                "tauri",
                "tiny_http",
                "axum",
                "hyper",
                "reqwest",
                "ureq",
                "claimdesk-store",
                "claimdesk-sources",
                "claimdesk-interchange",
                "claimdesk",
                "claimdesk-lab",
            ],
        ),
        (
            "crates/sources",
            &[
                "rusqlite",
                "tauri",
                "ureq",
                "claimdesk-fetch",
                "claimdesk-store",
                "claimdesk-interchange",
                "claimdesk-lab",
            ],
        ),
        (
            "crates/store",
            &[
                "tauri",
                "tiny_http",
                "axum",
                "scraper",
                "claimdesk-sources",
                "claimdesk-interchange",
                "claimdesk",
                "claimdesk-lab",
            ],
        ),
        (
            "crates/interchange",
            &["tauri", "claimdesk", "claimdesk-sources", "claimdesk-lab"],
        ),
        (
            "crates/matching",
            &["tauri", "claimdesk", "claimdesk-sources", "claimdesk-lab"],
        ),
        (
            "crates/fetch",
            &[
                "rusqlite",
                "tauri",
                "scraper",
                "claimdesk-engine",
                "claimdesk-store",
                "claimdesk-sources",
                "claimdesk-interchange",
                "claimdesk",
                "claimdesk-lab",
            ],
        ),
        (
            "crates/fields",
            &["rusqlite", "tauri", "claimdesk-engine", "claimdesk-store"],
        ),
        (
            "crates/encoder",
            &[
                "rusqlite",
                "tauri",
                "tiny_http",
                "claimdesk-engine",
                "claimdesk-store",
                "claimdesk-sources",
                "claimdesk-interchange",
                "claimdesk",
                "claimdesk-lab",
            ],
        ),
        (
            "crates/error",
            &["tauri", "claimdesk-engine", "claimdesk-store"],
        ),
        (".", &["tauri", "claimdesk-lab"]),
        (
            "src-tauri",
            &["claimdesk-lab", "rusqlite", "claimdesk-engine"],
        ),
    ];
    for (folder, banned) in forbidden {
        let manifest = crate_manifest(folder);
        let found = dependencies(&manifest);
        assert!(
            !found.is_empty(),
            "{} lists no dependencies?",
            manifest.display()
        );
        for name in *banned {
            assert!(
                !found.iter().any(|dep| dep == name),
                "{folder} depends on {name}, which its layer may not"
            );
        }
    }
}
