/** The claim list's rows, and how a claim the core has just changed updates them. */
import type { Claim } from '../bindings/Claim';
import type { ClaimHit } from '../bindings/ClaimHit';

/** A row of the claim list: the hit as `list_claims` gave it, and its claim's id for the pager. */
export type ListedClaim = ClaimHit & { id: number };

/** A `list_claims` hit as a row. */
export function listed(hit: ClaimHit): ListedClaim {
  return { ...hit, id: hit.claim.id };
}

/** A row with its claim replaced by the stored one (the search's marked runs are kept). */
export function withClaim(row: ListedClaim, claim: Claim): ListedClaim {
  // The runs mark words of the old text; after a span edit they would show the wrong words.
  const sameText = row.claim.text === claim.text;
  return { ...row, claim, text_runs: sameText ? row.text_runs : null };
}

/** An article's claims with one replaced by its stored version (status, note ...). */
export function replaceClaim(claims: readonly Claim[], claim: Claim): Claim[] {
  return claims.map((existing) => (existing.id === claim.id ? claim : existing));
}

/** The claims before and after one in the text, for merging with a neighbour. */
export function neighbours(claims: readonly Claim[], claimId: number): { previous: Claim | null; next: Claim | null } {
  const ordered = [...claims].sort((a, b) => a.start - b.start || a.end - b.end);
  const at = ordered.findIndex((claim) => claim.id === claimId);
  if (at === -1) return { previous: null, next: null };
  return { previous: ordered[at - 1] ?? null, next: ordered[at + 1] ?? null };
}

/** A span of the article text in the core's character offsets. */
export interface TextSpan {
  start: number;
  end: number;
}

/** A span being edited (or a new claim being drawn), in character offsets. */
export interface Draft extends TextSpan {
  /** The claim whose span this replaces; `null` for a new claim. */
  claimId: number | null;
}
