//! Exact nearest neighbours by meaning: every fact-check's embedding in one contiguous matrix,
//! scored against a query by dot product (cosine, the vectors having unit length).
//!
//! Exact search reads the whole matrix per query: 14,231 fact-checks × 384 dimensions is 5.5
//! million multiply-adds, a few milliseconds on one core (BENCHMARKS.md), so an approximate
//! index would buy nothing at this size and cost recall.

/// The embeddings of a list of documents; a document may have none (not embedded yet).
#[derive(Debug, Default)]
pub struct Dense {
    dimensions: usize,
    rows: Vec<f32>,
    present: Vec<bool>,
}

impl Dense {
    /// An empty matrix of vectors of `dimensions` components.
    pub fn new(dimensions: usize) -> Self {
        Dense {
            dimensions,
            rows: Vec::new(),
            present: Vec::new(),
        }
    }

    /// Append the next document's vector (`None`: it has none, or one of another size).
    pub fn push(&mut self, vector: Option<&[f32]>) {
        match vector.filter(|v| v.len() == self.dimensions) {
            Some(vector) => {
                self.rows.extend_from_slice(vector);
                self.present.push(true);
            }
            None => {
                self.rows.extend(std::iter::repeat_n(0.0, self.dimensions));
                self.present.push(false);
            }
        }
    }

    /// The number of components of each vector.
    pub fn dimensions(&self) -> usize {
        self.dimensions
    }

    /// How many documents have a vector.
    pub fn with_vectors(&self) -> usize {
        self.present.iter().filter(|p| **p).count()
    }

    /// The dot product of `query` with every document's vector, in document order; `None`
    /// for a document without one (and for every document when `query` has another size).
    pub fn scores(&self, query: &[f32]) -> Vec<Option<f32>> {
        if query.len() != self.dimensions || self.dimensions == 0 {
            return vec![None; self.present.len()];
        }
        self.rows
            .chunks_exact(self.dimensions)
            .zip(&self.present)
            .map(|(row, &present)| present.then(|| dot(row, query)))
            .collect()
    }
}

/// A dot product written so the compiler vectorises it (eight independent sums).
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut sums = [0.0f32; 8];
    let (a_chunks, b_chunks) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = a_chunks
        .remainder()
        .iter()
        .zip(b_chunks.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (x, y) in a_chunks.zip(b_chunks) {
        for i in 0..8 {
            sums[i] += x[i] * y[i];
        }
    }
    sums.iter().sum::<f32>() + tail
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_are_dot_products_and_missing_vectors_score_none() {
        let mut dense = Dense::new(3);
        dense.push(Some(&[1.0, 0.0, 0.0]));
        dense.push(None);
        dense.push(Some(&[0.6, 0.8, 0.0]));
        dense.push(Some(&[1.0, 0.0])); // another model's size: as good as none
        assert_eq!(
            dense.scores(&[1.0, 0.0, 0.0]),
            [Some(1.0), None, Some(0.6), None]
        );
        assert_eq!(dense.with_vectors(), 2);
        assert_eq!(dense.scores(&[1.0]), [None, None, None, None]);
    }

    #[test]
    fn the_vectorised_dot_product_matches_the_plain_one() {
        let a: Vec<f32> = (0..387).map(|i| (i as f32).sin()).collect();
        let b: Vec<f32> = (0..387).map(|i| (i as f32 * 0.7).cos()).collect();
        let plain: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
        assert!((dot(&a, &b) - plain).abs() < 1e-3);
    }
}
