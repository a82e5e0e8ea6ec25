//! What is measured: the engine as the desk runs it (claims rated by the sentence encoder), or
//! its fast path for bulk work (the linear sentence model alone, `--fast`).

use claimdesk_encoder::Encoder;
use claimdesk_engine::reading::EncoderLayer;
use claimdesk_engine::scoring::{Model, sigmoid};
use claimdesk_engine::{self as engine, ExtractOptions, Extraction, signals};
use claimdesk_error::Result;

/// How sentences and articles are rated.
#[derive(Debug, Clone, Copy)]
pub enum Scorer<'a> {
    /// The linear sentence model and its transcript layer (`extract`).
    Linear(&'a Model),
    /// The sentence encoder with the model's encoder layer (`extract_with_encoder`).
    Encoder {
        /// The check-worthiness encoder.
        encoder: &'a Encoder,
        /// The model file whose encoder layer turns its logits into scores.
        model: &'a Model,
        /// That layer.
        layer: &'a EncoderLayer,
    },
}

impl<'a> Scorer<'a> {
    /// The encoder with `model`'s layer for it (an error if the model has none, or one fitted
    /// for other weights).
    pub fn encoder(encoder: &'a Encoder, model: &'a Model) -> Result<Scorer<'a>> {
        Ok(Scorer::Encoder {
            encoder,
            model,
            layer: engine::encoder_layer(model, encoder)?,
        })
    }

    /// Run the whole engine on an article.
    pub fn extract(&self, text: &str, options: &ExtractOptions) -> Result<Extraction> {
        match self {
            Scorer::Linear(model) => Ok(engine::extract_with(text, options, model)),
            Scorer::Encoder { encoder, model, .. } => {
                engine::extract_read(text, options, encoder, model)
            }
        }
    }

    /// The score of each sentence rated alone (as `claimdesk score` rates it).
    pub fn sentence_scores(&self, texts: &[&str]) -> Result<Vec<f64>> {
        match self {
            Scorer::Linear(model) => Ok(texts
                .iter()
                .map(|t| model.probability(&signals::analyse(t)))
                .collect()),
            Scorer::Encoder { encoder, .. } => Ok(encoder
                .logits(texts)?
                .into_iter()
                .map(|l| sigmoid(f64::from(l)))
                .collect()),
        }
    }

    /// The score at which a single sentence is check-worthy.
    pub fn threshold(&self) -> f64 {
        match self {
            Scorer::Linear(model) => model.threshold(),
            Scorer::Encoder { layer, .. } => layer.threshold,
        }
    }

    /// What is measured, for the report.
    pub fn describe(&self) -> String {
        match self {
            Scorer::Linear(_) => "the linear sentence model (the fast path, --fast)".to_string(),
            Scorer::Encoder { encoder, .. } => format!(
                "the sentence encoder {} (weights {})",
                claimdesk_encoder::CHECKWORTHINESS_MODEL,
                encoder.model_id()
            ),
        }
    }
}
