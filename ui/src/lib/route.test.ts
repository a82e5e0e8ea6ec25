import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute } from './route';

describe('routes', () => {
  it('opens the library when the hash is empty', () => {
    expect(parseRoute('')).toEqual({ view: 'library' });
    expect(parseRoute('#/')).toEqual({ view: 'library' });
  });

  it('comes back to the same article and claim after a reload', () => {
    const route = { view: 'article', articleId: 12, claimId: 34 } as const;
    expect(parseRoute(formatRoute(route))).toEqual(route);
    expect(formatRoute({ view: 'article', articleId: 3, claimId: null })).toBe('#/article/3');
  });

  it('falls back to the library for hashes it does not know', () => {
    expect(parseRoute('#/article/abc')).toEqual({ view: 'library' });
    expect(parseRoute('#/article/0')).toEqual({ view: 'library' });
    expect(parseRoute('#/settings')).toEqual({ view: 'library' });
  });

  it('ignores a malformed claim part but keeps the article', () => {
    expect(parseRoute('#/article/5/claim/x')).toEqual({ view: 'article', articleId: 5, claimId: null });
  });
});
