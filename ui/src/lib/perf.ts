/**
 * The one mark the speed benchmark reads (`ui/e2e/bench.mjs`): when the first view has its
 * data on screen, the app is interactive. Set once per page load.
 */
let marked = false;

/** Marks `claimdesk:interactive` on the page's performance timeline, the first time only. */
export function markInteractive(): void {
  if (marked || typeof performance === 'undefined') return;
  marked = true;
  // After the next paint: what the editor sees, not what the DOM holds.
  requestAnimationFrame(() => setTimeout(() => performance.mark('claimdesk:interactive'), 0));
}
