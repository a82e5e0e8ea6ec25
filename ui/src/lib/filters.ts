/**
 * What the claim list shows: the search words and filters an editor has set, how they read in
 * the address (`#/claims?q=budget&status=unreviewed`) so a reload or a shared link shows the
 * same list, and the `list_claims` arguments they become.
 */
import type { ClaimKind } from '../bindings/ClaimKind';
import type { ClaimOrder } from '../bindings/ClaimOrder';
import type { ClaimStatus } from '../bindings/ClaimStatus';
import type { DateField } from '../bindings/DateField';
import type { ListClaimsArgs } from '../bindings/ListClaimsArgs';

/** The claim list's search and filters. Empty values filter nothing. */
export interface Filters {
  /** Words to find in claims and notes, as typed. */
  query: string;
  statuses: ClaimStatus[];
  kinds: ClaimKind[];
  /** Exactly one speaker's claims (as `list_speakers` names them), or `''` for all. */
  speaker: string;
  /** Lowest and highest score, as whole percentages 0..100; `null` for no bound. */
  minScore: number | null;
  maxScore: number | null;
  /** Day range `YYYY-MM-DD`, `''` for no bound, on the dates the claim mentions or the publication day. */
  dateFrom: string;
  dateTo: string;
  dateField: DateField;
  /** Whether the claims of photo captions are listed too (after the body's); off by default. */
  captions: boolean;
  order: ClaimOrder;
  /** Only the claims the editor holds (assigned to them, or in an article assigned to them). */
  mine: boolean;
}

export const NO_FILTERS: Readonly<Filters> = Object.freeze({
  query: '',
  statuses: [],
  kinds: [],
  speaker: '',
  minScore: null,
  maxScore: null,
  dateFrom: '',
  dateTo: '',
  dateField: 'claim',
  captions: false,
  order: 'auto',
  mine: false,
});

const STATUSES: readonly ClaimStatus[] = ['unreviewed', 'in_progress', 'needs_evidence', 'verified', 'disputed', 'dismissed'];
const KINDS: readonly ClaimKind[] = ['quantity', 'comparison', 'event', 'causal', 'law_policy', 'prediction', 'opinion', 'other'];
const ORDERS: readonly ClaimOrder[] = ['auto', 'position', 'score', 'recent', 'relevance'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A fresh, unfiltered copy. */
export function noFilters(): Filters {
  return { ...NO_FILTERS, statuses: [], kinds: [] };
}

function percent(text: string | null): number | null {
  if (text === null || !/^\d{1,3}$/.test(text)) return null;
  const value = Number(text);
  return value <= 100 ? value : null;
}

function listOf<T extends string>(text: string | null, allowed: readonly T[]): T[] {
  if (!text) return [];
  return text.split(',').filter((item): item is T => (allowed as readonly string[]).includes(item));
}

/** Reads filters from an address's query string; anything unrecognised is no filter. */
export function parseFilters(search: string): Filters {
  const params = new URLSearchParams(search);
  const day = (name: string) => {
    const value = params.get(name) ?? '';
    return DAY.test(value) ? value : '';
  };
  const order = params.get('order');
  return {
    query: params.get('q') ?? '',
    statuses: listOf(params.get('status'), STATUSES),
    kinds: listOf(params.get('kind'), KINDS),
    speaker: params.get('speaker') ?? '',
    minScore: percent(params.get('min')),
    maxScore: percent(params.get('max')),
    dateFrom: day('from'),
    dateTo: day('to'),
    dateField: params.get('dates') === 'published' ? 'published' : 'claim',
    captions: params.get('captions') === '1',
    order: order && (ORDERS as readonly string[]).includes(order) ? (order as ClaimOrder) : 'auto',
    mine: params.get('mine') === '1',
  };
}

/** The query string of filters (without `?`), leaving out what filters nothing. */
export function formatFilters(filters: Filters): string {
  const params = new URLSearchParams();
  if (filters.query !== '') params.set('q', filters.query);
  if (filters.statuses.length > 0) params.set('status', filters.statuses.join(','));
  if (filters.kinds.length > 0) params.set('kind', filters.kinds.join(','));
  if (filters.speaker !== '') params.set('speaker', filters.speaker);
  if (filters.minScore !== null) params.set('min', String(filters.minScore));
  if (filters.maxScore !== null) params.set('max', String(filters.maxScore));
  if (filters.dateFrom !== '') params.set('from', filters.dateFrom);
  if (filters.dateTo !== '') params.set('to', filters.dateTo);
  if ((filters.dateFrom !== '' || filters.dateTo !== '') && filters.dateField === 'published') params.set('dates', 'published');
  if (filters.captions) params.set('captions', '1');
  if (filters.order !== 'auto') params.set('order', filters.order);
  if (filters.mine) params.set('mine', '1');
  return params.toString();
}

/** The `list_claims` arguments for filters, within one article or across the desk. */
export function claimQuery(filters: Filters, articleId: number | null): ListClaimsArgs {
  const dated = filters.dateFrom !== '' || filters.dateTo !== '';
  return {
    article_id: articleId,
    query: filters.query.trim() === '' ? null : filters.query,
    statuses: filters.statuses.length > 0 ? filters.statuses : null,
    kinds: filters.kinds.length > 0 ? filters.kinds : null,
    speaker: filters.speaker.trim() === '' ? null : filters.speaker.trim(),
    min_score: filters.minScore === null ? null : filters.minScore / 100,
    max_score: filters.maxScore === null ? null : filters.maxScore / 100,
    date_from: filters.dateFrom === '' ? null : filters.dateFrom,
    date_to: filters.dateTo === '' ? null : filters.dateTo,
    date_field: dated ? filters.dateField : null,
    captions: filters.captions ? true : null,
    // Within one article, text order is what an editor reads along with.
    order: filters.order === 'auto' && articleId !== null && filters.query.trim() === '' ? 'position' : filters.order,
    assigned_to_me: filters.mine ? true : null,
  };
}

/** How many filters (besides the search words) narrow the list: the badge on the Filters button. */
export function activeFilterCount(filters: Filters): number {
  return (
    (filters.statuses.length > 0 ? 1 : 0) +
    (filters.kinds.length > 0 ? 1 : 0) +
    (filters.speaker !== '' ? 1 : 0) +
    (filters.minScore !== null || filters.maxScore !== null ? 1 : 0) +
    (filters.dateFrom !== '' || filters.dateTo !== '' ? 1 : 0) +
    (filters.captions ? 1 : 0) +
    (filters.mine ? 1 : 0)
  );
}

/** Whether two filter sets ask for the same list. */
export function sameFilters(a: Filters, b: Filters): boolean {
  return formatFilters(a) === formatFilters(b);
}
