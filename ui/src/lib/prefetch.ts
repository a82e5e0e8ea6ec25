/**
 * An article requested the moment the editor opens it, before the view it opens in exists.
 * Taking down the library and building the workspace costs tens of milliseconds on a busy
 * machine; the request to the core runs alongside instead of after them. The workspace takes
 * the request over once; nothing is cached beyond that, so a later visit reads the article
 * afresh (a colleague may have changed it).
 */
import type { ArticleDetail } from '../bindings/ArticleDetail';
import { call } from './api';

/** How long a request nobody took over is kept before it is let go. */
const UNCLAIMED_MS = 5000;

const started = new Map<number, Promise<ArticleDetail>>();

/** Starts reading an article that is about to be opened. */
export function prefetchArticle(id: number): void {
  if (started.has(id)) return;
  const request = call('get_article', { id });
  started.set(id, request);
  // A failure is the opener's to report; until one takes the request, it is not an error.
  request.catch(() => {});
  setTimeout(() => {
    if (started.get(id) === request) started.delete(id);
  }, UNCLAIMED_MS);
}

/** The request started for an article, once: the second call for the same article gets nothing. */
export function takePrefetched(id: number): Promise<ArticleDetail> | undefined {
  const request = started.get(id);
  started.delete(id);
  return request;
}
