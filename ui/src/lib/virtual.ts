/**
 * The arithmetic of a virtualised list of fixed-height rows: which rows to put in the DOM for a
 * scroll position, and where to scroll to bring a row into view. With every row the same
 * height, a list of 100,000 claims costs the DOM only the few dozen rows on screen.
 */

/** The rows to render and where the first of them sits. */
export interface Window {
  /** First row to render. */
  start: number;
  /** One past the last row to render. */
  end: number;
  /** Pixels from the top of the list to the first rendered row. */
  offset: number;
  /** Height of the whole list in pixels (the scrollable extent). */
  height: number;
}

/**
 * The rows that cover the viewport at `scrollTop`, plus `overscan` rows either side so a fast
 * scroll does not show blank space before the next frame renders.
 */
export function visibleWindow(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  count: number,
  overscan = 6,
): Window {
  const height = Math.max(0, count * rowHeight);
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0, offset: 0, height };
  const top = Math.min(Math.max(0, scrollTop), Math.max(0, height - viewportHeight));
  const first = Math.floor(top / rowHeight);
  const last = Math.ceil((top + Math.max(0, viewportHeight)) / rowHeight);
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, Math.max(last, first + 1) + overscan);
  return { start, end, offset: start * rowHeight, height };
}

/**
 * The scroll position that brings row `index` fully into view, moving as little as possible;
 * `null` when it is in view already.
 */
export function scrollToReveal(
  index: number,
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
): number | null {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return null;
}

/** The page numbers (of `pageSize` rows) that rows `start..end` fall on. */
export function pagesFor(start: number, end: number, pageSize: number): number[] {
  if (end <= start || pageSize <= 0) return [];
  const pages: number[] = [];
  for (let page = Math.floor(start / pageSize); page * pageSize < end; page++) pages.push(page);
  return pages;
}
