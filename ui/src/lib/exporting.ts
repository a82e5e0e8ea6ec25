/**
 * The export dialog's logic, apart from its markup: which arguments a chosen scope sends to
 * `export_report`, how much of a report the preview shows, and printing an HTML report (the
 * "Save as PDF" path) through a print-only frame.
 */
import type { ClaimStatus } from '../bindings/ClaimStatus';
import type { ExportReportArgs } from '../bindings/ExportReportArgs';
import type { ReportFormat } from '../bindings/ReportFormat';
import type { VerdictLevel } from '../bindings/VerdictLevel';

/** The formats in the order the dialog offers them, with what each is for. */
export const FORMATS: { value: ReportFormat; label: string; hint: string }[] = [
  { value: 'html', label: 'HTML report', hint: 'One page to publish, archive or print to PDF.' },
  { value: 'markdown', label: 'Markdown', hint: 'For a CMS draft, a wiki or an e-mail.' },
  { value: 'csv', label: 'CSV spreadsheet', hint: 'One row per claim; documented, stable columns.' },
  { value: 'json', label: 'JSON archive', hint: 'Everything with history; claimdesk import-json restores it.' },
  {
    value: 'claimreview',
    label: 'ClaimReview JSON-LD',
    hint: 'schema.org markup for the fact check’s web page; verified and disputed claims only.',
  },
];

/** Which articles a report covers. */
export type ArticleScope = 'article' | 'claim' | 'all';

/** What the editor chose in the dialog. */
export interface ExportChoice {
  format: ReportFormat;
  articles: ArticleScope;
  articleId: number | null;
  claimId: number | null;
  statuses: ClaimStatus[];
  since: string;
  until: string;
  /** HTML and Markdown (and the PDF printed from HTML): list the desk's audit trail too. */
  includeHistory: boolean;
}

/** Where the Export dialog was opened from. */
export type ExportOrigin = { view: 'library' } | { view: 'workspace'; articleId: number | null; claimId: number | null };

/**
 * The scope the dialog starts with: from the Library, the reviewed claims (verified and
 * disputed) of every article, what a desk publishes; from a claim or an article, that claim or
 * article, every status.
 */
export function initialScope(origin: ExportOrigin): { articles: ArticleScope; statuses: ClaimStatus[] } {
  if (origin.view === 'library') return { articles: 'all', statuses: ['verified', 'disputed'] };
  if (origin.claimId !== null) return { articles: 'claim', statuses: [] };
  if (origin.articleId !== null) return { articles: 'article', statuses: [] };
  return { articles: 'all', statuses: [] };
}

/** Whether a format is a report people read, which may list the desk's history. */
export function showsHistory(format: ReportFormat): boolean {
  return format === 'html' || format === 'markdown';
}

/** The `export_report` arguments for a choice; empty fields are left out. */
export function exportArgs(choice: ExportChoice): ExportReportArgs {
  const args: ExportReportArgs = { format: choice.format };
  if (choice.articles === 'article' && choice.articleId !== null) args.article_id = choice.articleId;
  if (choice.articles === 'claim' && choice.claimId !== null) args.claim_ids = [choice.claimId];
  if (choice.statuses.length > 0) args.statuses = [...choice.statuses];
  if (choice.since.trim() !== '') args.since = choice.since.trim();
  if (choice.until.trim() !== '') args.until = choice.until.trim();
  if (choice.includeHistory && showsHistory(choice.format)) args.include_history = true;
  return args;
}

/** The most of a text report the preview shows: a desk-wide JSON export can run to megabytes. */
export const PREVIEW_CHARS = 200_000;

/** The part of a text report the preview shows, and how much was left out. */
export function previewText(content: string, limit = PREVIEW_CHARS): { text: string; omitted: number } {
  if (content.length <= limit) return { text: content, omitted: 0 };
  // Cut at a line end so the preview does not stop mid-word.
  const cut = content.lastIndexOf('\n', limit);
  const end = cut > limit / 2 ? cut + 1 : limit;
  return { text: content.slice(0, end), omitted: content.length - end };
}

/** A custom scale's levels as the editor typed them, ready for `set_verdict_scale`. */
export function cleanLevels(levels: VerdictLevel[]): VerdictLevel[] {
  return levels.map((level) => ({
    label: level.label.trim(),
    value: level.value === null || level.value === undefined || Number.isNaN(level.value) ? null : level.value,
    status: level.status,
  }));
}

/**
 * Prints an HTML report (the browser's and WebKitGTK's dialogs both offer a PDF printer:
 * "Save as PDF" in Chromium, "Print to File" in GTK). The report goes into a frame of its own,
 * off screen, that is removed once printing is done.
 *
 * The preview frame is `sandbox=""`, which forbids print(); this frame is same-origin instead,
 * and safe to be: the report is rendered by the core with every piece of user text escaped,
 * and carries `default-src 'none'` in its own Content-Security-Policy, so nothing in it can run.
 */
export function printReport(html: string, doc: Document = document): Promise<void> {
  return new Promise((resolve, reject) => {
    const frame = doc.createElement('iframe');
    frame.title = 'Report for printing';
    frame.setAttribute('aria-hidden', 'true');
    frame.tabIndex = -1;
    // Off screen but page-sized: a 0×0 frame would give the report's own layout a 0-wide
    // viewport to lay out against.
    Object.assign(frame.style, {
      position: 'fixed',
      left: '-10000px',
      top: '0',
      width: '794px',
      height: '1123px',
      border: '0',
      visibility: 'hidden',
    });
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      // Removing the frame at once would cancel a print dialog that is still open.
      setTimeout(() => frame.remove(), 1000);
      resolve();
    };
    frame.addEventListener('load', () => {
      const view = frame.contentWindow;
      if (!view) {
        frame.remove();
        reject(new Error('the print frame did not open'));
        return;
      }
      try {
        view.focus();
        // print() returns once the print dialog has taken the page (Chromium and WebKit hold
        // the call until the dialog closes).
        view.print();
      } catch (reason) {
        frame.remove();
        reject(reason instanceof Error ? reason : new Error(String(reason)));
        return;
      }
      finish();
    });
    frame.srcdoc = html;
    doc.body.append(frame);
  });
}
