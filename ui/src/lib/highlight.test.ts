import { describe, expect, it } from 'vitest';
import { claimAtRun, highlightRuns } from './highlight';

const text = 'Officials said 😀 turnout rose to 71% in 2024, the highest since 1990.';

/** Rust char offsets of the first occurrence of `needle`. */
function span(needle: string): { start: number; end: number } {
  const chars = Array.from(text);
  const wanted = Array.from(needle);
  for (let s = 0; s + wanted.length <= chars.length; s++) {
    if (wanted.every((c, i) => chars[s + i] === c)) return { start: s, end: s + wanted.length };
  }
  throw new Error(needle);
}

describe('highlightRuns', () => {
  it('rebuilds the text exactly from its runs', () => {
    const { runs } = highlightRuns(text, [{ id: 1, ...span('turnout rose to 71%') }]);
    expect(runs.map((r) => r.text).join('')).toBe(text);
  });

  it('marks exactly the claim’s words, even after an emoji', () => {
    const { runs } = highlightRuns(text, [{ id: 1, ...span('turnout rose to 71% in 2024') }]);
    const marked = runs.filter((r) => r.claimIds.length > 0);
    expect(marked.map((r) => r.text)).toEqual(['turnout rose to 71% in 2024']);
  });

  it('nests a claim inside another, innermost first', () => {
    const { runs } = highlightRuns(text, [
      { id: 1, ...span('turnout rose to 71% in 2024, the highest since 1990') },
      { id: 2, ...span('71% in 2024') },
    ]);
    const inner = runs.find((r) => r.text === '71% in 2024');
    expect(inner?.claimIds).toEqual([2, 1]);
    const outerOnly = runs.find((r) => r.text === 'turnout rose to ');
    expect(outerOnly?.claimIds).toEqual([1]);
    expect(runs.map((r) => r.text).join('')).toBe(text);
  });

  it('handles claims that overlap without nesting', () => {
    const { runs } = highlightRuns(text, [
      { id: 1, ...span('turnout rose to 71%') },
      { id: 2, ...span('71% in 2024') },
    ]);
    expect(runs.find((r) => r.text === '71%')?.claimIds.sort()).toEqual([1, 2]);
    expect(runs.find((r) => r.text === ' in 2024')?.claimIds).toEqual([2]);
  });

  it('sets aside claims whose span does not fit the text instead of misplacing them', () => {
    const { runs, misplaced } = highlightRuns('short', [
      { id: 1, start: 2, end: 99 },
      { id: 2, start: 3, end: 3 },
      { id: 3, start: 0, end: 5 },
    ]);
    expect(misplaced).toEqual([1, 2]);
    expect(runs).toEqual([{ start: 0, end: 5, text: 'short', claimIds: [3] }]);
  });

  it('returns no runs for an empty text', () => {
    expect(highlightRuns('', []).runs).toEqual([]);
  });
});

describe('claimAtRun', () => {
  const run = { start: 0, end: 3, text: '71%', claimIds: [2, 1] };

  it('selects the innermost claim first', () => {
    expect(claimAtRun(run, null)).toBe(2);
    expect(claimAtRun(run, 99)).toBe(2);
  });

  it('cycles outwards on repeated clicks', () => {
    expect(claimAtRun(run, 2)).toBe(1);
    expect(claimAtRun(run, 1)).toBe(2);
  });

  it('selects nothing on plain text', () => {
    expect(claimAtRun({ ...run, claimIds: [] }, 2)).toBeNull();
  });
});
