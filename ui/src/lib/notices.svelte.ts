/**
 * The banners at the bottom of the window: errors that are not tied to one form field,
 * confirmations of things that happened out of sight (a saved report, an import's warnings),
 * and toasts that offer to take a change back ("Deleted … Undo").
 */
import { showable } from './errors';

/** A button on a banner. */
export interface NoticeAction {
  label: string;
  run: () => void;
}

/** One banner. */
export interface Notice {
  id: number;
  tone: 'error' | 'info' | 'success';
  heading: string;
  message: string;
  action: NoticeAction | null;
}

let nextId = 1;

/** How long a confirmation stays up; errors stay until the editor dismisses them. */
export const CONFIRMATION_MS = 7000;
/** A banner with a button stays longer: the editor needs time to reach for it. */
export const ACTION_MS = 12000;

/** The banners being shown, oldest first. */
export const notices: Notice[] = $state([]);

/** Shows a banner and returns its id. */
export function notify(
  tone: Notice['tone'],
  heading: string,
  message = '',
  action: NoticeAction | null = null,
): number {
  const id = nextId++;
  notices.push({ id, tone, heading, message, action });
  // Keep the stack short: an editor on deadline reads the last few, not a log.
  while (notices.length > 4) notices.shift();
  if (tone !== 'error') setTimeout(() => dismiss(id), action ? ACTION_MS : CONFIRMATION_MS);
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

/** Runs a banner's button and takes the banner down: the offer has been taken. */
export function runAction(id: number): void {
  const notice = notices.find((candidate) => candidate.id === id);
  if (!notice?.action) return;
  const { run } = notice.action;
  dismiss(id);
  run();
}
