/**
 * Ctrl+Z: undo the editor's last change in the core and say what was undone. The core keeps
 * the undo stack (per reviewer, in the database), so an undo works after a restart and in
 * the browser and the desktop window alike.
 */
import type { UndoResult } from '../bindings/UndoResult';
import { call } from './api';
import { deskChanged } from './changes';
import { notify, reportError } from './notices.svelte';

/** A claim as a toast names it: its wording, on one line and short. */
function claimName(result: UndoResult): string | null {
  const claim = result.claim?.claim;
  if (!claim) return null;
  const flat = (claim.claim_text ?? claim.text).replace(/\s+/g, ' ').trim();
  return `“${flat.length > 60 ? `${flat.slice(0, 59).trimEnd()}…` : flat}”`;
}

/**
 * The toast's heading and message for what `undo` answered. The heading names the claim the
 * undone change was about, so an undo of a change made a while ago (or in another article)
 * says where it landed.
 */
export function undoMessage(result: UndoResult): { heading: string; message: string } {
  const skipped = result.skipped.length;
  const passedOver =
    skipped === 0
      ? ''
      : `Passed over ${skipped === 1 ? 'a newer change' : `${skipped} newer changes`} that a colleague has changed since (${result.skipped
          .map((action) => action.label)
          .join('; ')}).`;
  if (result.undone === null) {
    return { heading: 'Nothing left to undo', message: passedOver };
  }
  const claim = claimName(result);
  const heading = claim ? `Undid “${result.undone.label}” on ${claim}` : `Undid: ${result.undone.label}`;
  return { heading, message: passedOver };
}

let undoing = false;

/** Undoes the last change, shows the toast and tells the views; one undo at a time. */
export async function undoLast(): Promise<UndoResult | null> {
  if (undoing) return null;
  undoing = true;
  try {
    const result = await call('undo', {});
    const { heading, message } = undoMessage(result);
    notify(result.undone ? 'success' : 'info', heading, message);
    if (result.undone) deskChanged({ kind: 'undo', result });
    return result;
  } catch (reason) {
    reportError(reason, 'Nothing was undone');
    return null;
  } finally {
    undoing = false;
  }
}
