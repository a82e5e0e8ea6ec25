/**
 * Rust character offsets ↔ JavaScript string indices.
 *
 * The core stores every span as offsets in Unicode scalar values ("chars" in Rust), because
 * those survive a round trip through any language. JavaScript strings are indexed in UTF-16
 * code units, where every character outside the Basic Multilingual Plane (most emoji, some
 * CJK, mathematical letters) takes two units. Using a Rust offset directly as a JS index
 * shifts every highlight after the first emoji; this module is the one place that converts.
 */

/** Converts between the character offsets of one text and its UTF-16 indices. */
export class OffsetMap {
  /** Number of Unicode scalar values in the text (Rust's `text.chars().count()`). */
  readonly charLength: number;
  /** Number of UTF-16 code units in the text (JavaScript's `text.length`). */
  readonly utf16Length: number;
  /**
   * UTF-16 index of each character offset, `charLength + 1` entries; `null` when the text
   * has no astral characters and the two coincide (the common case costs no memory).
   */
  private readonly utf16OfChar: Uint32Array | null;

  constructor(text: string) {
    this.utf16Length = text.length;
    let astral = 0;
    for (let i = 0; i < text.length; i++) {
      if (isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1))) {
        astral++;
        i++;
      }
    }
    this.charLength = text.length - astral;
    if (astral === 0) {
      this.utf16OfChar = null;
      return;
    }
    const table = new Uint32Array(this.charLength + 1);
    let char = 0;
    for (let i = 0; i < text.length; i++) {
      table[char++] = i;
      if (isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1))) i++;
    }
    table[char] = text.length;
    this.utf16OfChar = table;
  }

  /** The UTF-16 index of a Rust character offset. Throws on an offset outside the text. */
  toUtf16(charOffset: number): number {
    if (!Number.isInteger(charOffset) || charOffset < 0 || charOffset > this.charLength) {
      throw new RangeError(
        `character offset ${charOffset} is outside the text (0..=${this.charLength})`,
      );
    }
    return this.utf16OfChar === null ? charOffset : this.utf16OfChar[charOffset];
  }

  /**
   * The Rust character offset of a UTF-16 index. An index that falls between the two halves
   * of a surrogate pair (a browser selection can end there) rounds down to the character
   * that contains it. Throws on an index outside the text.
   */
  toChar(utf16Index: number): number {
    if (!Number.isInteger(utf16Index) || utf16Index < 0 || utf16Index > this.utf16Length) {
      throw new RangeError(
        `UTF-16 index ${utf16Index} is outside the text (0..=${this.utf16Length})`,
      );
    }
    const table = this.utf16OfChar;
    if (table === null) return utf16Index;
    // Largest character offset whose UTF-16 index is <= utf16Index.
    let low = 0;
    let high = this.charLength;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (table[mid] <= utf16Index) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /**
   * The Rust character span of a JavaScript `[start, end)` (a browser selection): an end
   * inside a surrogate pair takes in the whole character, a start there the whole character
   * too, so a selection never cuts an emoji in half.
   */
  spanToChars(start: number, end: number): [number, number] {
    const first = this.toChar(start);
    const last = this.toChar(end);
    return [first, this.toUtf16(last) < end ? last + 1 : last];
  }

  /** The JavaScript `[start, end)` of a span given in Rust character offsets. */
  spanToUtf16(start: number, end: number): [number, number] {
    return [this.toUtf16(start), this.toUtf16(end)];
  }
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
