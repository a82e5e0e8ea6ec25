/**
 * Where the editor is, kept in the URL's hash (`#/article/12/claim/34`,
 * `#/claims/claim/34?q=budget&status=unreviewed`) so that a reload, in the browser or the
 * desktop window, comes back to the same list, article and claim.
 */
import { formatFilters, noFilters, parseFilters, type Filters } from './filters';

/** A place in the app. */
export type Route =
  | { view: 'library' }
  | { view: 'deleted' }
  | { view: 'article'; articleId: number; claimId: number | null; filters: Filters }
  | { view: 'claims'; claimId: number | null; filters: Filters };

function positiveInt(text: string | undefined): number | null {
  if (text === undefined || !/^[1-9][0-9]{0,15}$/.test(text)) return null;
  return Number(text);
}

/** Reads a route from a location hash; anything unrecognised is the library. */
export function parseRoute(hash: string): Route {
  const body = hash.replace(/^#\/?/, '');
  const question = body.indexOf('?');
  const path = question === -1 ? body : body.slice(0, question);
  const filters = question === -1 ? noFilters() : parseFilters(body.slice(question + 1));
  const parts = path.split('/');
  if (parts[0] === 'article') {
    const articleId = positiveInt(parts[1]);
    if (articleId !== null) {
      const claimId = parts[2] === 'claim' ? positiveInt(parts[3]) : null;
      return { view: 'article', articleId, claimId, filters };
    }
  }
  if (parts[0] === 'claims') {
    const claimId = parts[1] === 'claim' ? positiveInt(parts[2]) : null;
    return { view: 'claims', claimId, filters };
  }
  if (parts[0] === 'deleted') return { view: 'deleted' };
  return { view: 'library' };
}

/** The location hash of a route. */
export function formatRoute(route: Route): string {
  if (route.view === 'library') return '#/';
  if (route.view === 'deleted') return '#/deleted';
  const claim = route.claimId === null ? '' : `/claim/${route.claimId}`;
  const query = formatFilters(route.filters);
  const base = route.view === 'article' ? `#/article/${route.articleId}` : '#/claims';
  return `${base}${claim}${query === '' ? '' : `?${query}`}`;
}

/** The route of an article, unfiltered, optionally at one of its claims. */
export function articleRoute(articleId: number, claimId: number | null = null): Route {
  return { view: 'article', articleId, claimId, filters: noFilters() };
}
