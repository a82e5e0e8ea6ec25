import { describe, expect, it } from 'vitest';
import { Pager, type Page, type PageLoader } from './pager';

interface Row {
  id: number;
  status: string;
}

/** A query over `total` rows whose answers the test releases when it wants. */
function controlled(total: number, tag = 'a') {
  const calls: { offset: number; limit: number; resolve: () => void; reject: (reason: unknown) => void }[] = [];
  const loader: PageLoader<Row> = (offset, limit) =>
    new Promise<Page<Row>>((resolve, reject) => {
      const items = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => ({
        id: offset + i + 1,
        status: `${tag}${offset + i}`,
      }));
      calls.push({ offset, limit, resolve: () => resolve({ items, total }), reject });
    });
  return { loader, calls };
}

/** A query that answers at once. */
function immediate(total: number, status: (index: number) => string = (index: number) => (index % 3 === 0 ? 'unreviewed' : 'verified')): PageLoader<Row> {
  return async (offset, limit) => ({
    items: Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => ({ id: offset + i + 1, status: status(offset + i) })),
    total,
  });
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('Pager', () => {
  it('loads the first page, then only the pages the list scrolls to', async () => {
    const pager = new Pager<Row>(100);
    const { loader, calls } = controlled(10_000);
    const shown = pager.reset(loader);
    calls[0].resolve();
    await shown;
    expect(pager.total).toBe(10_000);
    expect(pager.get(5)?.id).toBe(6);
    expect(pager.get(150)).toBeUndefined();

    pager.ensure(140, 260);
    expect(calls.map((call) => call.offset)).toEqual([0, 100, 200]);
    pager.ensure(150, 160); // already loading: not asked again
    expect(calls).toHaveLength(3);
    calls[1].resolve();
    await flush();
    expect(pager.get(150)?.id).toBe(151);
  });

  it('keeps the old rows on screen until the new query has answered', async () => {
    const pager = new Pager<Row>(100);
    await pager.reset(immediate(50));
    const next = controlled(5, 'b');
    const shown = pager.reset(next.loader);
    expect(pager.total).toBe(50);
    next.calls[0].resolve();
    await shown;
    expect(pager.total).toBe(5);
    expect(pager.get(0)?.status).toBe('b0');
  });

  it('runs only the newest of the queries typed while one was in flight', async () => {
    const pager = new Pager<Row>(100);
    const first = controlled(100, 'c');
    const second = controlled(100, 'co');
    const third = controlled(100, 'cou');
    const done = pager.reset(first.loader);
    void pager.reset(second.loader);
    void pager.reset(third.loader);
    first.calls[0].resolve();
    await flush();
    expect(second.calls).toHaveLength(0); // skipped: a newer query was waiting
    expect(third.calls).toHaveLength(1);
    third.calls[0].resolve();
    await done;
    expect(pager.get(0)?.status).toBe('cou0');
  });

  it('drops a page that answers after the query changed', async () => {
    const pager = new Pager<Row>(100);
    const old = controlled(1000, 'old');
    const shown = pager.reset(old.loader);
    old.calls[0].resolve();
    await shown;
    pager.ensure(300, 310);
    await pager.reset(immediate(1000, () => 'new'));
    old.calls[1].resolve();
    await flush();
    expect(pager.get(300)).toBeUndefined();
    expect(pager.get(0)?.status).toBe('new');
  });

  it('updates a loaded row in place and tells the list', async () => {
    const pager = new Pager<Row>(100);
    await pager.reset(immediate(10));
    let changes = 0;
    pager.onchange = () => changes++;
    expect(pager.update(4, (row) => ({ ...row, status: 'disputed' }))).toBe(true);
    expect(pager.get(3)?.status).toBe('disputed');
    expect(changes).toBe(1);
    expect(pager.update(999, (row) => row)).toBe(false);
    expect(pager.indexOf(4)).toBe(3);
  });

  it('finds the next unreviewed row on a page not loaded yet, then wraps round', async () => {
    const pager = new Pager<Row>(10);
    await pager.reset(immediate(100, (index) => (index === 57 || index === 2 ? 'unreviewed' : 'verified')));
    expect((await pager.findAfter(5, (row) => row.status === 'unreviewed'))?.id).toBe(58);
    expect((await pager.findAfter(57, (row) => row.status === 'unreviewed'))?.id).toBe(3);
    expect(await pager.findAfter(57, (row) => row.status === 'nothing')).toBeUndefined();
    expect((await pager.findAfter(-1, (row) => row.status === 'unreviewed'))?.id).toBe(3);
  });

  it('reports a failed query and recovers with the next', async () => {
    const pager = new Pager<Row>(10);
    await pager.reset(() => Promise.reject(new Error('offline')));
    expect(pager.error).toBeInstanceOf(Error);
    await pager.reset(immediate(3));
    expect(pager.error).toBeNull();
    expect(pager.total).toBe(3);
  });
});
