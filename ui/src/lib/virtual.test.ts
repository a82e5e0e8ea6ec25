import { describe, expect, it } from 'vitest';
import { measuredWindow, pagesFor, revealMeasured, RowSizes, scrollToReveal, visibleWindow } from './virtual';

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

describe('RowSizes', () => {
  it('estimates rows until they are measured, and keeps the offsets in step', () => {
    const sizes = new RowSizes(5, 78);
    expect(sizes.total()).toBe(390);
    expect(sizes.set(1, 56)).toBe(-22);
    expect(sizes.offsetOf(2)).toBe(78 + 56);
    expect(sizes.total()).toBe(390 - 22);
    expect(sizes.set(1, 56)).toBe(0);
    expect(sizes.indexAt(0)).toBe(0);
    expect(sizes.indexAt(78)).toBe(1);
    expect(sizes.indexAt(78 + 55)).toBe(1);
    expect(sizes.indexAt(78 + 56)).toBe(2);
    expect(sizes.indexAt(1e9)).toBe(4);
  });

  it('ignores heights of hidden rows and rows past the end, and forgets on reset', () => {
    const sizes = new RowSizes(3, 78);
    expect(sizes.set(0, 0)).toBe(0);
    expect(sizes.set(7, 50)).toBe(0);
    sizes.set(2, 50);
    sizes.setCount(2);
    expect(sizes.total()).toBe(156);
    sizes.set(0, 40);
    sizes.reset();
    expect(sizes.heightOf(0)).toBe(78);
  });

  it('finds a row among 100,000 and the window around it', () => {
    const sizes = new RowSizes(100_000, 78);
    for (let i = 0; i < 100_000; i += 2) sizes.set(i, 56);
    const y = 50_000 * (56 + 78) / 2;
    expect(sizes.indexAt(y)).toBe(50_000);
    const view = measuredWindow(sizes, 100_000, y, 640, 3);
    expect(view.start).toBe(49_997);
    expect(view.offset).toBe(sizes.offsetOf(49_997));
    expect(view.end).toBeGreaterThan(50_000 + 640 / 78);
  });

  it('reveals a row of its own height', () => {
    const sizes = new RowSizes(10, 78);
    sizes.set(3, 56);
    expect(revealMeasured(sizes, 3, 0, 640)).toBeNull();
    expect(revealMeasured(sizes, 3, 300, 640)).toBe(3 * 78);
    expect(revealMeasured(sizes, 9, 0, 300)).toBe(sizes.offsetOf(10) - 300);
  });
});
