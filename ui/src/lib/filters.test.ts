import { describe, expect, it } from 'vitest';
import { activeFilterCount, claimQuery, formatFilters, noFilters, parseFilters } from './filters';

describe('filters', () => {
  it('round-trips through the address', () => {
    const filters = {
      ...noFilters(),
      query: 'bridge “budget” & 48%',
      statuses: ['unreviewed', 'needs_evidence'] as const,
      kinds: ['quantity'] as const,
      speaker: 'Mayor Ruth Ansel',
      minScore: 40,
      maxScore: 90,
      dateFrom: '2024-01-01',
      dateTo: '2024-12-31',
      dateField: 'published' as const,
      captions: true,
      order: 'score' as const,
    };
    const copy = { ...filters, statuses: [...filters.statuses], kinds: [...filters.kinds] };
    expect(parseFilters(formatFilters(copy))).toEqual(copy);
  });

  it('writes nothing for no filters and reads garbage as no filter', () => {
    expect(formatFilters(noFilters())).toBe('');
    expect(parseFilters('status=bogus,verified&min=140&max=x&from=yesterday&order=random')).toEqual({
      ...noFilters(),
      statuses: ['verified'],
    });
  });

  it('becomes list_claims arguments with scores as fractions and empty filters left out', () => {
    const args = claimQuery({ ...noFilters(), query: '  ', minScore: 70, statuses: ['disputed'] }, null);
    expect(args).toMatchObject({ query: null, min_score: 0.7, max_score: null, statuses: ['disputed'], kinds: null, article_id: null });
    expect(args.date_field).toBeNull();
    expect(args.captions).toBeNull();
  });

  it('asks for photo captions only when the switch is on, and counts the switch', () => {
    expect(claimQuery({ ...noFilters(), captions: true }, null).captions).toBe(true);
    expect(parseFilters('captions=1').captions).toBe(true);
    expect(parseFilters('').captions).toBe(false);
    expect(activeFilterCount({ ...noFilters(), captions: true })).toBe(1);
  });

  it('lists one article in text order unless the editor searches or picks an order', () => {
    expect(claimQuery(noFilters(), 7).order).toBe('position');
    expect(claimQuery({ ...noFilters(), query: 'bridge' }, 7).order).toBe('auto');
    expect(claimQuery({ ...noFilters(), order: 'score' }, 7).order).toBe('score');
    expect(claimQuery(noFilters(), null).order).toBe('auto');
  });

  it('counts the filters that narrow the list (not the search words)', () => {
    expect(activeFilterCount({ ...noFilters(), query: 'x' })).toBe(0);
    expect(activeFilterCount({ ...noFilters(), statuses: ['verified'], minScore: 10, maxScore: 20, dateTo: '2024-01-01' })).toBe(3);
  });
});

describe('assigned to me', () => {
  it('travels in the address and asks the core for the editor’s own claims', () => {
    const filters = parseFilters('mine=1&status=unreviewed');
    expect(filters.mine).toBe(true);
    expect(formatFilters(filters)).toBe('status=unreviewed&mine=1');
    expect(claimQuery(filters, null).assigned_to_me).toBe(true);
    expect(activeFilterCount(filters)).toBe(2);
    expect(claimQuery(parseFilters(''), null).assigned_to_me).toBeNull();
  });
});
