//! JSON that is safe to paste into an HTML `<script>` element, written as a stream.
//!
//! [`ScriptSafe`] passes JSON text through to another writer, writing `<`, `>`, `&`, U+2028
//! and U+2029 as `\u003c`, `\u003e`, `\u0026`, `\u2028` and `\u2029`. These characters only
//! ever occur inside JSON strings (keys included), where a `\u` escape means the same, so the
//! JSON reads back unchanged but cannot close a `<script>` element or end a JavaScript line.
//! It works on bytes as they arrive: a character split across two writes is still caught.

use std::io::{self, Write};

/// The UTF-8 lead byte of U+2028 and U+2029 (`E2 80 A8`, `E2 80 A9`).
const LINE_SEPARATOR_LEAD: u8 = 0xE2;

/// A writer that escapes what could end a `<script>` element or a JavaScript line; see the
/// module documentation.
#[derive(Debug)]
pub struct ScriptSafe<W: Write> {
    inner: W,
    /// The first bytes of a character that may be U+2028 or U+2029: `E2` or `E2 80`.
    held: Held,
}

/// What a [`ScriptSafe`] holds back until the next byte says what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Held {
    Nothing,
    Lead,
    LeadAnd80,
}

impl<W: Write> ScriptSafe<W> {
    /// Escape what is written on its way to `inner`.
    pub fn new(inner: W) -> ScriptSafe<W> {
        ScriptSafe {
            inner,
            held: Held::Nothing,
        }
    }

    /// Write out anything held back, flush, and give back the inner writer.
    pub fn finish(mut self) -> io::Result<W> {
        self.release()?;
        self.inner.flush()?;
        Ok(self.inner)
    }

    /// Write the bytes held back as they are: they were not U+2028 or U+2029.
    fn release(&mut self) -> io::Result<()> {
        match std::mem::replace(&mut self.held, Held::Nothing) {
            Held::Nothing => Ok(()),
            Held::Lead => self.inner.write_all(&[LINE_SEPARATOR_LEAD]),
            Held::LeadAnd80 => self.inner.write_all(&[LINE_SEPARATOR_LEAD, 0x80]),
        }
    }
}

impl<W: Write> Write for ScriptSafe<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        let mut rest = buf;
        while let Some(&next) = rest.first() {
            match self.held {
                Held::Nothing => {
                    let special = rest
                        .iter()
                        .position(|&b| matches!(b, b'<' | b'>' | b'&' | LINE_SEPARATOR_LEAD));
                    let Some(at) = special else {
                        return self.inner.write_all(rest);
                    };
                    self.inner.write_all(&rest[..at])?;
                    match rest[at] {
                        b'<' => self.inner.write_all(b"\\u003c")?,
                        b'>' => self.inner.write_all(b"\\u003e")?,
                        b'&' => self.inner.write_all(b"\\u0026")?,
                        _ => self.held = Held::Lead,
                    }
                    rest = &rest[at + 1..];
                }
                Held::Lead if next == 0x80 => {
                    self.held = Held::LeadAnd80;
                    rest = &rest[1..];
                }
                Held::LeadAnd80 if next == 0xA8 || next == 0xA9 => {
                    self.held = Held::Nothing;
                    self.inner
                        .write_all(if next == 0xA8 { b"\\u2028" } else { b"\\u2029" })?;
                    rest = &rest[1..];
                }
                // Another character: write what was held and read `next` afresh.
                Held::Lead | Held::LeadAnd80 => self.release()?,
            }
        }
        Ok(())
    }

    /// Flushes what has been escaped; a character's first bytes stay held until the rest
    /// arrives (or [`ScriptSafe::finish`]).
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped_in_pieces(text: &str, piece: usize) -> String {
        let mut out = ScriptSafe::new(Vec::new());
        for chunk in text.as_bytes().chunks(piece) {
            out.write_all(chunk).unwrap();
        }
        String::from_utf8(out.finish().unwrap()).unwrap()
    }

    #[test]
    fn what_could_end_a_script_is_escaped_wherever_the_writes_split_it() {
        let text = "a</script>&b\u{2028}c\u{2029}d\u{2026}e\u{20AC}\u{E2}";
        let expected = "a\\u003c/script\\u003e\\u0026b\\u2028c\\u2029d\u{2026}e\u{20AC}\u{E2}";
        for piece in 1..=text.len() {
            assert_eq!(
                escaped_in_pieces(text, piece),
                expected,
                "writes of {piece}"
            );
        }
    }

    #[test]
    fn a_text_ending_in_the_first_bytes_of_a_character_loses_nothing() {
        // Not valid UTF-8 on its own, but what was written comes out.
        let mut out = ScriptSafe::new(Vec::new());
        out.write_all(&[b'x', 0xE2, 0x80]).unwrap();
        assert_eq!(out.finish().unwrap(), vec![b'x', 0xE2, 0x80]);
    }
}
