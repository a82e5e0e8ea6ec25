/** How dates, scores and history entries read on screen. */
import type { HistoryEntry } from '../bindings/HistoryEntry';

/** Options that tests pin down; the app uses the editor's own locale and time zone. */
export interface LocaleOptions {
  locale?: string;
  timeZone?: string;
}

/**
 * A UTC RFC 3339 timestamp in the editor's local time, written the one way ClaimDesk writes
 * dates everywhere: `2025-03-14 10:26` (never a locale's 03/14/2025 or 14/03/2025, which read
 * differently on different desks).
 */
export function formatTimestamp(rfc3339: string, options: LocaleOptions = {}): string {
  const date = new Date(rfc3339);
  if (Number.isNaN(date.getTime())) return rfc3339;
  // en-CA writes the day as YYYY-MM-DD; the zone is the editor's (or the test's).
  const parts = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: options.timeZone,
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/**
 * An ISO 8601 day, month or year as ClaimDesk shows every date: as stored (`2025-03-14`,
 * `2025-07`, `2025`); an interval, which the engine gives for seasons and decades, as its two
 * ends (`2025-06 – 2025-08`); an ISO week as it is written (`2025-W11`).
 */
export function formatCalendarDate(iso: string): string {
  const interval = /^([^/]+)\/([^/]+)$/.exec(iso);
  if (interval) return `${interval[1]} – ${interval[2]}`;
  return iso;
}

/** Whether `text` is a day as ClaimDesk takes dates: `YYYY-MM-DD`, a real calendar day. */
export function isIsoDay(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Whether `text` is a resolved date as a claim's dates take one: a day `YYYY-MM-DD`, a month
 * `YYYY-MM` or a year `YYYY`.
 */
export function isIsoDate(text: string): boolean {
  const value = text.trim();
  if (/^\d{4}$/.test(value)) return true;
  const month = /^(\d{4})-(\d{2})$/.exec(value);
  if (month) return Number(month[2]) >= 1 && Number(month[2]) <= 12;
  return isIsoDay(value);
}

/** A 0..1 score as a whole percentage. */
export function formatScore(score: number): string {
  return `${Math.round(Math.min(1, Math.max(0, score)) * 100)}%`;
}

/** A score reason's weight as a signed number ("+1.2", "−0.4"). */
export function formatWeight(weight: number): string {
  const magnitude = Math.abs(weight).toFixed(1);
  return weight < 0 ? `−${magnitude}` : `+${magnitude}`;
}

function quote(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `“${flat.length > max ? `${flat.slice(0, max - 1)}…` : flat}”`;
}

/** Splits the "stance URL" form in which history records an evidence link. */
function evidence(value: string | null): string {
  if (!value) return 'a link';
  const space = value.indexOf(' ');
  return space === -1 ? value : `${value.slice(space + 1)} (${value.slice(0, space)})`;
}

/** One line that says what a history entry changed, in words. */
export function describeChange(entry: HistoryEntry, statusLabel: (status: string) => string): string {
  const { old, new: next } = entry;
  switch (entry.change) {
    case 'status':
      return old === null
        ? `Status set to ${statusLabel(next ?? '')}`
        : `Status ${statusLabel(old)} → ${statusLabel(next ?? '')}`;
    case 'verdict':
      if (!next) return 'Verdict cleared';
      return old ? `Verdict ${quote(old)} → ${quote(next)}` : `Verdict set to ${quote(next)}`;
    case 'note':
      if (!next) return 'Note cleared';
      return old ? `Note changed to ${quote(next)}` : `Note added: ${quote(next)}`;
    case 'evidence_added':
      return `Evidence added: ${evidence(next)}`;
    case 'evidence_removed':
      return `Evidence removed: ${evidence(old)}`;
    case 'span':
      return `Span changed to ${quote(next ?? '')}`;
    case 'claim_added':
      return `Claim added by an editor: ${quote(next ?? '')}`;
    case 'claim_removed':
      return `Claim retired: ${quote(old ?? '')}`;
    case 'review_adopted':
      return `Review taken over from ${next ?? 'a repeat of this claim'}`;
    case 'claim_text':
      if (!next) return 'Claim as checked: back to the article’s wording';
      return `Claim as checked: ${quote(next)}`;
    case 'speaker':
      if (!next) return `Speaker cleared (was ${quote(old ?? '')}): the outlet asserts it`;
      return old ? `Speaker ${quote(old)} → ${quote(next)}` : `Speaker set to ${quote(next)}`;
    case 'speaker_role':
      return next ? `Speaker’s role: ${quote(next)}` : 'Speaker’s role cleared';
    case 'speaker_type':
      return next === 'organisation' ? 'Speaker is an organisation' : next === 'person' ? 'Speaker is a person' : 'Speaker type cleared';
    case 'kind':
      return `Kind ${old ?? '—'} → ${next ?? '—'}`;
    case 'date':
      if (!next) return `Date removed: ${old ?? ''}`;
      return old ? `Date ${old} → ${next}` : `Date put back: ${next}`;
    case 'review_url':
      return next ? `Review page: ${next}` : 'Review page cleared';
    default: {
      // A change this UI does not know yet (the core's list is non-exhaustive).
      const change: string = entry.change;
      return `${change}: ${old ?? '—'} → ${next ?? '—'}`;
    }
  }
}

/** A count and its noun, singular for one: "1 claim", "2,400 claims". */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? singular : plural}`;
}
