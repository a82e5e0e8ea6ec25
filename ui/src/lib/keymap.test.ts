import { describe, expect, it } from 'vitest';
import { actionFor, BINDINGS, groupedBindings, keyName, type KeyPress } from './keymap';

function press(key: string, modifiers: Partial<KeyPress> = {}): KeyPress {
  return { key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...modifiers };
}

describe('keymap', () => {
  it('names key presses the way the table writes them', () => {
    expect(keyName(press('j'))).toBe('j');
    expect(keyName(press('M', { shiftKey: true }))).toBe('Shift+M');
    expect(keyName(press('?', { shiftKey: true }))).toBe('?');
    expect(keyName(press('z', { ctrlKey: true }))).toBe('Ctrl+Z');
    expect(keyName(press('z', { metaKey: true }))).toBe('Ctrl+Z');
    expect(keyName(press('ArrowLeft', { shiftKey: true }))).toBe('Shift+ArrowLeft');
    expect(keyName(press('j', { altKey: true }))).toBeNull();
  });

  it('treats Caps Lock letters as the plain key', () => {
    expect(actionFor(press('V'), 'workspace')).toEqual({ kind: 'status', status: 'verified' });
  });

  it('maps the review keys to statuses and moves', () => {
    expect(actionFor(press('j'), 'workspace')).toEqual({ kind: 'next' });
    expect(actionFor(press('k'), 'workspace')).toEqual({ kind: 'previous' });
    expect(actionFor(press('v'), 'workspace')).toEqual({ kind: 'status', status: 'verified' });
    expect(actionFor(press('d'), 'workspace')).toEqual({ kind: 'status', status: 'disputed' });
    expect(actionFor(press('n'), 'workspace')).toEqual({ kind: 'status', status: 'needs_evidence' });
    expect(actionFor(press('u'), 'workspace')).toEqual({ kind: 'status', status: 'unreviewed' });
    expect(actionFor(press('e'), 'workspace')).toEqual({ kind: 'evidence' });
    expect(actionFor(press('/'), 'workspace')).toEqual({ kind: 'search' });
  });

  it('undoes with Ctrl+Z but not with Ctrl+Shift+Z (there is no redo)', () => {
    expect(actionFor(press('z', { ctrlKey: true }), 'library')).toEqual({ kind: 'undo' });
    expect(actionFor(press('Z', { ctrlKey: true, shiftKey: true }), 'workspace')).toBeNull();
    // A plain z is nothing, and Ctrl+V is paste, not "verified".
    expect(actionFor(press('z'), 'workspace')).toBeNull();
    expect(actionFor(press('v', { ctrlKey: true }), 'workspace')).toBeNull();
  });

  it('tells m from Shift+M', () => {
    expect(actionFor(press('m'), 'workspace')).toEqual({ kind: 'merge-next' });
    expect(actionFor(press('M', { shiftKey: true }), 'workspace')).toEqual({ kind: 'merge-previous' });
  });

  it('gives the arrows to the span editor while a span is edited, and review keys rest', () => {
    expect(actionFor(press('ArrowRight'), 'span')).toEqual({ kind: 'move-end', by: 1 });
    expect(actionFor(press('ArrowLeft'), 'span')).toEqual({ kind: 'move-end', by: -1 });
    expect(actionFor(press('ArrowLeft', { shiftKey: true }), 'span')).toEqual({ kind: 'move-start', by: -1 });
    expect(actionFor(press('ArrowRight', { shiftKey: true }), 'span')).toEqual({ kind: 'move-start', by: 1 });
    expect(actionFor(press('ArrowRight'), 'split')).toEqual({ kind: 'move-point', by: 1 });
    expect(actionFor(press('Enter'), 'span')).toEqual({ kind: 'confirm' });
    expect(actionFor(press('Escape'), 'split')).toEqual({ kind: 'cancel' });
    expect(actionFor(press('v'), 'span')).toBeNull();
    expect(actionFor(press('j'), 'library')).toBeNull();
  });

  it('has one action per key in each place (no key does two things)', () => {
    const contexts = ['workspace', 'library', 'span', 'split'] as const;
    for (const context of contexts) {
      const seen = new Map<string, string>();
      for (const binding of BINDINGS.filter((b) => b.contexts.includes(context))) {
        for (const key of binding.keys) {
          expect(seen.get(key), `${key} in ${context}`).toBeUndefined();
          seen.set(key, binding.description);
        }
      }
    }
  });

  it('reaches the note, the verdict and the corrections, and tells them from n and v', () => {
    expect(actionFor(press('N', { shiftKey: true }), 'workspace')).toEqual({ kind: 'note' });
    expect(actionFor(press('V', { shiftKey: true }), 'workspace')).toEqual({ kind: 'verdict' });
    expect(actionFor(press('w'), 'workspace')).toEqual({ kind: 'correct' });
    // Caps Lock on: still the status keys, not the fields.
    expect(actionFor(press('N'), 'workspace')).toEqual({ kind: 'status', status: 'needs_evidence' });
    expect(actionFor(press('Escape'), 'workspace')).toEqual({ kind: 'to-list' });
  });

  it('lists the keys to reach the note and the verdict, and Escape out of a field', () => {
    const listed = groupedBindings().flatMap((group) => group.bindings.flatMap((binding) => binding.keys));
    for (const key of ['Shift+N', 'Shift+V', 'w', 'Escape']) expect(listed).toContain(key);
  });

  it('lists every key the issue names in the overlay', () => {
    const listed = groupedBindings().flatMap((group) => group.bindings.flatMap((binding) => binding.keys));
    for (const key of ['j', 'k', 'v', 'd', 'n', 'u', 'e', '/', 'Ctrl+Z', '?']) expect(listed).toContain(key);
    expect(groupedBindings()[0].group).toBe('Move');
  });
});
