//! Conversion from byte offsets (what Rust string slicing uses) to character offsets (what
//! ClaimDesk stores and the UI receives).
//!
//! The engine works on byte offsets internally because slicing a `&str` by bytes is free; it
//! converts only the offsets it reports. Counting characters from the start of the text for each
//! offset would make extraction quadratic on long inputs, so the index keeps the character count
//! at the start of every small block of bytes and counts only inside one block per lookup.

/// Bytes per block of the index: small enough that a lookup scans little, large enough that the
/// table stays a fraction of the text's size.
const BLOCK: usize = 64;

/// Maps byte offsets of one text to character offsets in constant time.
#[derive(Debug)]
pub struct CharIndex<'a> {
    text: &'a str,
    /// Characters before the start of each block; empty when the text is ASCII, where a byte
    /// offset already is a character offset.
    block_starts: Vec<u32>,
}

impl<'a> CharIndex<'a> {
    /// Index `text`: one linear pass.
    pub fn new(text: &'a str) -> Self {
        if text.is_ascii() {
            return CharIndex {
                text,
                block_starts: Vec::new(),
            };
        }
        let bytes = text.as_bytes();
        let mut block_starts = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut chars: u32 = 0;
        for block in bytes.chunks(BLOCK) {
            block_starts.push(chars);
            let in_block = block.iter().filter(|&&b| !is_continuation(b)).count();
            // Input is capped far below 4 GiB (see `engine::MAX_INPUT_BYTES`), so a u32 holds
            // any character count; saturate rather than wrap if that ever changes.
            chars = chars.saturating_add(u32::try_from(in_block).unwrap_or(u32::MAX));
        }
        // One entry past the last block, so the offset just past the end of a text whose
        // length is a multiple of the block size maps to the character count, not to zero.
        block_starts.push(chars);
        CharIndex { text, block_starts }
    }

    /// The character offset of byte offset `byte` (clamped to the text's length).
    pub fn char_at(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        if self.block_starts.is_empty() {
            return byte;
        }
        let block = byte / BLOCK;
        let base = self.block_starts.get(block).copied().unwrap_or(0) as usize;
        let from = block * BLOCK;
        base + self.text.as_bytes()[from..byte]
            .iter()
            .filter(|&&b| !is_continuation(b))
            .count()
    }
}

/// Whether `b` continues a multi-byte UTF-8 sequence (and so starts no character).
fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_match_counting_from_the_start() {
        let text = "“Straße” costs €5 — naïve café. ".repeat(20);
        let index = CharIndex::new(&text);
        for (byte, _) in text.char_indices() {
            assert_eq!(
                index.char_at(byte),
                text[..byte].chars().count(),
                "byte {byte}"
            );
        }
        assert_eq!(index.char_at(text.len()), text.chars().count());
    }

    #[test]
    fn the_end_of_a_text_a_whole_number_of_blocks_long_is_its_length() {
        // Regression: found by the property test over `extract`; the end offset mapped to 0.
        let text = format!("\u{e9}{}", "a".repeat(BLOCK - 2));
        assert_eq!(text.len(), BLOCK);
        assert_eq!(CharIndex::new(&text).char_at(text.len()), BLOCK - 1);
    }

    #[test]
    fn ascii_text_maps_bytes_to_themselves() {
        let index = CharIndex::new("plain ascii");
        assert_eq!(index.char_at(5), 5);
        assert_eq!(index.char_at(99), 11);
    }
}
