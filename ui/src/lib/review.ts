/** The review loop's moves through a list of claims, kept free of the DOM so they are testable. */

/** What navigation needs of a claim. */
export interface Reviewable {
  id: number;
  status: string;
}

/**
 * The claim `delta` places from `currentId` (j = +1, k = −1), stopping at the ends. With no
 * current claim, moving forward starts at the first and moving back at the last.
 */
export function step(claims: readonly Reviewable[], currentId: number | null, delta: number): number | null {
  if (claims.length === 0) return null;
  const at = currentId === null ? -1 : claims.findIndex((claim) => claim.id === currentId);
  if (at === -1) return (delta >= 0 ? claims[0] : claims[claims.length - 1]).id;
  const next = Math.min(claims.length - 1, Math.max(0, at + delta));
  return claims[next].id;
}

/**
 * The next unreviewed claim after `currentId`, wrapping round to the top; `null` when every
 * other claim has been reviewed (the editor is done with the article).
 */
export function nextUnreviewed(claims: readonly Reviewable[], currentId: number | null): number | null {
  const at = currentId === null ? -1 : claims.findIndex((claim) => claim.id === currentId);
  for (let offset = 1; offset <= claims.length; offset++) {
    const claim = claims[(at + offset + claims.length) % claims.length];
    if (claim.id !== currentId && claim.status === 'unreviewed') return claim.id;
  }
  return null;
}

/** Whether a key press is typing (in a field) rather than a review shortcut. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'file'].includes(type);
}
