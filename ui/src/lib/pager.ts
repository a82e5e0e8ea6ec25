/**
 * A long list read a page at a time: the claim list asks `list_claims` for the pages the
 * editor scrolls to, never for all 100,000 claims at once.
 *
 * Typing a search starts a new query per keystroke. Answers can come back out of order, so
 * every answer is checked against the query it was for and dropped when stale. At most one
 * new query is in flight: a query asked for meanwhile waits, and only the newest waiting one
 * runs, so fast typing never piles up requests (a light debounce that adds no delay to the
 * first keystroke). Until the new query's first page is in, the old rows stay on screen.
 */

/** One page of a query's answer. */
export interface Page<T> {
  items: T[];
  /** How many rows the whole query matches. */
  total: number;
}

/** Reads rows `offset..offset+limit` of one query. */
export type PageLoader<T> = (offset: number, limit: number) => Promise<Page<T>>;

/** A row must say which record it is, so it can be updated in place. */
export interface Identified {
  id: number;
}

export class Pager<T extends Identified> {
  private pages = new Map<number, T[]>();
  private loading = new Map<number, Promise<T[] | null>>();
  private loader: PageLoader<T> | null = null;
  /** Changes whenever a new query's rows replace the old ones; page answers for another are dropped. */
  private query = 0;
  private waiting: PageLoader<T> | null = null;
  private running: Promise<void> | null = null;

  /** Rows the current query matches; `null` before its first page is in. */
  total: number | null = null;
  /** Why the newest query failed, if it did (cleared by the next answer). */
  error: unknown = null;
  /** Called after every change of the rows, the total or the error. */
  onchange: () => void = () => {};

  constructor(readonly pageSize = 200) {}

  /**
   * Starts a new query; resolves once it (or a newer one asked for while it waited) is shown.
   */
  reset(loader: PageLoader<T>): Promise<void> {
    this.waiting = loader;
    this.running ??= this.run().finally(() => (this.running = null));
    return this.running;
  }

  /** Reads the current query again from the top (after a change that may move rows). */
  reload(): Promise<void> {
    return this.loader ? this.reset(this.loader) : Promise.resolve();
  }

  private async run(): Promise<void> {
    while (this.waiting) {
      const loader = this.waiting;
      this.waiting = null;
      try {
        const first = await loader(0, this.pageSize);
        // A newer query is waiting: showing this one now would only flicker.
        if (this.waiting) continue;
        this.install(loader, first);
      } catch (reason) {
        if (this.waiting) continue;
        this.error = reason;
        this.onchange();
      }
    }
  }

  private install(loader: PageLoader<T>, first: Page<T>) {
    this.loader = loader;
    this.query++;
    this.pages = new Map([[0, first.items]]);
    this.loading = new Map();
    this.total = first.total;
    this.error = null;
    this.onchange();
  }

  /** The row at `index`, if its page is loaded. */
  get(index: number): T | undefined {
    return this.pages.get(Math.floor(index / this.pageSize))?.[index % this.pageSize];
  }

  /** Loads the pages that hold rows `start..end` (those not loaded or loading yet). */
  ensure(start: number, end: number): void {
    if (this.total === null) return;
    const last = Math.min(end, this.total);
    for (let page = Math.floor(start / this.pageSize); page * this.pageSize < last; page++) void this.page(page);
  }

  /** One page of the current query: from memory, from the load already under way, or loaded. */
  private page(number: number): Promise<T[] | null> {
    const loaded = this.pages.get(number);
    if (loaded) return Promise.resolve(loaded);
    const underway = this.loading.get(number);
    if (underway) return underway;
    const loader = this.loader;
    if (!loader) return Promise.resolve(null);
    const query = this.query;
    const load = loader(number * this.pageSize, this.pageSize).then(
      (page) => {
        if (query !== this.query) return null; // an answer for a query no longer shown
        this.loading.delete(number);
        this.pages.set(number, page.items);
        this.total = page.total;
        this.onchange();
        return page.items;
      },
      (reason) => {
        if (query !== this.query) return null;
        this.loading.delete(number);
        this.error = reason;
        this.onchange();
        return null;
      },
    );
    this.loading.set(number, load);
    return load;
  }

  /** The position of a loaded row, or -1. */
  indexOf(id: number): number {
    for (const [number, items] of this.pages) {
      const at = items.findIndex((item) => item.id === id);
      if (at !== -1) return number * this.pageSize + at;
    }
    return -1;
  }

  /** Replaces a loaded row by id (a claim the core has just changed); false if none is loaded. */
  update(id: number, change: (item: T) => T): boolean {
    let found = false;
    for (const items of this.pages.values()) {
      const at = items.findIndex((item) => item.id === id);
      if (at !== -1) {
        items[at] = change(items[at]);
        found = true;
      }
    }
    if (found) this.onchange();
    return found;
  }

  /** The row at `index`, loading its page when needed; `undefined` past the end or on failure. */
  async at(index: number): Promise<T | undefined> {
    if (this.total === null || index < 0 || index >= this.total) return undefined;
    const items = await this.page(Math.floor(index / this.pageSize));
    return items?.[index % this.pageSize];
  }

  /**
   * The first row after `index` that `wanted` accepts, looking at most `limit` rows on and
   * loading pages as needed, then wrapping round to the top; `undefined` when there is none.
   */
  async findAfter(index: number, wanted: (item: T) => boolean, limit = 2000): Promise<T | undefined> {
    const total = this.total ?? 0;
    const query = this.query;
    const span = Math.min(total, limit);
    for (let step = 1; step < span || (step === span && index < 0); step++) {
      const item = await this.at((index + step + total) % total);
      if (query !== this.query) return undefined;
      if (item && wanted(item)) return item;
    }
    return undefined;
  }
}
