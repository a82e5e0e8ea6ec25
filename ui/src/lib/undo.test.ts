import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Claim } from '../bindings/Claim';
import type { UndoResult } from '../bindings/UndoResult';
import { setTransport } from './api';
import { onDeskChange } from './changes';
import { dismiss, notices, notify, runAction } from './notices.svelte';
import { undoLast, undoMessage } from './undo';

const action = (label: string) => ({ id: 1, at: '2025-03-12T10:00:00Z', by: 'Ana', kind: 'set_status' as const, label, article_id: 1, claim_id: 2 });

function result(undone: string | null, skipped: string[] = []): UndoResult {
  return { undone: undone === null ? null : action(undone), skipped: skipped.map(action), claim: null, article: null };
}

afterEach(() => {
  setTransport(null);
  for (const notice of [...notices]) dismiss(notice.id);
});

describe('undo toast', () => {
  it('says what was undone', () => {
    expect(undoMessage(result('marked Disputed'))).toEqual({ heading: 'Undid: marked Disputed', message: '' });
  });

  it('names the claim the undone change was about, by the wording it is published with', () => {
    const undone: UndoResult = {
      ...result('marked Disputed'),
      claim: {
        claim: { text: 'the first increase since 2019, the board said', claim_text: null } as unknown as Claim,
        evidence: [],
        history: [],
        repeats: [],
      },
    };
    expect(undoMessage(undone).heading).toBe('Undid “marked Disputed” on “the first increase since 2019, the board said”');
    undone.claim!.claim.claim_text = 'Fares rose for the first time since 2019, and by more than inflation in every year';
    expect(undoMessage(undone).heading).toBe(
      'Undid “marked Disputed” on “Fares rose for the first time since 2019, and by more than…”',
    );
  });

  it('says when nothing is left, and what a colleague’s change made it pass over', () => {
    expect(undoMessage(result(null)).heading).toBe('Nothing left to undo');
    expect(undoMessage(result('added a note', ['marked Verified'])).message).toBe(
      'Passed over a newer change that a colleague has changed since (marked Verified).',
    );
  });

  it('shows the toast and tells the views after a successful undo', async () => {
    setTransport(async (command) => {
      expect(command).toBe('undo');
      return result('split the claim');
    });
    const changes: string[] = [];
    const stop = onDeskChange((change) => changes.push(change.kind));
    await undoLast();
    stop();
    expect(notices.at(-1)?.heading).toBe('Undid: split the claim');
    expect(changes).toEqual(['undo']);
  });

  it('shows an error banner when the undo fails, and changes nothing', async () => {
    setTransport(async () => {
      throw { code: 'database', message: 'disk full' };
    });
    const changes: string[] = [];
    const stop = onDeskChange((change) => changes.push(change.kind));
    await undoLast();
    stop();
    expect(notices.at(-1)).toMatchObject({ tone: 'error', message: 'disk full' });
    expect(changes).toEqual([]);
  });
});

describe('a toast with an Undo button', () => {
  it('runs its action once and goes away', () => {
    const run = vi.fn();
    const id = notify('success', 'Deleted “Bridge story”', '', { label: 'Undo', run });
    runAction(id);
    runAction(id);
    expect(run).toHaveBeenCalledTimes(1);
    expect(notices.some((notice) => notice.id === id)).toBe(false);
  });
});
