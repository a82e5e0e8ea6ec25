import { afterEach, describe, expect, it } from 'vitest';
import type { ActionSummary } from '../bindings/ActionSummary';
import type { DeskChanges } from '../bindings/DeskChanges';
import { onDeskChange, type DeskChange } from './changes';
import { colleagues, watchDesk } from './live';

function action(id: number, by: string): ActionSummary {
  return { id, at: '2025-03-14T09:00:00Z', by, kind: 'set_status', label: 'marked Verified', article_id: 1, claim_id: id };
}

/** A poll loop driven by hand: each `tick()` runs the next poll. */
function harness(answers: DeskChanges[]) {
  const asked: (number | null)[] = [];
  let pending: (() => void) | null = null;
  const stop = watchDesk({
    me: () => 'Ana Ruiz',
    hidden: () => false,
    fetchChanges: async (after) => {
      asked.push(after);
      const answer = answers.shift();
      if (!answer) throw new Error('unreachable');
      return answer;
    },
    setTimer: (run) => {
      pending = run;
      return 1;
    },
    clearTimer: () => {
      pending = null;
    },
  });
  const tick = async () => {
    const run = pending;
    pending = null;
    run?.();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  // The first poll starts at once; let it finish.
  const started = new Promise((resolve) => setTimeout(resolve, 0));
  return { asked, tick, stop, started };
}

let unlisten: (() => void) | null = null;
afterEach(() => unlisten?.());

describe('live changes', () => {
  it('keeps only colleagues’ changes', () => {
    expect(colleagues([action(1, 'Ana Ruiz'), action(2, 'Sam Chen')], 'Ana Ruiz').map((a) => a.id)).toEqual([2]);
  });

  it('starts from the newest change, then tells the views of colleagues’ work only', async () => {
    const heard: DeskChange[] = [];
    unlisten = onDeskChange((change) => heard.push(change));
    const { asked, tick, stop, started } = harness([
      { last: 7, changes: [], truncated: false },
      { last: 9, changes: [action(8, 'Ana Ruiz'), action(9, 'Sam Chen')], truncated: false },
      { last: 9, changes: [], truncated: false },
    ]);
    await started;
    await tick();
    await tick();
    stop();
    expect(asked).toEqual([null, 7, 9]);
    expect(heard).toEqual([{ kind: 'remote', changes: [action(9, 'Sam Chen')], everything: false }]);
  });

  it('asks the views to reload everything when there were too many changes to list', async () => {
    const heard: DeskChange[] = [];
    unlisten = onDeskChange((change) => heard.push(change));
    const { tick, stop, started } = harness([
      { last: 1, changes: [], truncated: false },
      { last: 900, changes: [action(2, 'Sam Chen')], truncated: true },
    ]);
    await started;
    await tick();
    stop();
    expect(heard[0]).toMatchObject({ kind: 'remote', everything: true });
  });

  it('goes on asking after a failed poll', async () => {
    const { asked, tick, stop, started } = harness([]);
    await started;
    await tick();
    stop();
    expect(asked.length).toBeGreaterThanOrEqual(2);
  });
});
