import { describe, expect, it } from 'vitest';
import { OffsetMap } from './offsets';

/** Rust's view of a string: its Unicode scalar values. */
function rustChars(text: string): string[] {
  return Array.from(text);
}

/** The span a Rust engine would report for the first occurrence of `needle` in `text`. */
function rustSpan(text: string, needle: string): [number, number] {
  const chars = rustChars(text);
  const wanted = rustChars(needle);
  for (let start = 0; start + wanted.length <= chars.length; start++) {
    if (wanted.every((c, i) => chars[start + i] === c)) return [start, start + wanted.length];
  }
  throw new Error(`${needle} not in ${text}`);
}

describe('OffsetMap', () => {
  it('maps offsets one to one in plain ASCII text', () => {
    const map = new OffsetMap('The minister said 3.2 million.');
    expect(map.charLength).toBe(30);
    expect(map.toUtf16(4)).toBe(4);
    expect(map.toChar(30)).toBe(30);
  });

  it('keeps curly quotes and accents as one index each (they are in the BMP)', () => {
    const text = '“Les élèves”, a déclaré Zoë Müller, “ont réussi à 92 %.”';
    const map = new OffsetMap(text);
    const [start, end] = rustSpan(text, 'ont réussi à 92 %');
    expect(text.slice(...map.spanToUtf16(start, end))).toBe('ont réussi à 92 %');
    expect(map.charLength).toBe(text.length);
  });

  it('highlights the right words after an emoji', () => {
    const text = 'Turnout 🗳️ rose 🚀 to 71% in 2024, officials said.';
    const map = new OffsetMap(text);
    const [start, end] = rustSpan(text, 'to 71% in 2024');
    // Used directly as JS indices, Rust offsets would be off by one per emoji before them.
    expect(text.slice(start, end)).not.toBe('to 71% in 2024');
    expect(text.slice(...map.spanToUtf16(start, end))).toBe('to 71% in 2024');
  });

  it('handles a span that starts and ends on astral characters', () => {
    const text = 'a😀b𝔘c';
    const map = new OffsetMap(text);
    expect(map.charLength).toBe(5);
    expect(map.utf16Length).toBe(7);
    expect(text.slice(...map.spanToUtf16(1, 4))).toBe('😀b𝔘');
    expect(map.toUtf16(5)).toBe(7);
  });

  it('converts a browser selection back to Rust offsets, rounding inside a surrogate pair down', () => {
    const text = 'x👩‍🔬 found 12 cases';
    const map = new OffsetMap(text);
    const utf16Start = text.indexOf('found');
    const utf16End = utf16Start + 'found 12 cases'.length;
    const [start, end] = [map.toChar(utf16Start), map.toChar(utf16End)];
    expect(rustChars(text).slice(start, end).join('')).toBe('found 12 cases');
    // Index 2 is the low half of 👩 (which starts at 1): it belongs to character 1.
    expect(map.toChar(2)).toBe(1);
  });

  it('round-trips every character offset', () => {
    const text = '“Ça marche” 😀 — naïve café 🇫🇷 ok';
    const map = new OffsetMap(text);
    for (let c = 0; c <= map.charLength; c++) expect(map.toChar(map.toUtf16(c))).toBe(c);
  });

  it('handles the empty text', () => {
    const map = new OffsetMap('');
    expect(map.toUtf16(0)).toBe(0);
    expect(map.toChar(0)).toBe(0);
  });

  it('refuses offsets outside the text instead of highlighting the wrong words', () => {
    const map = new OffsetMap('a😀');
    expect(() => map.toUtf16(3)).toThrow(RangeError);
    expect(() => map.toUtf16(-1)).toThrow(RangeError);
    expect(() => map.toChar(4)).toThrow(RangeError);
    expect(() => map.toUtf16(0.5)).toThrow(RangeError);
  });
});

describe('OffsetMap.spanToChars (a browser selection to the span the core stores)', () => {
  it('turns a selection after emoji and accents into Rust offsets of the same words', () => {
    const text = 'Zoë 🙌 said “€40,000” 📈 went to the café’s 🎓 pupils.';
    const map = new OffsetMap(text);
    const from = text.indexOf('€40,000');
    const to = text.indexOf('pupils') + 'pupils'.length;
    const [start, end] = map.spanToChars(from, to);
    expect(rustChars(text).slice(start, end).join('')).toBe(text.slice(from, to));
    expect([start, end]).toEqual(rustSpan(text, text.slice(from, to)));
  });

  it('takes in the whole emoji when a selection ends or starts between its two halves', () => {
    const text = 'up 📈 now';
    const map = new OffsetMap(text);
    const emoji = text.indexOf('📈');
    expect(map.spanToChars(0, emoji + 1)).toEqual([0, 4]);
    expect(rustChars(text).slice(0, 4).join('')).toBe('up 📈');
    expect(map.spanToChars(emoji + 1, text.length)).toEqual([3, 8]);
  });

  it('keeps combining accents (two code points, one letter on screen) as Rust counts them', () => {
    const text = 'Cafe\u0301 prices rose 5%.';
    const map = new OffsetMap(text);
    expect(map.spanToChars(0, 5)).toEqual([0, 5]);
    expect(rustChars(text).slice(0, 5).join('')).toBe('Cafe\u0301');
  });
});
