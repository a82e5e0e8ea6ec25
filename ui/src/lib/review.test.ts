import { describe, expect, it } from 'vitest';
import { nextUnreviewed, step } from './review';

const claims = [
  { id: 10, status: 'verified' },
  { id: 11, status: 'unreviewed' },
  { id: 12, status: 'disputed' },
  { id: 13, status: 'unreviewed' },
];

describe('step (j/k)', () => {
  it('moves to the next and previous claim', () => {
    expect(step(claims, 11, 1)).toBe(12);
    expect(step(claims, 11, -1)).toBe(10);
  });

  it('stops at the ends instead of wrapping', () => {
    expect(step(claims, 13, 1)).toBe(13);
    expect(step(claims, 10, -1)).toBe(10);
  });

  it('starts at the first claim on j and the last on k when none is selected', () => {
    expect(step(claims, null, 1)).toBe(10);
    expect(step(claims, null, -1)).toBe(13);
  });

  it('has nowhere to go in an empty list', () => {
    expect(step([], null, 1)).toBeNull();
  });
});

describe('nextUnreviewed', () => {
  it('finds the next unreviewed claim after the current one', () => {
    expect(nextUnreviewed(claims, 11)).toBe(13);
  });

  it('wraps round to the top', () => {
    expect(nextUnreviewed(claims, 13)).toBe(11);
  });

  it('says the article is done when no other claim is unreviewed', () => {
    expect(nextUnreviewed([{ id: 1, status: 'unreviewed' }, { id: 2, status: 'verified' }], 1)).toBeNull();
  });
});
