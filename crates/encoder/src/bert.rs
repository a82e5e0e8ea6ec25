//! The transformer forward pass: BERT as the sentence-transformers MiniLM models use it
//! (absolute positions, token type 0, post-layer-norm, exact-erf GELU), from token ids to the
//! last layer's vectors.
//!
//! Written here rather than taken from `candle-transformers` (whose `BertModel` the reference
//! study checked against Python): that crate carries a hundred other models, and this file is
//! the forty lines of arithmetic we run, with the query, key and value projections fused into
//! one product and the padding mask skipped for batches without padding.

use candle_core::{D, DType, Device, Tensor};
use claimdesk_error::{Error, ErrorKind, Result};
use serde::Deserialize;

use crate::tensor_error;
use crate::weights::Weights;

/// The parts of a Hugging Face `config.json` the forward pass needs.
#[derive(Debug, Clone, Deserialize)]
pub struct Config {
    /// Word pieces in the vocabulary.
    pub vocab_size: usize,
    /// Width of every token vector.
    pub hidden_size: usize,
    /// Transformer layers.
    pub num_hidden_layers: usize,
    /// Attention heads per layer.
    pub num_attention_heads: usize,
    /// Width of the feed-forward layer.
    pub intermediate_size: usize,
    /// Longest input in word pieces.
    pub max_position_embeddings: usize,
    /// Token types (segments) the model knows.
    #[serde(default = "one")]
    pub type_vocab_size: usize,
    /// Layer norm epsilon.
    #[serde(default = "layer_norm_eps")]
    pub layer_norm_eps: f64,
    /// The feed-forward activation; only "gelu" (exact, erf) is supported.
    #[serde(default = "gelu")]
    pub hidden_act: String,
}

fn one() -> usize {
    1
}
fn layer_norm_eps() -> f64 {
    1e-12
}
fn gelu() -> String {
    "gelu".to_string()
}

impl Config {
    /// Parse `config.json`.
    pub fn from_json(json: &[u8]) -> Result<Config> {
        let config: Config = serde_json::from_slice(json).map_err(|e| {
            Error::new(
                ErrorKind::UnsupportedFormat,
                format!("the model's config.json is not a BERT configuration: {e}"),
            )
        })?;
        if config.hidden_act != "gelu" {
            return Err(Error::new(
                ErrorKind::UnsupportedFormat,
                format!(
                    "the model's activation {:?} is not supported (only \"gelu\")",
                    config.hidden_act
                ),
            ));
        }
        if config.num_attention_heads == 0
            || !config
                .hidden_size
                .is_multiple_of(config.num_attention_heads)
        {
            return Err(Error::new(
                ErrorKind::UnsupportedFormat,
                "the model's hidden size is not a multiple of its attention heads",
            ));
        }
        Ok(config)
    }
}

/// `x · Wᵀ + b` with `W` kept transposed (`[in, out]`, contiguous) for the product.
#[derive(Debug)]
struct Linear {
    weight_t: Tensor,
    bias: Tensor,
}

impl Linear {
    fn load(weights: &Weights, prefix: &str, inputs: usize, outputs: usize) -> Result<Linear> {
        Linear::from_parts(
            &[weights.get(&format!("{prefix}.weight"), &[outputs, inputs])?],
            &[weights.get(&format!("{prefix}.bias"), &[outputs])?],
        )
    }

    /// One linear map from several stacked along the output (the fused query/key/value).
    fn from_parts(weights: &[Tensor], biases: &[Tensor]) -> Result<Linear> {
        let build = || -> candle_core::Result<Linear> {
            Ok(Linear {
                weight_t: Tensor::cat(weights, 0)?.t()?.contiguous()?,
                bias: Tensor::cat(biases, 0)?,
            })
        };
        build().map_err(|e| tensor_error("preparing the weights", e))
    }

    fn forward(&self, x: &Tensor) -> candle_core::Result<Tensor> {
        x.matmul(&self.weight_t)?.broadcast_add(&self.bias)
    }
}

#[derive(Debug)]
struct LayerNorm {
    gamma: Tensor,
    beta: Tensor,
    eps: f32,
}

impl LayerNorm {
    fn load(weights: &Weights, prefix: &str, width: usize, eps: f64) -> Result<LayerNorm> {
        Ok(LayerNorm {
            gamma: weights.get(&format!("{prefix}.weight"), &[width])?,
            beta: weights.get(&format!("{prefix}.bias"), &[width])?,
            eps: eps as f32,
        })
    }

    fn forward(&self, x: &Tensor) -> candle_core::Result<Tensor> {
        candle_nn::ops::layer_norm(x, &self.gamma, &self.beta, self.eps)
    }
}

#[derive(Debug)]
struct Layer {
    qkv: Linear,
    attention_out: Linear,
    attention_norm: LayerNorm,
    intermediate: Linear,
    output: Linear,
    output_norm: LayerNorm,
}

/// A loaded BERT encoder.
#[derive(Debug)]
pub struct Bert {
    word_embeddings: Tensor,
    position_embeddings: Tensor,
    token_type: Tensor,
    embedding_norm: LayerNorm,
    layers: Vec<Layer>,
    heads: usize,
    hidden: usize,
}

