import { describe, expect, it } from 'vitest';
import { cleanLevels, exportArgs, previewText, type ExportChoice } from './exporting';

const everything: ExportChoice = {
  format: 'html',
  articles: 'all',
  articleId: 4,
  claimId: 12,
  statuses: [],
  since: '',
  until: '',
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

  it('ignore an article scope without an article', () => {
    expect(exportArgs({ ...everything, articles: 'article', articleId: null })).toEqual({ format: 'html' });
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
