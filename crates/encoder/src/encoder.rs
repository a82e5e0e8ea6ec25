//! The encoder: text in, embeddings and check-worthiness logits out.

use std::collections::BTreeMap;

use candle_core::Tensor;
use claimdesk_error::{Error, ErrorKind, Result};
use tokenizers::{Tokenizer, TruncationParams};

use crate::bert::{self, Bert, Config};
use crate::location::ModelFiles;
use crate::tensor_error;
use crate::weights::Weights;

/// The longest input in word pieces, [CLS] and [SEP] included; longer text is cut (the model
/// was trained at this length; a sentence of 90 words fits).
pub const MAX_TOKENS: usize = 128;

/// Sentences per forward pass. Texts are sorted by length first, so a batch pads little;
/// 8 keeps the attention tensors in cache (measured: 9.4 ms of CPU a sentence at 8, 13.2 at
/// 32, 13.1 one at a time; BENCHMARKS.md).
pub const DEFAULT_BATCH: usize = 8;

/// A text's embedding: unit length, so the dot product of two is their cosine similarity.
pub type Embedding = Vec<f32>;

/// What one forward pass gives for a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Encoded {
    /// The text's embedding.
    pub embedding: Embedding,
    /// The check-worthiness head's logit, when the model has a head.
    pub logit: Option<f32>,
}

/// A loaded encoder: `Send + Sync`, share it in an `Arc`.
pub struct Encoder {
    bert: Bert,
    tokenizer: Tokenizer,
    /// The head's weights `[hidden, 1]` and bias.
    head: Option<(Tensor, f32)>,
    metadata: BTreeMap<String, String>,
    id: String,
    batch: usize,
}

impl std::fmt::Debug for Encoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Encoder")
            .field("id", &self.id)
            .field("hidden", &self.bert.hidden_size())
            .field("head", &self.head.is_some())
            .field("batch", &self.batch)
            .finish()
    }
}

impl Encoder {
    /// Load the model in `files` (its weights, `tokenizer.json` and `config.json`).
    pub fn load(files: &ModelFiles) -> Result<Encoder> {
        let read = |path: std::path::PathBuf| {
            std::fs::read(&path).map_err(|e| {
                Error::from(e).context(format!("cannot read the model file {}", path.display()))
            })
        };
        Encoder::from_bytes(
            &read(files.weights())?,
            &read(files.tokenizer())?,
            &read(files.config())?,
        )
    }

    /// Load a model from the bytes of its weights file (safetensors: f32, f16 or int8, see
    /// [`crate::weights`]), its `tokenizer.json` and its `config.json`.
    pub fn from_bytes(
        weights: &[u8],
        tokenizer_json: &[u8],
        config_json: &[u8],
    ) -> Result<Encoder> {
        let config = Config::from_json(config_json)?;
        let id = format!("{:016x}", fingerprint(weights));
        let weights = Weights::read(weights, "model.safetensors")?;
        let bert = Bert::load(&weights, &config)?;
        let hidden = config.hidden_size;
        let head = if weights.contains("classifier.weight") {
            let w = weights
                .get("classifier.weight", &[1, hidden])?
                .reshape((hidden, 1))
                .map_err(|e| tensor_error("preparing the weights", e))?;
            let b = weights
                .get("classifier.bias", &[1])?
                .to_vec1::<f32>()
                .map_err(|e| tensor_error("preparing the weights", e))?[0];
            Some((w, b))
        } else {
            None
        };
        let mut tokenizer = Tokenizer::from_bytes(tokenizer_json).map_err(|e| {
            Error::new(
                ErrorKind::UnsupportedFormat,
                format!("the model's tokenizer.json cannot be read: {e}"),
            )
        })?;
        tokenizer.with_padding(None);
        tokenizer
            .with_truncation(Some(TruncationParams {
                max_length: MAX_TOKENS.min(bert.max_positions()),
                ..TruncationParams::default()
            }))
            .map_err(|e| Error::internal(format!("tokenizer truncation: {e}")))?;
        Ok(Encoder {
            bert,
            tokenizer,
            head,
            metadata: weights.all_metadata().clone(),
            id,
            batch: DEFAULT_BATCH,
        })
    }

    /// The same encoder running `batch` texts per forward pass (at least 1).
    pub fn with_batch(mut self, batch: usize) -> Encoder {
        self.batch = batch.max(1);
        self
    }

    /// Width of the embeddings.
    pub fn dimension(&self) -> usize {
        self.bert.hidden_size()
    }

    /// Whether the weights carry a check-worthiness head.
    pub fn has_head(&self) -> bool {
        self.head.is_some()
    }

    /// The decision threshold on the logit that training chose (file metadata
    /// `threshold_logit`), if any.
    pub fn threshold(&self) -> Option<f32> {
        self.metadata("threshold_logit")
            .and_then(|v| v.trim().parse().ok())
    }

