/**
 * Moving a claim's edges by whole words, for the keyboard span editor (arrows move the end,
 * Shift+arrows the start) and the split point. Works on JavaScript (UTF-16) indices of the
 * article text; the component converts to the core's character offsets with `OffsetMap`.
 */

/** `[start, end)` in UTF-16 indices. */
export interface Span {
  start: number;
  end: number;
}

/**
 * A word as an editor would select one: letters, digits and combining marks, joined by
 * apostrophes, hyphens, points or commas inside numbers and names ("don’t", "48.5", "1,200",
 * "co-operate"), with a currency sign before and a per cent sign after ("$48", "92%").
 */
const WORD = /[$€£¥]?[\p{L}\p{N}\p{M}]+(?:['’.,\-/][\p{L}\p{N}\p{M}]+)*%?/gu;

/** Every word of the text as a span, in order. */
export function words(text: string): Span[] {
  return [...text.matchAll(WORD)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
}

/**
 * The span with its end moved a word forward (`by` 1: to the end of the next word) or back
 * (−1: to the end of the word before the last one). A span keeps at least one word; at the
 * limit it comes back unchanged.
 */
export function moveEnd(text: string, span: Span, by: -1 | 1): Span {
  const all = words(text);
  if (by > 0) {
    const next = all.find((word) => word.end > span.end);
    return next ? { start: span.start, end: next.end } : span;
  }
  const earlier = all.filter((word) => word.end < span.end && word.start >= span.start);
  const last = earlier.at(-1);
  return last ? { start: span.start, end: last.end } : span;
}

/** The span with its start moved a word back (−1) or forward (1), keeping at least one word. */
export function moveStart(text: string, span: Span, by: -1 | 1): Span {
  const all = words(text);
  if (by < 0) {
    const before = all.filter((word) => word.start < span.start).at(-1);
    return before ? { start: before.start, end: span.end } : span;
  }
  const next = all.find((word) => word.start > span.start && word.end <= span.end);
  return next ? { start: next.start, end: span.end } : span;
}

/** Where a claim can be split: the start of each of its words but the first. */
export function splitPoints(text: string, span: Span): number[] {
  return words(text)
    .filter((word) => word.start > span.start && word.end <= span.end)
    .map((word) => word.start);
}

/**
 * The split point offered first: after the clause break nearest the middle (a comma,
 * semicolon or dash, or before "and"/"but"), else the word start nearest the middle.
 */
export function defaultSplitPoint(text: string, span: Span): number | null {
  const points = splitPoints(text, span);
  if (points.length === 0) return null;
  const middle = (span.start + span.end) / 2;
  const nearest = (candidates: number[]) =>
    candidates.reduce((best, point) => (Math.abs(point - middle) < Math.abs(best - middle) ? point : best));
  const breaks = points.filter((point) => {
    const before = text.slice(span.start, point).trimEnd();
    return /[,;:—–]$/.test(before) || /^(and|but|while|whereas)\b/i.test(text.slice(point));
  });
  return nearest(breaks.length > 0 ? breaks : points);
}

/** The split point a word before (−1) or after (1) `at`; `at` itself at either end. */
export function movePoint(points: readonly number[], at: number, by: -1 | 1): number {
  if (by > 0) return points.find((point) => point > at) ?? at;
  return points.filter((point) => point < at).at(-1) ?? at;
}

/**
 * A span for a new claim after `after` (the selected claim's end, or 0): the next word, which
 * the editor then widens with the arrows.
 */
export function firstWordAfter(text: string, after: number): Span | null {
  const next = words(text).find((word) => word.start >= after);
  return next ?? null;
}
