/**
 * Cutting an article's text into runs for highlighting.
 *
 * Claims are atomic and may sit inside one another ("Trump and Putin first met in July" inside a
 * longer claim about the meeting), so one highlight element per claim cannot be nested
 * reliably in HTML. Instead the text is cut at every claim boundary; each run knows every
 * claim that covers it, and the UI styles the run after the innermost one.
 */
import { OffsetMap } from './offsets';

/** What the highlighter needs of a claim: its id, span (Rust char offsets) and a style key. */
export interface SpanClaim {
  id: number;
  start: number;
  end: number;
}

/** A run of text between two consecutive claim boundaries. */
export interface Run {
  /** UTF-16 index of the run's first code unit in the text. */
  start: number;
  /** UTF-16 index one past the run. */
  end: number;
  text: string;
  /** Ids of the claims that cover the run, innermost (shortest) first. */
  claimIds: number[];
}

/** The runs of a text, and the claims whose span does not fit the text (a bug upstream). */
export interface Highlighting {
  runs: Run[];
  misplaced: number[];
}

/** Cuts `text` into runs at every boundary of the claims' spans. */
export function highlightRuns(text: string, claims: readonly SpanClaim[]): Highlighting {
  const map = new OffsetMap(text);
  const placed: { id: number; start: number; end: number; length: number }[] = [];
  const misplaced: number[] = [];
  for (const claim of claims) {
    if (
      !Number.isInteger(claim.start) ||
      !Number.isInteger(claim.end) ||
      claim.start < 0 ||
      claim.end > map.charLength ||
      claim.start >= claim.end
    ) {
      misplaced.push(claim.id);
      continue;
    }
    const [start, end] = map.spanToUtf16(claim.start, claim.end);
    placed.push({ id: claim.id, start, end, length: claim.end - claim.start });
  }

  const cuts = new Set<number>([0, text.length]);
  for (const claim of placed) {
    cuts.add(claim.start);
    cuts.add(claim.end);
  }
  const boundaries = [...cuts].sort((a, b) => a - b);

  // Sweep: claims sorted by start enter the active set at their start and leave at their end.
  const byStart = [...placed].sort((a, b) => a.start - b.start);
  let next = 0;
  let active: typeof placed = [];
  const runs: Run[] = [];
  for (let i = 0; i + 1 < boundaries.length; i++) {
    const start = boundaries[i];
    const end = boundaries[i + 1];
    active = active.filter((claim) => claim.end > start);
    while (next < byStart.length && byStart[next].start <= start) active.push(byStart[next++]);
    const covering = active
      .filter((claim) => claim.start <= start && claim.end >= end)
      .sort((a, b) => a.length - b.length || a.id - b.id)
      .map((claim) => claim.id);
    runs.push({ start, end, text: text.slice(start, end), claimIds: covering });
  }
  return { runs, misplaced };
}

/**
 * Which claim a click on a run selects: the innermost one, or, when the selected claim covers
 * the run, the next one out, so that repeated clicks reach every claim under the pointer.
 */
export function claimAtRun(run: Run, selectedId: number | null): number | null {
  if (run.claimIds.length === 0) return null;
  const at = selectedId === null ? -1 : run.claimIds.indexOf(selectedId);
  if (at === -1) return run.claimIds[0];
  return run.claimIds[(at + 1) % run.claimIds.length];
}
