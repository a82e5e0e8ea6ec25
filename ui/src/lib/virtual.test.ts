import { describe, expect, it } from 'vitest';
import { pagesFor, scrollToReveal, visibleWindow } from './virtual';

describe('visibleWindow', () => {
  it('renders only the rows on screen plus the overscan', () => {
    // 100,000 rows of 64 px, a 640 px viewport scrolled to row 1,000.
    const view = visibleWindow(64_000, 640, 64, 100_000, 5);
    expect(view).toEqual({ start: 995, end: 1015, offset: 995 * 64, height: 6_400_000 });
  });

  it('starts at the top and stops at the end', () => {
    expect(visibleWindow(0, 640, 64, 100, 5)).toMatchObject({ start: 0, end: 15, offset: 0 });
    const bottom = visibleWindow(1e9, 640, 64, 100, 5);
    expect(bottom.end).toBe(100);
    expect(bottom.start).toBe(85);
  });

  it('copes with an empty list, a list shorter than the viewport and a zero-height viewport', () => {
    expect(visibleWindow(0, 640, 64, 0)).toEqual({ start: 0, end: 0, offset: 0, height: 0 });
    expect(visibleWindow(0, 640, 64, 3, 5)).toMatchObject({ start: 0, end: 3 });
    expect(visibleWindow(640, 0, 64, 100, 0)).toMatchObject({ start: 10, end: 11 });
  });

  it('counts a partly visible row at the bottom', () => {
    expect(visibleWindow(32, 100, 64, 100, 0)).toMatchObject({ start: 0, end: 3 });
  });
});

describe('scrollToReveal', () => {
  it('leaves a row in view where it is', () => {
    expect(scrollToReveal(3, 0, 640, 64)).toBeNull();
  });

  it('scrolls up to a row above the view, down just far enough for one below it', () => {
    expect(scrollToReveal(2, 640, 640, 64)).toBe(128);
    expect(scrollToReveal(20, 0, 640, 64)).toBe(21 * 64 - 640);
  });
});

describe('pagesFor', () => {
  it('names the pages the rendered rows fall on', () => {
    expect(pagesFor(995, 1015, 200)).toEqual([4, 5]);
    expect(pagesFor(0, 10, 200)).toEqual([0]);
    expect(pagesFor(10, 10, 200)).toEqual([]);
  });
});
