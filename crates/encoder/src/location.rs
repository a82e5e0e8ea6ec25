//! Finding the model files at run time.
//!
//! The weights are files beside the program, never compiled into it (45 MB in every binary
//! and every test executable would slow every build and link). A model is a folder
//! `<models>/<name>/` holding `model.safetensors`, `tokenizer.json` and `config.json`; the
//! `<models>` folder is looked for, in order:
//!
//! 1. folders the caller names (the desktop app passes its bundled resources folder);
//! 2. `$CLAIMDESK_MODELS` when set (tests, CI, a developer trying another model): then only
//!    there, so a mistyped path is an error rather than a silent fallback;
//! 3. beside the executable: `models/`, `../share/claimdesk/models/` (the .deb installs to
//!    `/usr/share/claimdesk/models`), `../lib/claimdesk/models/`;
//! 4. `/usr/share/claimdesk/models`;
//! 5. the source tree's `models/` folder, for `cargo run` and `cargo test` in a checkout.

use std::path::{Path, PathBuf};

use claimdesk_error::{Error, ErrorKind, Result};

/// The environment variable naming the folder that holds the model folders.
pub const MODELS_ENV: &str = "CLAIMDESK_MODELS";

/// The weights file's name inside a model folder.
pub const WEIGHTS_FILE: &str = "model.safetensors";

/// The model folder ClaimDesk rates check-worthiness with: all-MiniLM-L6-v2 fine-tuned on the
/// ClaimBuster training debates, with a check-worthiness head.
pub const CHECKWORTHINESS_MODEL: &str = "checkworthiness-minilm-l6";

/// The model folder ClaimDesk compares claims with ("checked before?", the same claim in two
/// articles): all-MiniLM-L6-v2 as published. The check-worthiness fine-tune is no good at this
/// (claim-retrieval MAP@5 0.39 against the base model's 0.87, BENCHMARKS.md), so both ship.
pub const SIMILARITY_MODEL: &str = "similarity-minilm-l6";

/// The files of one model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelFiles {
    /// The model's folder.
    pub dir: PathBuf,
}

impl ModelFiles {
    /// The weights (`model.safetensors`).
    pub fn weights(&self) -> PathBuf {
        self.dir.join(WEIGHTS_FILE)
    }

    /// The tokenizer (`tokenizer.json`).
    pub fn tokenizer(&self) -> PathBuf {
        self.dir.join("tokenizer.json")
    }

    /// The configuration (`config.json`).
    pub fn config(&self) -> PathBuf {
        self.dir.join("config.json")
    }

    fn complete(&self) -> bool {
        self.weights().is_file() && self.tokenizer().is_file() && self.config().is_file()
    }
}

/// Find the model folder `name` (see the module documentation for where), or a
/// [`ErrorKind::NotFound`] error listing where it looked and what to do.
pub fn find_model(name: &str, extra_dirs: &[PathBuf]) -> Result<ModelFiles> {
    let env = std::env::var_os(MODELS_ENV).map(PathBuf::from);
    find_in(name, &candidate_roots(extra_dirs, env.as_deref()))
}

/// The folders that may hold model folders, in the order they are tried.
fn candidate_roots(extra_dirs: &[PathBuf], env: Option<&Path>) -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> = extra_dirs.to_vec();
    if let Some(env) = env {
        roots.push(env.to_path_buf());
        return roots;
    }
    if let Some(exe_dir) = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf))
    {
        roots.push(exe_dir.join("models"));
        roots.push(exe_dir.join("../share/claimdesk/models"));
        roots.push(exe_dir.join("../lib/claimdesk/models"));
    }
    roots.push(PathBuf::from("/usr/share/claimdesk/models"));
    roots.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models"));
    roots
}

fn find_in(name: &str, roots: &[PathBuf]) -> Result<ModelFiles> {
    for root in roots {
        let files = ModelFiles {
            dir: root.join(name),
        };
        if files.complete() {
            return Ok(files);
        }
    }
    let looked: Vec<String> = roots
        .iter()
        .map(|r| r.join(name).display().to_string())
        .collect();
    Err(Error::new(
        ErrorKind::NotFound,
        format!(
            "ClaimDesk's language model \"{name}\" is missing (a folder with {WEIGHTS_FILE}, \
             tokenizer.json and config.json). Looked in: {}. Reinstall ClaimDesk, or set \
             {MODELS_ENV} to the folder that holds \"{name}\" (in a checkout: the repository's \
             models/ folder)",
            looked.join(", ")
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_variable_is_the_only_place_looked_when_set() {
        let roots = candidate_roots(&[], Some(Path::new("/somewhere")));
        assert_eq!(roots, [PathBuf::from("/somewhere")]);
        let roots = candidate_roots(&[PathBuf::from("/bundle")], None);
        assert_eq!(roots[0], PathBuf::from("/bundle"));
        assert!(roots.contains(&PathBuf::from("/usr/share/claimdesk/models")));
    }

    #[test]
    fn a_missing_model_says_where_it_looked_and_what_to_do() {
        let err = find_in("no-such-model", &[PathBuf::from("/nowhere")]).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::NotFound);
        assert!(err.message().contains("/nowhere/no-such-model"));
        assert!(err.message().contains(MODELS_ENV));
    }

    #[test]
    fn the_checkout_holds_the_shipped_models() {
        let roots = candidate_roots(&[], None);
        for name in [CHECKWORTHINESS_MODEL, SIMILARITY_MODEL] {
            assert!(find_in(name, &roots).is_ok(), "{name}");
        }
    }
}
