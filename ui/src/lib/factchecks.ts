/**
 * "Checked before": the published fact-checks a claim may repeat, how one reads in the claim
 * panel, whether it is already attached, and the import's second half, indexing the library
 * by meaning a batch at a time so a progress bar moves.
 */
import type { Evidence } from '../bindings/Evidence';
import type { FactCheck } from '../bindings/FactCheck';
import type { FactCheckUpsert } from '../bindings/FactCheckUpsert';
import type { IndexProgress } from '../bindings/IndexProgress';
import { formatCalendarDate } from './format';

/** Whether the fact-check is already one of the claim's evidence links (by its link). */
export function isAttached(factCheck: FactCheck, evidence: Evidence[]): boolean {
  return factCheck.url !== null && evidence.some((item) => item.url === factCheck.url);
}

/**
 * Publisher, rating and day on one line, the day as ClaimDesk shows every date:
 * "Eastbrook Fact Check · Mostly true · 2025-03-14".
 */
export function sourceLine(factCheck: FactCheck): string {
  const parts = [factCheck.publisher ?? 'Unknown publisher'];
  if (factCheck.rating) parts.push(factCheck.rating);
  if (factCheck.published) parts.push(formatCalendarDate(factCheck.published));
  return parts.join(' · ');
}

/** What importing a file did: "22 added, 0 updated, 3 unchanged". */
export function countsLine(counts: FactCheckUpsert): string {
  const n = (value: number) => value.toLocaleString('en-GB');
  return `${n(counts.added)} added, ${n(counts.updated)} updated, ${n(counts.unchanged)} unchanged`;
}

/** A 0..1 similarity as "87% alike", or nothing when it is not known. */
export function alikeLabel(similarity: number | null): string | null {
  if (similarity === null || !Number.isFinite(similarity)) return null;
  return `${Math.round(Math.min(1, Math.max(0, similarity)) * 100)}% alike`;
}

/**
 * Index the library by meaning until it is done, nothing more can be done, or `stop()` says
 * so; `onprogress` gets each step. Resolves with the last step (`null` if none was taken).
 */
export async function indexLibrary(
  step: () => Promise<IndexProgress>,
  onprogress: (progress: IndexProgress) => void,
  stop: () => boolean = () => false,
): Promise<IndexProgress | null> {
  let last: IndexProgress | null = null;
  // Bounded: every step embeds at least one fact-check or ends the loop, and the library
  // cannot hold more steps than fact-checks.
  for (let guard = 0; guard < 1_000_000; guard += 1) {
    if (stop()) return last;
    last = await step();
    onprogress(last);
    if (last.indexed >= last.total || last.embedded === 0) return last;
  }
  return last;
}
