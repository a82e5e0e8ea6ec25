import { describe, expect, it } from 'vitest';
import type { StatusCounts } from '../bindings/StatusCounts';
import { progress, settled } from './progress';

function counts(partial: Partial<StatusCounts>): StatusCounts {
  const base = { unreviewed: 0, in_progress: 0, needs_evidence: 0, verified: 0, disputed: 0, dismissed: 0 };
  const all = { ...base, ...partial };
  const total = Object.values(all).reduce((sum, n) => sum + n, 0);
  return { total, ...all };
}

describe('article progress', () => {
  it('counts verdicts and dismissals as settled, open work as not', () => {
    const c = counts({ verified: 2, disputed: 1, dismissed: 1, needs_evidence: 3, in_progress: 1, unreviewed: 2 });
    expect(settled(c)).toBe(4);
    expect(progress(c)).toBeCloseTo(0.4);
  });

  it('calls an article without claims done rather than dividing by zero', () => {
    expect(progress(counts({}))).toBe(1);
  });
});