    /// A metadata entry of the weights file (what training recorded: `base`, `seed`, ...).
    pub fn metadata(&self, key: &str) -> Option<&str> {
        self.metadata.get(key).map(String::as_str)
    }

    /// A fingerprint of the weights file (16 hex digits): embeddings stored with one model
    /// are comparable only with embeddings of the same model.
    pub fn model_id(&self) -> &str {
        &self.id
    }

    /// How many word pieces the model reads of `text` ([CLS] and [SEP] included, at most
    /// [`MAX_TOKENS`]): the cost of encoding it.
    pub fn token_count(&self, text: &str) -> Result<usize> {
        Ok(self.tokenize(text)?.len())
    }

    /// Embeddings and, with a head, logits of `texts`, in their order.
    pub fn encode(&self, texts: &[&str]) -> Result<Vec<Encoded>> {
        let ids: Vec<Vec<u32>> = texts
            .iter()
            .map(|t| self.tokenize(t))
            .collect::<Result<_>>()?;
        let mut order: Vec<usize> = (0..ids.len()).collect();
        order.sort_by_key(|&i| ids[i].len());
        let mut out: Vec<Option<Encoded>> = vec![None; ids.len()];
        for chunk in order.chunks(self.batch) {
            let rows: Vec<&[u32]> = chunk.iter().map(|&i| ids[i].as_slice()).collect();
            let encoded = self
                .encode_batch(&rows)
                .map_err(|e| tensor_error("encoding text", e))?;
            for (&i, e) in chunk.iter().zip(encoded) {
                out[i] = Some(e);
            }
        }
        Ok(out.into_iter().flatten().collect())
    }

    /// Embeddings of `texts`, in their order.
    pub fn embed(&self, texts: &[&str]) -> Result<Vec<Embedding>> {
        Ok(self
            .encode(texts)?
            .into_iter()
            .map(|e| e.embedding)
            .collect())
    }

    /// Check-worthiness logits of `texts`, in their order; an error if the model has no head.
    pub fn logits(&self, texts: &[&str]) -> Result<Vec<f32>> {
        if self.head.is_none() {
            return Err(Error::new(
                ErrorKind::UnsupportedFormat,
                "this model has no check-worthiness head (it is an embedding model)",
            ));
        }
        Ok(self
            .encode(texts)?
            .into_iter()
            .map(|e| e.logit.unwrap_or(f32::NEG_INFINITY))
            .collect())
    }

    fn tokenize(&self, text: &str) -> Result<Vec<u32>> {
        let encoding = self
            .tokenizer
            .encode(text, true)
            .map_err(|e| Error::internal(format!("tokenizing {text:?}: {e}")))?;
        Ok(encoding.get_ids().to_vec())
    }

    /// One forward pass over rows of word pieces (padded to the longest).
    fn encode_batch(&self, rows: &[&[u32]]) -> candle_core::Result<Vec<Encoded>> {
        let batch = rows.len();
        let length = rows.iter().map(|r| r.len()).max().unwrap_or(0).max(1);
        let mut ids = vec![0u32; batch * length];
        let mut mask = vec![0f32; batch * length];
        for (r, row) in rows.iter().enumerate() {
            ids[r * length..r * length + row.len()].copy_from_slice(row);
            mask[r * length..r * length + row.len()].fill(1.0);
        }
        let padded = rows.iter().any(|r| r.len() != length);
        let mask = padded.then_some(mask.as_slice());
        let hidden = self.bert.forward(&ids, mask, batch, length)?;
        let pooled = bert::mean_pool(&hidden, mask, batch, length)?;
        let logits: Option<Vec<f32>> = match &self.head {
            Some((w, b)) => Some(
                pooled
                    .matmul(w)?
                    .squeeze(1)?
                    .to_vec1::<f32>()?
                    .into_iter()
                    .map(|l| l + b)
                    .collect(),
            ),
            None => None,
        };
        let embeddings = bert::normalise(&pooled)?.to_vec2::<f32>()?;
        Ok(embeddings
            .into_iter()
            .enumerate()
            .map(|(r, embedding)| Encoded {
                embedding,
                logit: logits.as_ref().map(|l| l[r]),
            })
            .collect())
    }
}

/// A fast 64-bit fingerprint of a byte string (FNV-1a over 8-byte words): ~5 ms for 45 MB.
fn fingerprint(bytes: &[u8]) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325u64 ^ bytes.len() as u64;
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let mut w = [0u8; 8];
        w.copy_from_slice(word);
        hash = (hash ^ u64::from_le_bytes(w)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    for &b in words.remainder() {
        hash = (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_differ_for_different_bytes() {
        assert_ne!(fingerprint(b"abcdefgh1"), fingerprint(b"abcdefgh2"));
        assert_ne!(fingerprint(b""), fingerprint(b"\0"));
        assert_eq!(fingerprint(b"same bytes"), fingerprint(b"same bytes"));
    }
}
