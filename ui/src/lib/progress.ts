/** How far the desk is with an article, from its claim counts. */
import type { StatusCounts } from '../bindings/StatusCounts';

/** Claims that are settled: a verdict was reached, or the claim was dismissed as no claim. */
export function settled(counts: StatusCounts): number {
  return counts.verified + counts.disputed + counts.dismissed;
}

/** The share of settled claims, 0..1 (an article without claims counts as done). */
export function progress(counts: StatusCounts): number {
  return counts.total === 0 ? 1 : settled(counts) / counts.total;
}
