import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../bindings/HistoryEntry';
import {
  countOf,
  describeChange,
  formatCalendarDate,
  formatScore,
  formatTimestamp,
  formatWeight,
  isIsoDate,
  isIsoDay,
} from './format';

const labels: Record<string, string> = {
  unreviewed: 'Unreviewed',
  disputed: 'Disputed',
  verified: 'Verified',
};
const label = (status: string) => labels[status] ?? status;

function entry(change: HistoryEntry['change'], old: string | null, next: string | null): HistoryEntry {
  return {
    id: 1,
    article_id: 1,
    claim_id: 2,
    evidence_id: null,
    at: '2025-03-14T09:26:53Z',
    by: 'Mira',
    change,
    old,
    new: next,
    action_id: null,
    undoes: null,
  };
}

describe('dates', () => {
  it('shows a stored UTC time in the editor’s zone, as YYYY-MM-DD HH:MM', () => {
    expect(formatTimestamp('2025-03-14T09:26:53Z', { locale: 'en-GB', timeZone: 'Europe/Paris' })).toBe('2025-03-14 10:26');
    expect(formatTimestamp('2025-03-14T23:30:00Z', { timeZone: 'America/New_York' })).toBe('2025-03-14 19:30');
  });

  it('leaves an unparseable timestamp as it is rather than showing “Invalid Date”', () => {
    expect(formatTimestamp('yesterday')).toBe('yesterday');
  });

  it('shows days, months and years as ISO dates, never in a locale’s order', () => {
    expect(formatCalendarDate('2017-11-08')).toBe('2017-11-08');
    expect(formatCalendarDate('2017-07')).toBe('2017-07');
    expect(formatCalendarDate('2017')).toBe('2017');
  });

  it('shows a season or a decade as the interval it covers', () => {
    expect(formatCalendarDate('2025-06/2025-08')).toBe('2025-06 – 2025-08');
    expect(formatCalendarDate('1990/1999')).toBe('1990 – 1999');
  });

  it('takes days as YYYY-MM-DD and claim dates as days, months or years', () => {
    expect(isIsoDay('2025-03-14')).toBe(true);
    expect(isIsoDay('2025-02-30')).toBe(false);
    expect(isIsoDay('03/14/2025')).toBe(false);
    expect(isIsoDay('14/03/2025')).toBe(false);
    expect(isIsoDate('2025-03')).toBe(true);
    expect(isIsoDate('2025-13')).toBe(false);
    expect(isIsoDate('2025')).toBe(true);
    expect(isIsoDate('next month')).toBe(false);
  });
});

describe('scores', () => {
  it('shows the score as a percentage', () => {
    expect(formatScore(0.734)).toBe('73%');
    expect(formatScore(1.2)).toBe('100%');
  });

  it('signs the weights so raising and lowering reasons read apart', () => {
    expect(formatWeight(1.24)).toBe('+1.2');
    expect(formatWeight(-0.4)).toBe('−0.4');
  });
});

describe('describeChange', () => {
  it('names both statuses of a status change', () => {
    expect(describeChange(entry('status', 'unreviewed', 'disputed'), label)).toBe(
      'Status Unreviewed → Disputed',
    );
  });

  it('quotes notes, shortened', () => {
    expect(describeChange(entry('note', null, 'Checked with the ministry'), label)).toBe(
      'Note added: “Checked with the ministry”',
    );
    expect(describeChange(entry('note', 'x', ''), label)).toBe('Note cleared');
    const long = 'a'.repeat(200);
    expect(describeChange(entry('note', 'x', long), label).length).toBeLessThan(100);
  });

  it('shows the link and stance of evidence changes', () => {
    expect(describeChange(entry('evidence_added', null, 'refutes https://example.org/a'), label)).toBe(
      'Evidence added: https://example.org/a (refutes)',
    );
    expect(describeChange(entry('evidence_removed', 'supports https://example.org/b', null), label)).toBe(
      'Evidence removed: https://example.org/b (supports)',
    );
  });

  it('quotes the new text of a claim whose span an editor changed', () => {
    expect(describeChange(entry('span', 'voted 7-2', 'voted 7-2 on Tuesday'), label)).toBe(
      'Span changed to “voted 7-2 on Tuesday”',
    );
  });

  it('still says something for a kind of change this UI does not know', () => {
    const future = { ...entry('status', 'a', 'b'), change: 'assigned' } as unknown as HistoryEntry;
    expect(describeChange(future, label)).toBe('assigned: a → b');
  });
});

describe('countOf', () => {
  it('uses the singular for one and the plural otherwise (the library once said "1 claims")', () => {
    expect(countOf(1, 'claim')).toBe('1 claim');
    expect(countOf(0, 'claim')).toBe('0 claims');
    expect(countOf(2400, 'article')).toBe(`${(2400).toLocaleString()} articles`);
  });
});
