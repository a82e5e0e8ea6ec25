//! Reading a weights file into f32 tensors.
//!
//! The file is [safetensors](https://github.com/huggingface/safetensors) with the Hugging Face
//! BERT names (`embeddings.word_embeddings.weight`, `encoder.layer.0.attention.self.query.weight`,
//! ... and optionally `classifier.weight`/`classifier.bias`). Each tensor may be stored as
//!
//! - `F32` or `F16` (or `BF16`): converted to f32;
//! - `I8` with a companion `<name>.scale` tensor (`F32`, one value per row): row `r` is
//!   `q[r, ..] * scale[r]` ("weight-only" int8, symmetric, per output row). The matrices are
//!   95% of the parameters, so the file is a quarter of f32's size, and every product still
//!   runs in f32: the only loss is the rounding of each weight to 1/127 of its row's largest.
//!
//! The file's metadata (the safetensors header's `__metadata__`) carries what the training
//! script recorded: the decision threshold (`threshold_logit`), the base model, the seed.

use std::collections::{BTreeMap, HashMap};

use candle_core::{DType, Device, Tensor};
use claimdesk_error::{Error, ErrorKind, Result};
use safetensors::{Dtype, SafeTensors};

use crate::tensor_error;

/// The suffix of the per-row scales of an int8 tensor.
pub const SCALE_SUFFIX: &str = ".scale";

/// A weights file read into f32 tensors by name, with the file's metadata.
#[derive(Debug)]
pub struct Weights {
    tensors: HashMap<String, Tensor>,
    metadata: BTreeMap<String, String>,
}

impl Weights {
    /// Read the bytes of a safetensors file. `what` names the file in errors.
    pub fn read(bytes: &[u8], what: &str) -> Result<Weights> {
        let file = SafeTensors::deserialize(bytes).map_err(|e| not_a_model(what, e))?;
        let (_, header) = SafeTensors::read_metadata(bytes).map_err(|e| not_a_model(what, e))?;
        let metadata = header
            .metadata()
            .as_ref()
            .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default();
        let device = Device::Cpu;
        let mut tensors = HashMap::new();
        for (name, view) in file.iter() {
            if name.ends_with(SCALE_SUFFIX) {
                continue;
            }
            let shape = view.shape();
            let tensor = match view.dtype() {
                Dtype::F32 => Tensor::from_raw_buffer(view.data(), DType::F32, shape, &device),
                Dtype::F16 => Tensor::from_raw_buffer(view.data(), DType::F16, shape, &device)
                    .and_then(|t| t.to_dtype(DType::F32)),
                Dtype::BF16 => Tensor::from_raw_buffer(view.data(), DType::BF16, shape, &device)
                    .and_then(|t| t.to_dtype(DType::F32)),
                Dtype::I8 => {
                    let scale_name = format!("{name}{SCALE_SUFFIX}");
                    let scales = file.tensor(&scale_name).map_err(|_| {
                        not_a_model(what, format!("int8 tensor {name} has no {scale_name}"))
                    })?;
                    let values = dequantise(view.data(), shape, &scales)
                        .map_err(|e| not_a_model(what, format!("{name}: {e}")))?;
                    Tensor::from_vec(values, shape, &device)
                }
                // Integer buffers some files carry (`embeddings.position_ids`) are not weights.
                Dtype::I64
                | Dtype::I32
                | Dtype::I16
                | Dtype::U8
                | Dtype::U16
                | Dtype::U32
                | Dtype::U64
                | Dtype::BOOL => continue,
                other => {
                    return Err(not_a_model(
                        what,
                        format!("tensor {name} is {other:?}; expected F32, F16, BF16 or I8"),
                    ));
                }
            }
            .map_err(|e| tensor_error("reading the weights", e))?;
            tensors.insert(name.to_string(), tensor);
        }
        Ok(Weights { tensors, metadata })
    }

    /// The tensor `name`, checked to have `shape`.
    pub fn get(&self, name: &str, shape: &[usize]) -> Result<Tensor> {
        let tensor = self.tensors.get(name).ok_or_else(|| {
            Error::new(
                ErrorKind::UnsupportedFormat,
                format!("the model's weights lack the tensor {name}"),
            )
        })?;
        if tensor.dims() != shape {
            return Err(Error::new(
                ErrorKind::UnsupportedFormat,
                format!(
                    "the model's tensor {name} has shape {:?}; its config.json needs {shape:?}",
                    tensor.dims()
                ),
            ));
        }
        Ok(tensor.clone())
    }

    /// Whether the file holds a tensor `name`.
    pub fn contains(&self, name: &str) -> bool {
        self.tensors.contains_key(name)
    }

    /// A metadata entry of the file.
    pub fn metadata(&self, key: &str) -> Option<&str> {
        self.metadata.get(key).map(String::as_str)
    }

