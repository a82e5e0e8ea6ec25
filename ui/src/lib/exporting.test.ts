import { describe, expect, it } from 'vitest';
import { cleanLevels, exportArgs, initialScope, previewText, type ExportChoice } from './exporting';

const everything: ExportChoice = {
  format: 'html',
  articles: 'all',
  articleId: 4,
  claimId: 12,
  statuses: [],
  since: '',
  until: '',
  includeHistory: false,
};

describe('export arguments', () => {
  it('send only the format when the whole desk is exported', () => {
    expect(exportArgs(everything)).toEqual({ format: 'html' });
  });

  it('narrow to the current article, a status and a review-date range', () => {
    expect(
      exportArgs({ ...everything, articles: 'article', statuses: ['disputed'], since: ' 2025-03-01 ', until: '2025-03-14' }),
    ).toEqual({ format: 'html', article_id: 4, statuses: ['disputed'], since: '2025-03-01', until: '2025-03-14' });
  });

  it('narrow to the selected claim', () => {
    expect(exportArgs({ ...everything, format: 'claimreview', articles: 'claim' })).toEqual({
      format: 'claimreview',
      claim_ids: [12],
    });
  });

  it('ask for the history only in the reports that can show it', () => {
    expect(exportArgs({ ...everything, includeHistory: true })).toEqual({ format: 'html', include_history: true });
    expect(exportArgs({ ...everything, format: 'markdown', includeHistory: true })).toEqual({
      format: 'markdown',
      include_history: true,
    });
    expect(exportArgs({ ...everything, format: 'claimreview', includeHistory: true })).toEqual({ format: 'claimreview' });
  });

  it('ignore an article scope without an article', () => {
    expect(exportArgs({ ...everything, articles: 'article', articleId: null })).toEqual({ format: 'html' });
  });
});

describe('initial scope', () => {
  it('from the library: the reviewed claims of every article', () => {
    expect(initialScope({ view: 'library' })).toEqual({ articles: 'all', statuses: ['verified', 'disputed'] });
  });

  it('from a claim or an article: that claim or article, every status', () => {
    expect(initialScope({ view: 'workspace', articleId: 3, claimId: 9 })).toEqual({ articles: 'claim', statuses: [] });
    expect(initialScope({ view: 'workspace', articleId: 3, claimId: null })).toEqual({ articles: 'article', statuses: [] });
    expect(initialScope({ view: 'workspace', articleId: null, claimId: null })).toEqual({ articles: 'all', statuses: [] });
  });
});

describe('preview', () => {
  it('shows a short report whole', () => {
    expect(previewText('a\nb\n', 10)).toEqual({ text: 'a\nb\n', omitted: 0 });
  });

  it('cuts a long report at a line end and says how much is left out', () => {
    const { text, omitted } = previewText('line one\nline two\nline three\n', 20);
    expect(text).toBe('line one\nline two\n');
    expect(omitted).toBe('line three\n'.length);
  });
});

describe('custom verdict levels', () => {
  it('are trimmed and lose blank numbers', () => {
    expect(
      cleanLevels([
        { label: '  Correct ', value: 3, status: 'verified' },
        { label: 'Wrong', value: Number.NaN, status: 'disputed' },
      ]),
    ).toEqual([
      { label: 'Correct', value: 3, status: 'verified' },
      { label: 'Wrong', value: null, status: 'disputed' },
    ]);
  });
});
