//! Sentence embeddings as the desk stores them: half-precision floats, little-endian, in a
//! blob (384 dimensions take 768 bytes, half of f32). Half precision keeps three significant
//! digits, far more than a cosine between two unit vectors needs to rank and threshold: the
//! round trip moves a cosine by under 1e-3.

use claimdesk_error::{Error, Result};
use half::f16;

/// A vector as a blob: each component as an IEEE half-precision float, little-endian.
pub fn encode(vector: &[f32]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(vector.len() * 2);
    for &x in vector {
        bytes.extend_from_slice(&f16::from_f32(x).to_le_bytes());
    }
    bytes
}

/// The vector a blob written by [`encode`] holds.
pub fn decode(bytes: &[u8]) -> Result<Vec<f32>> {
    if !bytes.len().is_multiple_of(2) {
        return Err(Error::internal(format!(
            "a stored vector has {} bytes, not a whole number of half-precision floats",
            bytes.len()
        )));
    }
    Ok(bytes
        .chunks_exact(2)
        .map(|pair| f16::from_le_bytes([pair[0], pair[1]]).to_f32())
        .collect())
}

/// The dot product of two vectors (their cosine when both have unit length).
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unit_vector_survives_the_round_trip_within_a_thousandth_of_a_cosine() {
        let raw: Vec<f32> = (0..384)
            .map(|i| ((i * 37 % 101) as f32 - 50.0) / 7.0)
            .collect();
        let norm = dot(&raw, &raw).sqrt();
        let unit: Vec<f32> = raw.iter().map(|x| x / norm).collect();
        let blob = encode(&unit);
        assert_eq!(blob.len(), 768);
        let back = decode(&blob).unwrap();
        assert!((dot(&unit, &back) - 1.0).abs() < 1e-3);
    }

    #[test]
    fn a_blob_of_odd_length_is_refused() {
        assert!(decode(&[0, 1, 2]).is_err());
    }
}
