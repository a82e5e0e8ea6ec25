/**
 * Every key ClaimDesk answers to, in one table: the handlers look their action up here and the
 * `?` overlay lists the same table, so what the overlay says is what the keys do.
 */
import type { ClaimStatus } from '../bindings/ClaimStatus';
import { STATUS_KEYS } from './statuses';

/** What a key does. */
export type Action =
  | { kind: 'next' }
  | { kind: 'previous' }
  | { kind: 'status'; status: ClaimStatus }
  | { kind: 'evidence' }
  | { kind: 'note' }
  | { kind: 'verdict' }
  | { kind: 'correct' }
  | { kind: 'to-list' }
  | { kind: 'search' }
  | { kind: 'undo' }
  | { kind: 'help' }
  | { kind: 'edit-span' }
  | { kind: 'split' }
  | { kind: 'merge-next' }
  | { kind: 'merge-previous' }
  | { kind: 'add-claim' }
  | { kind: 'open-article' }
  | { kind: 'move-start'; by: -1 | 1 }
  | { kind: 'move-end'; by: -1 | 1 }
  | { kind: 'move-point'; by: -1 | 1 }
  | { kind: 'confirm' }
  | { kind: 'cancel' };

/**
 * Where the keyboard is: reviewing in the workspace, in the library, or in one of the text
 * editing modes of the workspace (where arrows move a span's edges or a split point).
 */
export type KeyContext = 'workspace' | 'library' | 'span' | 'split';

/** One row of the key table. */
export interface Binding {
  /** Keys as written in the table: `j`, `Shift+M`, `Ctrl+Z`, `ArrowLeft`. */
  keys: string[];
  action: Action;
  /** What the overlay says the key does. */
  description: string;
  /** The overlay's heading for the row. */
  group: string;
  /** Where the key works. */
  contexts: KeyContext[];
}

const REVIEW: KeyContext[] = ['workspace'];
/** The overlay's heading for the review keys. */
const REVIEW_GROUP = 'Review (sets the status, then moves to the next unreviewed claim)';
const ANYWHERE: KeyContext[] = ['workspace', 'library', 'span', 'split'];

function statusBinding(status: ClaimStatus, description: string): Binding {
  return {
    keys: [STATUS_KEYS[status]],
    action: { kind: 'status', status },
    description,
    group: REVIEW_GROUP,
    contexts: REVIEW,
  };
}

