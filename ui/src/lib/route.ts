/**
 * Where the editor is, kept in the URL's hash (`#/article/12/claim/34`) so that a reload, in the
 * browser or the desktop window, comes back to the same article and claim.
 */

/** A place in the app. */
export type Route =
  | { view: 'library' }
  | { view: 'article'; articleId: number; claimId: number | null };

function positiveInt(text: string | undefined): number | null {
  if (text === undefined || !/^[1-9][0-9]{0,15}$/.test(text)) return null;
  return Number(text);
}

/** Reads a route from a location hash; anything unrecognised is the library. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/');
  if (parts[0] === 'article') {
    const articleId = positiveInt(parts[1]);
    if (articleId !== null) {
      const claimId = parts[2] === 'claim' ? positiveInt(parts[3]) : null;
      return { view: 'article', articleId, claimId };
    }
  }
  return { view: 'library' };
}

/** The location hash of a route. */
export function formatRoute(route: Route): string {
  if (route.view === 'library') return '#/';
  const claim = route.claimId === null ? '' : `/claim/${route.claimId}`;
  return `#/article/${route.articleId}${claim}`;
}
