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

/** Whether a word is capitalised (a name, a place, the start of a title). */
function capitalised(word: string): boolean {
  return /^[$€£¥]?\p{Lu}/u.test(word);
}

/** Words that open a clause after "and"/"but" rather than a name's next part. */
const CONJUNCTIONS = /^(and|but|while|whereas|although|though|because|yet)\b/;

/**
 * Whether a cut at `point` would fall inside a name: between two capitalised words ("Yuri |
 * Ushakov"), joined by nothing, a comma ("Danang, | Vietnam") or "and" ("Bosnia and |
 * Herzegovina").
 */
function insideName(text: string, span: Span, point: number): boolean {
  const all = words(text).filter((word) => word.start >= span.start && word.end <= span.end);
  const at = all.findIndex((word) => word.start === point);
  if (at <= 0) return false;
  const next = text.slice(all[at].start, all[at].end);
  const before = text.slice(all[at - 1].start, all[at - 1].end);
  const between = text.slice(all[at - 1].end, point);
  if (!capitalised(next)) return false;
  if (/^\s*,?\s*$/.test(between)) return capitalised(before);
  return false;
}

/**
 * The split point offered first: after the clause break nearest the middle (a semicolon,
 * colon or dash; a comma before a word that does not carry on a name; or before "and",
 * "but", "while" … that does not join two names), else the word start nearest the middle
 * that is not inside a name. A cut inside a name ("Danang, | Vietnam", "Yuri | Ushakov") is
 * never offered first.
 */
export function defaultSplitPoint(text: string, span: Span): number | null {
  const points = splitPoints(text, span);
  if (points.length === 0) return null;
  const middle = (span.start + span.end) / 2;
  const nearest = (candidates: number[]) =>
    candidates.reduce((best, point) => (Math.abs(point - middle) < Math.abs(best - middle) ? point : best));
  const outsideNames = points.filter((point) => !insideName(text, span, point));
  const breaks = outsideNames.filter((point) => {
    const before = text.slice(span.start, point).trimEnd();
    if (/[;:—–]$/.test(before) || /,$/.test(before)) return true;
    if (!CONJUNCTIONS.test(text.slice(point))) return false;
    // "Procter and Gamble": the word after the conjunction carries on a name.
    const after = words(text).find((word) => word.start > point && word.end <= span.end);
    const previous = before.split(/\s+/).at(-1) ?? '';
    return !(after && capitalised(text.slice(after.start, after.end)) && capitalised(previous));
  });
  if (breaks.length > 0) return nearest(breaks);
  return nearest(outsideNames.length > 0 ? outsideNames : points);
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
