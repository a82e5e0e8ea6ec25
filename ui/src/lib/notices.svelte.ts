/**
 * The banners at the top of the window: errors that are not tied to one form field, and
 * confirmations of things that happened out of sight (a saved report, an import's warnings).
 */
import { showable } from './errors';

/** One banner. */
export interface Notice {
  id: number;
  tone: 'error' | 'info' | 'success';
  heading: string;
  message: string;
}

let nextId = 1;

/** How long a confirmation stays up; errors stay until the editor dismisses them. */
const CONFIRMATION_MS = 7000;

/** The banners being shown, oldest first. */
export const notices: Notice[] = $state([]);

/** Shows a banner and returns its id. */
export function notify(tone: Notice['tone'], heading: string, message = ''): number {
  const id = nextId++;
  notices.push({ id, tone, heading, message });
  // Keep the stack short: an editor on deadline reads the last few, not a log.
  while (notices.length > 4) notices.shift();
  if (tone !== 'error') setTimeout(() => dismiss(id), CONFIRMATION_MS);
  return id;
}

/** Shows whatever a call rejected with as an error banner. */
export function reportError(reason: unknown, context?: string): void {
  const error = showable(reason);
  notify('error', context ? `${context}: ${error.heading}` : error.heading, error.message);
}

/** Removes a banner. */
export function dismiss(id: number): void {
  const at = notices.findIndex((notice) => notice.id === id);
  if (at !== -1) notices.splice(at, 1);
}
