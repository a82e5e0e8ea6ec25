import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ArticleDetail } from '../bindings/ArticleDetail';
import { ApiError, setTransport } from './api';
import { prefetchArticle, takePrefetched } from './prefetch';

afterEach(() => {
  setTransport(null);
  vi.useRealTimers();
});

const detail = (id: number) => ({ article: { id }, claims: [], history: [] }) as unknown as ArticleDetail;

describe('prefetching the article being opened', () => {
  it('sends one request and hands it over once', async () => {
    const transport = vi.fn(async (_command: string, args: unknown) => detail((args as { id: number }).id));
    setTransport(transport);
    prefetchArticle(7);
    prefetchArticle(7);
    expect(transport).toHaveBeenCalledTimes(1);
    expect(transport).toHaveBeenCalledWith('get_article', { id: 7 });
    await expect(takePrefetched(7)).resolves.toMatchObject({ article: { id: 7 } });
    expect(takePrefetched(7)).toBeUndefined();
  });

  it('has nothing for an article nobody prefetched', () => {
    expect(takePrefetched(99)).toBeUndefined();
  });

  it('keeps a failure for the opener to report, without an unhandled rejection', async () => {
    setTransport(async () => {
      throw new ApiError('not_found', 'no article 5');
    });
    prefetchArticle(5);
    await Promise.resolve();
    await expect(takePrefetched(5)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('lets go of a request nobody took over, so a later visit reads the article afresh', async () => {
    vi.useFakeTimers();
    setTransport(async (_command, args) => detail((args as { id: number }).id));
    prefetchArticle(3);
    vi.advanceTimersByTime(5000);
    expect(takePrefetched(3)).toBeUndefined();
  });
});