/** The key table, in the order the overlay lists it. */
export const BINDINGS: readonly Binding[] = [
  // The arrows move too, but only in the claim list: elsewhere they scroll what they are in.
  { keys: ['j'], action: { kind: 'next' }, description: 'Next claim (↓ in the claim list)', group: 'Move', contexts: REVIEW },
  { keys: ['k'], action: { kind: 'previous' }, description: 'Previous claim (↑ in the claim list)', group: 'Move', contexts: REVIEW },
  {
    keys: ['o'],
    action: { kind: 'open-article' },
    description: 'Open the claim’s article on its own',
    group: 'Move',
    contexts: REVIEW,
  },
  { keys: ['/'], action: { kind: 'search' }, description: 'Search (claims, or articles in the library)', group: 'Move', contexts: ['workspace', 'library'] },
  statusBinding('verified', 'Verified'),
  statusBinding('disputed', 'Disputed'),
  statusBinding('needs_evidence', 'Needs evidence'),
  statusBinding('in_progress', 'In progress'),
  statusBinding('dismissed', 'Dismissed: not a claim (kept in the history)'),
  statusBinding('unreviewed', 'Back to unreviewed'),
  { keys: ['e'], action: { kind: 'evidence' }, description: 'Add evidence to the claim', group: 'Fields of the claim', contexts: REVIEW },
  { keys: ['Shift+N'], action: { kind: 'note' }, description: 'Write the note', group: 'Fields of the claim', contexts: REVIEW },
  { keys: ['Shift+V'], action: { kind: 'verdict' }, description: 'Give the verdict', group: 'Fields of the claim', contexts: REVIEW },
  {
    keys: ['w'],
    action: { kind: 'correct' },
    description: 'Correct what is published: the claim as checked, speaker, kind, dates',
    group: 'Fields of the claim',
    contexts: REVIEW,
  },
  {
    keys: ['Escape'],
    action: { kind: 'to-list' },
    description: 'Leave the field (what you typed is kept) and go back to the claim list',
    group: 'Fields of the claim',
    contexts: REVIEW,
  },
  { keys: ['s'], action: { kind: 'edit-span' }, description: 'Edit the claim’s span', group: 'Edit claims', contexts: REVIEW },
  { keys: ['c'], action: { kind: 'split' }, description: 'Cut (split) the claim in two', group: 'Edit claims', contexts: REVIEW },
  { keys: ['m'], action: { kind: 'merge-next' }, description: 'Merge with the next claim in the text', group: 'Edit claims', contexts: REVIEW },
  { keys: ['Shift+M'], action: { kind: 'merge-previous' }, description: 'Merge with the previous claim in the text', group: 'Edit claims', contexts: REVIEW },
  {
    keys: ['a'],
    action: { kind: 'add-claim' },
    description: 'Add a claim: the text selected in the article, or a new span after this claim',
    group: 'Edit claims',
    contexts: REVIEW,
  },
  {
    keys: ['Shift+ArrowLeft', 'Shift+ArrowRight'],
    action: { kind: 'move-start', by: -1 },
    description: 'Move the start a word back / forward',
    group: 'While editing a span',
    contexts: ['span'],
  },
  {
    keys: ['ArrowLeft', 'ArrowRight'],
    action: { kind: 'move-end', by: -1 },
    description: 'Move the end a word back / forward (or the split point)',
    group: 'While editing a span',
    contexts: ['span'],
  },
  {
    keys: ['Enter'],
    action: { kind: 'confirm' },
    description: 'Save the span, add the claim or split',
    group: 'While editing a span',
    contexts: ['span', 'split'],
  },
  { keys: ['Escape'], action: { kind: 'cancel' }, description: 'Cancel', group: 'While editing a span', contexts: ['span', 'split'] },
  { keys: ['Ctrl+Z'], action: { kind: 'undo' }, description: 'Undo your last change', group: 'Anywhere', contexts: ANYWHERE },
  { keys: ['?'], action: { kind: 'help' }, description: 'Show or hide this list of keys', group: 'Anywhere', contexts: ANYWHERE },
];

/** What the keymap needs of a key event. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** The table's spelling of a key press: `j`, `Shift+M`, `Ctrl+Z`, `Shift+ArrowLeft`. */
export function keyName(event: KeyPress): string | null {
  if (event.altKey) return null;
  let key = event.key;
  // Caps Lock turns `v` into `V` without Shift: that is still `v`.
  if (/^[A-Z]$/.test(key) && !event.shiftKey) key = key.toLowerCase();
  const printable = [...key].length === 1;
  if (event.ctrlKey || event.metaKey) {
    // Ctrl+Shift+Z is redo elsewhere; ClaimDesk has no redo, so it is not undo either.
    return `${event.shiftKey ? 'Ctrl+Shift+' : 'Ctrl+'}${printable ? key.toUpperCase() : key}`;
  }
  // A printable character already says whether Shift was down (`M`, `?`).
  if (printable) return /^[A-Z]$/.test(key) ? `Shift+${key}` : key;
  return event.shiftKey ? `Shift+${key}` : key;
}

/** The action a key press asks for where the keyboard is, if any. */
export function actionFor(event: KeyPress, context: KeyContext): Action | null {
  const name = keyName(event);
  if (name === null) return null;
  if (context === 'span' || context === 'split') {
    // Arrows come in pairs in the table; which of the pair is the direction.
    const arrow = /^(Shift\+)?Arrow(Left|Right)$/.exec(name);
    if (arrow) {
      const by = arrow[2] === 'Left' ? -1 : 1;
      if (context === 'split') return arrow[1] ? null : { kind: 'move-point', by };
      return arrow[1] ? { kind: 'move-start', by } : { kind: 'move-end', by };
    }
  }
  for (const binding of BINDINGS) {
    if (binding.contexts.includes(context) && binding.keys.includes(name)) return binding.action;
  }
  return null;
}

/** The table grouped for the overlay, groups in order of first appearance. */
export function groupedBindings(): { group: string; bindings: Binding[] }[] {
  const groups: { group: string; bindings: Binding[] }[] = [];
  for (const binding of BINDINGS) {
    let entry = groups.find((g) => g.group === binding.group);
    if (!entry) groups.push((entry = { group: binding.group, bindings: [] }));
    entry.bindings.push(binding);
  }
  return groups;
}
