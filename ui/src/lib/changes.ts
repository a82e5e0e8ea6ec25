/**
 * Changes one part of the window makes that another shows: an undo can revert a change in an
 * article the library lists, an import adds articles, or
 * fact-checks to the library that "Checked before" matches against. Views listen and reload what they show;
 * nobody holds a copy of another view's state.
 */
import type { ActionSummary } from '../bindings/ActionSummary';
import type { UndoResult } from '../bindings/UndoResult';

/** Something changed on the desk. */
export type DeskChange =
  | { kind: 'undo'; result: UndoResult }
  | { kind: 'articles' }
  | { kind: 'fact_checks' }
  /**
   * Colleagues changed the desk (`live.ts` hears of it); `everything` when there were too many
   * changes to list and every view should reload.
   */
  | { kind: 'remote'; changes: ActionSummary[]; everything: boolean };

type Listener = (change: DeskChange) => void;

const listeners = new Set<Listener>();

/** Calls `listener` on every change until the returned function is called. */
export function onDeskChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tells every listener about a change. */
export function deskChanged(change: DeskChange): void {
  for (const listener of [...listeners]) listener(change);
}
