import { describe, expect, it } from 'vitest';
import type { Evidence } from '../bindings/Evidence';
import type { FactCheck } from '../bindings/FactCheck';
import type { IndexProgress } from '../bindings/IndexProgress';
import { alikeLabel, countsLine, indexLibrary, isAttached, sourceLine } from './factchecks';

const factCheck: FactCheck = {
  id: 4,
  source_key: 'efc-2025-031',
  claim: 'The bridge carries more than 30,000 vehicles every day.',
  title: 'Does the bridge carry 30,000 vehicles a day?',
  subtitle: null,
  url: 'https://factcheck.example/eastbrook/efc-2025-031',
  rating: 'Mostly true',
  publisher: 'Eastbrook Fact Check',
  author: null,
  published: '2025-03-14',
  source_file: 'eastbrook.jsonl',
  imported_at: '2025-03-20T10:00:00Z',
  updated_at: '2025-03-20T10:00:00Z',
};

function evidence(url: string): Evidence {
  return { id: 1, claim_id: 9, url, title: null, stance: 'supports', note: '', added_at: '', added_by: 'Jo' };
}

describe('checked before', () => {
  it('knows a fact-check is attached by its link', () => {
    expect(isAttached(factCheck, [evidence('https://other.example/')])).toBe(false);
    expect(isAttached(factCheck, [evidence(factCheck.url!)])).toBe(true);
    expect(isAttached({ ...factCheck, url: null }, [evidence('https://other.example/')])).toBe(false);
  });

  it('reads publisher, rating and day on one line', () => {
    expect(sourceLine(factCheck)).toBe('Eastbrook Fact Check · Mostly true · 2025-03-14');
    expect(sourceLine({ ...factCheck, publisher: null, rating: null, published: null })).toBe('Unknown publisher');
  });

  it('says what importing a file did', () => {
    expect(countsLine({ added: 14231, updated: 0, unchanged: 2 })).toBe('14,231 added, 0 updated, 2 unchanged');
  });

  it('says how alike, or nothing', () => {
    expect(alikeLabel(0.871)).toBe('87% alike');
    expect(alikeLabel(null)).toBeNull();
  });
});

describe('indexing the library', () => {
  it('steps until every fact-check is indexed, reporting each step', async () => {
    const steps: IndexProgress[] = [
      { embedded: 256, indexed: 256, total: 600 },
      { embedded: 256, indexed: 512, total: 600 },
      { embedded: 88, indexed: 600, total: 600 },
    ];
    const seen: number[] = [];
    let i = 0;
    const last = await indexLibrary(
      async () => steps[i++],
      (p) => seen.push(p.indexed),
    );
    expect(seen).toEqual([256, 512, 600]);
    expect(last?.indexed).toBe(600);
  });

  it('stops when nothing more can be embedded (no encoder) or when asked to', async () => {
    let calls = 0;
    await indexLibrary(
      async () => {
        calls += 1;
        return { embedded: 0, indexed: 0, total: 50 };
      },
      () => {},
    );
    expect(calls).toBe(1);
    let stop = false;
    calls = 0;
    await indexLibrary(
      async () => {
        calls += 1;
        stop = true;
        return { embedded: 10, indexed: 10, total: 50 };
      },
      () => {},
      () => stop,
    );
    expect(calls).toBe(1);
  });
});
