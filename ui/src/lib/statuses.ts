/**
 * The review statuses as the UI arranges them: the order of the buttons and the key that sets
 * each. Labels are not here: they come from the core (`app_info`), so the desktop, the browser
 * and the reports all say the same words.
 */
import type { ClaimStatus } from '../bindings/ClaimStatus';

/** The order of the status buttons: the verdicts first, reset last. */
export const STATUS_ORDER: readonly ClaimStatus[] = [
  'verified',
  'disputed',
  'needs_evidence',
  'in_progress',
  'dismissed',
  'unreviewed',
];

/** The key that sets each status in the review loop. */
export const STATUS_KEYS: Readonly<Record<ClaimStatus, string>> = {
  verified: 'v',
  disputed: 'd',
  needs_evidence: 'n',
  in_progress: 'p',
  dismissed: 'x',
  unreviewed: 'u',
};

/** The status a review key sets, if it is one. */
export function statusForKey(key: string): ClaimStatus | null {
  const found = (Object.entries(STATUS_KEYS) as [ClaimStatus, string][]).find(([, k]) => k === key);
  return found ? found[0] : null;
}
