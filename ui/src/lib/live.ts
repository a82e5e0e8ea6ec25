/**
 * Colleagues' changes, as they happen: the window asks the desk every second what has been
 * done since it last asked (`changes`), and tells the views (`deskChanged`), which reload what
 * they show. A change shows on every other editor's screen within two seconds, without a
 * reload. Polling rather than a push channel, because it is the same one call over every
 * transport (Tauri IPC to the window's own file or to a desk server, or `fetch` in a browser),
 * and a missed answer is simply asked again.
 */
import type { DeskChanges } from '../bindings/DeskChanges';
import { call } from './api';
import { deskChanged } from './changes';

/** How often to ask while the window is in view. */
export const POLL_MS = 1000;
/** How often to ask while it is hidden (another tab, minimised). */
export const HIDDEN_POLL_MS = 10_000;

/** What a poll needs: the command, the editor's own name, and the clock. */
export interface LiveOptions {
  /** Asks the desk for the changes after `after`. */
  fetchChanges?: (after: number | null) => Promise<DeskChanges>;
  /** The editor whose own changes the window already shows. */
  me: () => string;
  /** Whether the window is hidden. */
  hidden?: () => boolean;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

/** The changes of others among `changes`; the editor's own are on their screen already. */
export function colleagues(changes: DeskChanges['changes'], me: string): DeskChanges['changes'] {
  return changes.filter((change) => change.by !== me);
}

/** Starts polling; returns the function that stops it. */
export function watchDesk(options: LiveOptions): () => void {
  const fetchChanges = options.fetchChanges ?? ((after) => call('changes', { after }));
  const hidden = options.hidden ?? (() => typeof document !== 'undefined' && document.hidden);
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  let last: number | null = null;
  let stopped = false;
  let timer: unknown = null;

  async function poll() {
    timer = null;
    try {
      const answer = await fetchChanges(last);
      if (stopped) return;
      if (last !== null) {
        const others = colleagues(answer.changes, options.me());
        if (answer.truncated) deskChanged({ kind: 'remote', changes: others, everything: true });
        else if (others.length > 0) deskChanged({ kind: 'remote', changes: others, everything: false });
      }
      last = answer.last;
    } catch {
      // Unreachable for a moment, or signed out: the next poll tries again, and the call
      // itself has told the window if the editor must sign in.
    }
    if (!stopped) timer = setTimer(() => void poll(), hidden() ? HIDDEN_POLL_MS : POLL_MS);
  }

  void poll();
  return () => {
    stopped = true;
    if (timer !== null) clearTimer(timer);
  };
}