impl Bert {
    /// Build the encoder from its weights (Hugging Face names without a `bert.` prefix, as
    /// the files ClaimDesk ships have them).
    pub fn load(weights: &Weights, config: &Config) -> Result<Bert> {
        let h = config.hidden_size;
        let eps = config.layer_norm_eps;
        let token_types = weights.get(
            "embeddings.token_type_embeddings.weight",
            &[config.type_vocab_size, h],
        )?;
        let mut layers = Vec::with_capacity(config.num_hidden_layers);
        for l in 0..config.num_hidden_layers {
            let p = format!("encoder.layer.{l}");
            let part = |name: &str, suffix: &str, shape: &[usize]| {
                weights.get(&format!("{p}.attention.self.{name}.{suffix}"), shape)
            };
            let qkv = Linear::from_parts(
                &[
                    part("query", "weight", &[h, h])?,
                    part("key", "weight", &[h, h])?,
                    part("value", "weight", &[h, h])?,
                ],
                &[
                    part("query", "bias", &[h])?,
                    part("key", "bias", &[h])?,
                    part("value", "bias", &[h])?,
                ],
            )?;
            layers.push(Layer {
                qkv,
                attention_out: Linear::load(weights, &format!("{p}.attention.output.dense"), h, h)?,
                attention_norm: LayerNorm::load(
                    weights,
                    &format!("{p}.attention.output.LayerNorm"),
                    h,
                    eps,
                )?,
                intermediate: Linear::load(
                    weights,
                    &format!("{p}.intermediate.dense"),
                    h,
                    config.intermediate_size,
                )?,
                output: Linear::load(
                    weights,
                    &format!("{p}.output.dense"),
                    config.intermediate_size,
                    h,
                )?,
                output_norm: LayerNorm::load(weights, &format!("{p}.output.LayerNorm"), h, eps)?,
            });
        }
        Ok(Bert {
            word_embeddings: weights
                .get("embeddings.word_embeddings.weight", &[config.vocab_size, h])?,
            position_embeddings: weights.get(
                "embeddings.position_embeddings.weight",
                &[config.max_position_embeddings, h],
            )?,
            token_type: token_types
                .get(0)
                .map_err(|e| tensor_error("preparing the weights", e))?,
            embedding_norm: LayerNorm::load(weights, "embeddings.LayerNorm", h, eps)?,
            layers,
            heads: config.num_attention_heads,
            hidden: h,
        })
    }

    /// Width of the token vectors.
    pub fn hidden_size(&self) -> usize {
        self.hidden
    }

    /// Longest input in word pieces.
    pub fn max_positions(&self) -> usize {
        self.position_embeddings.dims()[0]
    }

    /// The last layer's vectors `[batch, length, hidden]` for `ids` (`batch` rows of `length`
    /// word pieces, row-major). `mask` (same layout, 1 for a real piece, 0 for padding) is
    /// needed only when rows are padded.
    pub fn forward(
        &self,
        ids: &[u32],
        mask: Option<&[f32]>,
        batch: usize,
        length: usize,
    ) -> candle_core::Result<Tensor> {
        let device = Device::Cpu;
        let (h, heads) = (self.hidden, self.heads);
        let head_width = h / heads;
        let ids = Tensor::from_slice(ids, batch * length, &device)?;
        let x = self
            .word_embeddings
            .embedding(&ids)?
            .reshape((batch, length, h))?
            .broadcast_add(&self.position_embeddings.narrow(0, 0, length)?)?
            .broadcast_add(&self.token_type)?;
        let mut x = self
            .embedding_norm
            .forward(&x)?
            .reshape((batch * length, h))?;
        // Padding gets -inf-like scores in every head: [batch, 1, 1, length].
        let bias = match mask {
            Some(mask) => Some(
                ((Tensor::from_slice(mask, (batch, 1, 1, length), &device)? - 1.0)? * 1e9)?
                    .to_dtype(DType::F32)?,
            ),
            None => None,
        };
        let scale = 1.0 / (head_width as f64).sqrt();
        for layer in &self.layers {
            let qkv = layer
                .qkv
                .forward(&x)?
                .reshape((batch, length, 3, heads, head_width))?;
            let part = |i: usize| -> candle_core::Result<Tensor> {
                qkv.narrow(2, i, 1)?
                    .squeeze(2)?
                    .transpose(1, 2)?
                    .contiguous()
            };
            let (q, k, v) = (part(0)?, part(1)?, part(2)?);
            let mut scores = (q.matmul(&k.t()?)? * scale)?;
            if let Some(bias) = &bias {
                scores = scores.broadcast_add(bias)?;
            }
            let attention = candle_nn::ops::softmax_last_dim(&scores)?;
            let context = attention
                .matmul(&v)?
                .transpose(1, 2)?
                .contiguous()?
                .reshape((batch * length, h))?;
            let attended = layer
                .attention_norm
                .forward(&(layer.attention_out.forward(&context)? + &x)?)?;
            let inner = layer.intermediate.forward(&attended)?.gelu_erf()?;
            x = layer
                .output_norm
                .forward(&(layer.output.forward(&inner)? + &attended)?)?;
        }
        x.reshape((batch, length, h))
    }
}

/// The mean of each row's vectors over its real word pieces: `[batch, hidden]`.
pub fn mean_pool(
    hidden: &Tensor,
    mask: Option<&[f32]>,
    batch: usize,
    length: usize,
) -> candle_core::Result<Tensor> {
    match mask {
        None => hidden.mean(1),
        Some(mask) => {
            let m = Tensor::from_slice(mask, (batch, length, 1), &Device::Cpu)?;
            let counts = m.sum(1)?.clamp(1e-9, f64::MAX)?;
            hidden.broadcast_mul(&m)?.sum(1)?.broadcast_div(&counts)
        }
    }
}

/// Unit-length rows (cosine = dot product).
pub fn normalise(rows: &Tensor) -> candle_core::Result<Tensor> {
    let norm = rows
        .sqr()?
        .sum_keepdim(D::Minus1)?
        .sqrt()?
        .clamp(1e-12, f64::MAX)?;
    rows.broadcast_div(&norm)
}
