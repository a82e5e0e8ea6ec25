/** What the article dialogs and the library share about an article. */
import type { ArticleSummary } from '../bindings/ArticleSummary';

/** The details an editor can correct (an article summary and the article itself both have them). */
export type ArticleFields = Pick<ArticleSummary, 'id' | 'title' | 'outlet' | 'byline' | 'url' | 'published'>;
