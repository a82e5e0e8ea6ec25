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

/**
 * The heights of a list's rows when they differ (a claim of one line is shorter than one of
 * two): measured for the rows that have been on screen, estimated for the others, and summed
 * into running offsets so that a list of 100,000 rows still finds the row at a scroll position
 * by binary search. Offsets are rebuilt lazily from the first row whose height changed.
 */
export class RowSizes {
  private measured = new Map<number, number>();
  private prefix = new Float64Array(1);
  /** Offsets are valid for rows before this one. */
  private validUpTo = 0;

  constructor(
    private count: number,
    /** The height assumed for a row not measured yet. */
    readonly estimate: number,
  ) {
    this.prefix = new Float64Array(count + 1);
  }

  /** How many rows the list holds; measurements past the end are dropped. */
  setCount(count: number): void {
    if (count === this.count) return;
    for (const index of [...this.measured.keys()]) if (index >= count) this.measured.delete(index);
    this.count = count;
    this.prefix = new Float64Array(count + 1);
    this.validUpTo = 0;
  }

  /** Forget every measurement (the list now holds other rows). */
  reset(): void {
    this.measured.clear();
    this.validUpTo = 0;
  }

  /** The height of row `index`: measured, else the estimate. */
  heightOf(index: number): number {
    return this.measured.get(index) ?? this.estimate;
  }

  /** Records row `index`'s measured height; returns how much taller it is than was assumed. */
  set(index: number, height: number): number {
    if (index < 0 || index >= this.count || !(height > 0)) return 0;
    const before = this.heightOf(index);
    if (before === height) return 0;
    this.measured.set(index, height);
    this.validUpTo = Math.min(this.validUpTo, index);
    return height - before;
  }

  private build(upTo: number): void {
    if (upTo <= this.validUpTo) return;
    for (let i = this.validUpTo; i < upTo; i++) this.prefix[i + 1] = this.prefix[i] + this.heightOf(i);
    this.validUpTo = upTo;
  }

  /** Pixels from the top of the list to the top of row `index` (`count`: the list's height). */
  offsetOf(index: number): number {
    const at = Math.max(0, Math.min(this.count, index));
    this.build(at);
    return this.prefix[at];
  }

  /** The whole list's height. */
  total(): number {
    return this.offsetOf(this.count);
  }

  /** The row at `y` pixels from the top of the list (the last row past the end). */
  indexAt(y: number): number {
    if (this.count === 0) return 0;
    this.build(this.count);
    let low = 0;
    let high = this.count - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.prefix[middle] <= y) low = middle;
      else high = middle - 1;
    }
    return low;
  }
}

/** The rows to render for a list of rows of differing heights (see {@link visibleWindow}). */
export function measuredWindow(sizes: RowSizes, count: number, scrollTop: number, viewportHeight: number, overscan = 6): Window {
  const height = sizes.total();
  if (count <= 0) return { start: 0, end: 0, offset: 0, height: 0 };
  const top = Math.min(Math.max(0, scrollTop), Math.max(0, height - viewportHeight));
  const first = sizes.indexAt(top);
  const last = sizes.indexAt(top + Math.max(0, viewportHeight - 1));
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, last + 1 + overscan);
  return { start, end, offset: sizes.offsetOf(start), height };
}

/** The scroll position that shows row `index` whole, moving as little as possible; `null` when it is in view. */
export function revealMeasured(sizes: RowSizes, index: number, scrollTop: number, viewportHeight: number): number | null {
  const top = sizes.offsetOf(index);
  const bottom = top + sizes.heightOf(index);
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return null;
}
