import { describe, expect, it } from 'vitest';
import { noFilters } from './filters';
import { articleRoute, formatRoute, parseRoute, type Route } from './route';

describe('routes', () => {
  it('opens the library when the hash is empty', () => {
    expect(parseRoute('')).toEqual({ view: 'library' });
    expect(parseRoute('#/')).toEqual({ view: 'library' });
  });

  it('comes back to the same article and claim after a reload', () => {
    const route = articleRoute(12, 34);
    expect(parseRoute(formatRoute(route))).toEqual(route);
    expect(formatRoute(articleRoute(3))).toBe('#/article/3');
  });

  it('keeps the search and filters of the claim list in the address', () => {
    const route: Route = {
      view: 'claims',
      claimId: 9,
      filters: { ...noFilters(), query: 'ferry fares', statuses: ['unreviewed'] },
    };
    const hash = formatRoute(route);
    expect(hash).toBe('#/claims/claim/9?q=ferry+fares&status=unreviewed');
    expect(parseRoute(hash)).toEqual(route);
    expect(parseRoute('#/article/4?kind=quantity')).toEqual({
      view: 'article',
      articleId: 4,
      claimId: null,
      filters: { ...noFilters(), kinds: ['quantity'] },
    });
  });

  it('knows the recently deleted articles', () => {
    expect(parseRoute(formatRoute({ view: 'deleted' }))).toEqual({ view: 'deleted' });
  });

  it('falls back to the library for hashes it does not know', () => {
    expect(parseRoute('#/article/abc')).toEqual({ view: 'library' });
    expect(parseRoute('#/article/0')).toEqual({ view: 'library' });
    expect(parseRoute('#/settings')).toEqual({ view: 'library' });
  });

  it('ignores a malformed claim part but keeps the article', () => {
    expect(parseRoute('#/article/5/claim/x')).toEqual(articleRoute(5));
  });
});
