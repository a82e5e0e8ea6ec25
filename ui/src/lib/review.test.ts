import { describe, expect, it } from 'vitest';
import { isTypingTarget, stepIndex } from './review';

describe('stepIndex (j/k)', () => {
  it('moves to the next and previous row', () => {
    expect(stepIndex(4, 1, 1)).toBe(2);
    expect(stepIndex(4, 1, -1)).toBe(0);
  });

  it('stops at the ends instead of wrapping', () => {
    expect(stepIndex(4, 3, 1)).toBe(3);
    expect(stepIndex(4, 0, -1)).toBe(0);
  });

  it('starts at the first row on j and the last on k when none is selected (or it left the list)', () => {
    expect(stepIndex(4, -1, 1)).toBe(0);
    expect(stepIndex(4, -1, -1)).toBe(3);
    expect(stepIndex(4, 9, 1)).toBe(0);
  });

  it('has nowhere to go in an empty list', () => {
    expect(stepIndex(0, -1, 1)).toBeNull();
  });
});

describe('isTypingTarget', () => {
  it('is false outside a browser page (no elements to type in)', () => {
    expect(isTypingTarget(null)).toBe(false);
  });
});