    /// Every metadata entry of the file.
    pub fn all_metadata(&self) -> &BTreeMap<String, String> {
        &self.metadata
    }
}

/// `q[r, ..] * scale[r]` for every row `r` of an int8 tensor of `shape`.
fn dequantise(
    data: &[u8],
    shape: &[usize],
    scales: &safetensors::tensor::TensorView<'_>,
) -> std::result::Result<Vec<f32>, String> {
    let rows = shape.first().copied().unwrap_or(1);
    let columns: usize = shape.iter().skip(1).product();
    if scales.dtype() != Dtype::F32 || scales.shape() != [rows] {
        return Err(format!(
            "scales must be F32 of shape [{rows}], found {:?} {:?}",
            scales.dtype(),
            scales.shape()
        ));
    }
    if data.len() != rows * columns {
        return Err(format!("{} bytes for shape {shape:?}", data.len()));
    }
    let scales: Vec<f32> = scales
        .data()
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect();
    let mut values = Vec::with_capacity(data.len());
    for (row, scale) in data.chunks_exact(columns.max(1)).zip(&scales) {
        values.extend(row.iter().map(|&q| f32::from(q as i8) * scale));
    }
    Ok(values)
}

fn not_a_model(what: &str, err: impl std::fmt::Display) -> Error {
    Error::new(
        ErrorKind::UnsupportedFormat,
        format!("{what} is not a model file ClaimDesk can read: {err}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use safetensors::tensor::TensorView;

    fn file(tensors: Vec<(&str, Dtype, Vec<usize>, Vec<u8>)>) -> Vec<u8> {
        let views: Vec<(String, TensorView<'_>)> = tensors
            .iter()
            .map(|(name, dtype, shape, data)| {
                (
                    name.to_string(),
                    TensorView::new(*dtype, shape.clone(), data).unwrap(),
                )
            })
            .collect();
        let metadata = Some(HashMap::from([(
            "threshold_logit".to_string(),
            "-0.25".to_string(),
        )]));
        safetensors::serialize(views, metadata).unwrap()
    }

    #[test]
    fn int8_rows_are_scaled_by_their_own_scale() {
        let q: Vec<u8> = [1i8, -2, 127, 0, -127, 3]
            .iter()
            .map(|&v| v as u8)
            .collect();
        let scales: Vec<u8> = [0.5f32, 0.01]
            .iter()
            .flat_map(|s| s.to_le_bytes())
            .collect();
        let bytes = file(vec![
            ("w", Dtype::I8, vec![2, 3], q),
            ("w.scale", Dtype::F32, vec![2], scales),
        ]);
        let weights = Weights::read(&bytes, "test").unwrap();
        let w = weights.get("w", &[2, 3]).unwrap().to_vec2::<f32>().unwrap();
        assert_eq!(w[0], [0.5, -1.0, 63.5]);
        assert!((w[1][1] + 1.27).abs() < 1e-6 && (w[1][2] - 0.03).abs() < 1e-6);
        assert!(!weights.contains("w.scale"));
        assert_eq!(weights.metadata("threshold_logit"), Some("-0.25"));
    }

    #[test]
    fn f16_is_read_as_f32() {
        let data: Vec<u8> = [1.5f32, -0.25]
            .iter()
            .flat_map(|v| half_bits(*v).to_le_bytes())
            .collect();
        let bytes = file(vec![("b", Dtype::F16, vec![2], data)]);
        let weights = Weights::read(&bytes, "test").unwrap();
        assert_eq!(
            weights.get("b", &[2]).unwrap().to_vec1::<f32>().unwrap(),
            [1.5, -0.25]
        );
    }

    /// The f16 bit pattern of small exact values (sign, exponent, 10-bit mantissa).
    fn half_bits(v: f32) -> u16 {
        let bits = v.to_bits();
        let sign = ((bits >> 16) & 0x8000) as u16;
        let exponent = (((bits >> 23) & 0xff) as i32 - 127 + 15) as u16;
        let mantissa = ((bits >> 13) & 0x3ff) as u16;
        sign | (exponent << 10) | mantissa
    }

    #[test]
    fn a_missing_scale_or_a_wrong_shape_is_a_clear_error() {
        let bytes = file(vec![("w", Dtype::I8, vec![1, 2], vec![1, 2])]);
        let err = Weights::read(&bytes, "model.safetensors").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::UnsupportedFormat);
        assert!(err.message().contains("w.scale"), "{}", err.message());
        let bytes = file(vec![("b", Dtype::F32, vec![1], vec![0, 0, 0, 0])]);
        let weights = Weights::read(&bytes, "test").unwrap();
        assert_eq!(
            weights.get("b", &[2]).unwrap_err().kind(),
            ErrorKind::UnsupportedFormat
        );
        assert!(Weights::read(b"not a model", "x").is_err());
    }
}
