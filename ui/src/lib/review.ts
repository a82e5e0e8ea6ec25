/** The review loop's moves through a list of claims, kept free of the DOM so they are testable. */

/**
 * The row `delta` places from row `at` of a list of `count` rows (j = +1, k = −1), stopping at
 * the ends. With no current row (`at` −1), moving forward starts at the first row and moving
 * back at the last; `null` in an empty list.
 */
export function stepIndex(count: number, at: number, delta: number): number | null {
  if (count <= 0) return null;
  if (at < 0 || at >= count) return delta >= 0 ? 0 : count - 1;
  return Math.min(count - 1, Math.max(0, at + delta));
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
