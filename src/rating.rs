//! How the app rates claims: with the sentence encoder (the check-worthiness model in
//! `models/`), loaded once per process on first use, or with the linear sentence model alone
//! (the fast path, for bulk work and for when the encoder's files are missing).
//!
//! An import never fails for want of the encoder: when it cannot be loaded, the claims are
//! rated by the fast path and the import carries a warning that says so and what to do.

use std::sync::OnceLock;
use std::sync::mpsc::{Sender, channel};

use claimdesk_encoder::{CHECKWORTHINESS_MODEL, Encoder, find_model};
use claimdesk_engine::{self as engine, ExtractOptions, Extraction};
use claimdesk_error::{Error, Result};

/// Which model rates the claims' check-worthiness.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rating {
    /// The fine-tuned sentence encoder, reading each claim's sentence with its attribution
    /// (what the desk uses: ClaimBuster dev AP 0.845 against 0.773, BENCHMARKS.md).
    #[default]
    Encoder,
    /// The linear sentence model alone: some 100 times faster, for bulk extraction.
    Fast,
}

/// The process's check-worthiness encoder, loaded on first use (about 0.2 s and 110 MB), or
/// why it could not be.
static ENCODER: OnceLock<std::result::Result<Encoder, Error>> = OnceLock::new();

/// The check-worthiness encoder, loading it on the first call.
pub fn encoder() -> Result<&'static Encoder> {
    ENCODER
        .get_or_init(|| find_model(CHECKWORTHINESS_MODEL, &[]).and_then(|f| Encoder::load(&f)))
        .as_ref()
        .map_err(Clone::clone)
}

/// Load the encoder now, on another thread, so the first import does not wait for it (the
/// server and the desktop app call this at start).
pub fn preload() {
    std::thread::spawn(|| {
        let _ = encoder();
    });
}

/// An article for the reading thread, and where to send its extraction.
type Job = (String, ExtractOptions, Sender<Result<Extraction>>);

/// The thread every encoder-rated extraction runs on, started on first use.
///
/// Why one thread: the forward pass allocates and frees some megabytes of tensors, and the
/// allocator keeps freed pages with the thread that used them. Run from the server's worker
/// threads in turn, each kept its own: `claimdesk serve` peaked at 409 MB after importing the
/// 18 NewsClaims dev articles one by one, against 245 MB for one import from the command line.
/// Articles are rated one at a time either way (the forward pass already uses every core).
static READER: OnceLock<Sender<Job>> = OnceLock::new();

fn reader() -> &'static Sender<Job> {
    READER.get_or_init(|| {
        let (jobs, inbox) = channel::<Job>();
        std::thread::spawn(move || {
            for (text, options, reply) in inbox {
                let read = encoder()
                    .and_then(|encoder| engine::extract_with_encoder(&text, &options, encoder));
                // The caller may have gone (a dropped request): nothing to do then.
                let _ = reply.send(read);
            }
        });
        jobs
    })
}

/// [`engine::extract_with_encoder`] on the reading thread.
fn read(text: &str, options: &ExtractOptions) -> Result<Extraction> {
    let (reply, answer) = channel();
    reader()
        .send((text.to_string(), options.clone(), reply))
        .map_err(|_| Error::internal("the sentence encoder's thread has stopped"))?;
    answer
        .recv()
        .map_err(|_| Error::internal("the sentence encoder's thread stopped while reading"))?
}

/// Find and rate the claims of `text` (after [`engine::check_input`]) as `rating` says, with
/// any warning the editor should read: when the encoder cannot rate, the fast path does, and
/// the warning says why.
pub fn extract(
    text: &str,
    options: &ExtractOptions,
    rating: Rating,
) -> Result<(Extraction, Option<String>)> {
    engine::check_input(text)?;
    if rating == Rating::Fast {
        return Ok((engine::extract(text, options), None));
    }
    match read(text, options) {
        Ok(extraction) => Ok((extraction, None)),
        Err(err) => Ok((
            engine::extract(text, options),
            Some(format!(
                "claims were rated by the fast model, not the sentence encoder: {}",
                err.message()
            )),
        )),
    }
}
