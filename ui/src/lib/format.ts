/** How dates, scores and history entries read on screen. */
import type { HistoryEntry } from '../bindings/HistoryEntry';

/** Options that tests pin down; the app uses the editor's own locale and time zone. */
export interface LocaleOptions {
  locale?: string;
  timeZone?: string;
}

/** A UTC RFC 3339 timestamp in the editor's local time ("14 Mar 2025, 10:26"). */
export function formatTimestamp(rfc3339: string, options: LocaleOptions = {}): string {
  const date = new Date(rfc3339);
  if (Number.isNaN(date.getTime())) return rfc3339;
  return date.toLocaleString(options.locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: options.timeZone,
  });
}

/**
 * An ISO 8601 day, month or year as people write it ("14 March 2025", "July 2017", "2017"),
 * and an interval of them, which the engine gives for seasons and decades ("June 2025 –
 * August 2025", "1990 – 1999").
 * The value is a calendar date, not an instant, so it is formatted in UTC to keep the day.
 */
export function formatCalendarDate(iso: string, options: LocaleOptions = {}): string {
  const interval = /^([^/]+)\/([^/]+)$/.exec(iso);
  if (interval) {
    return `${formatCalendarDate(interval[1], options)} – ${formatCalendarDate(interval[2], options)}`;
  }
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const month = /^(\d{4})-(\d{2})$/.exec(iso);
  if (day) {
    const date = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
    return date.toLocaleDateString(options.locale, { dateStyle: 'long', timeZone: 'UTC' });
  }
  if (month) {
    const date = new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1));
    return date.toLocaleDateString(options.locale, {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
  }
  return iso;
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
