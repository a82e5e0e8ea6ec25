/**
 * Importing many files at once: which files of a chosen or dropped folder are articles (the
 * same rule as `claimdesk import FOLDER`), and the import itself, one file at a time so the
 * progress bar moves and one bad file never stops the others.
 */
import type { ArticleSummary } from '../bindings/ArticleSummary';
import type { ImportResult } from '../bindings/ImportResult';
import { showable, type ShownError } from './errors';

/** The extensions `claimdesk import FOLDER` takes, and so does the window. */
const ARTICLE_EXTENSIONS = ['txt', 'text', 'md', 'markdown', 'html', 'htm'];

/** Files larger than this are refused before reading, so the window never stalls on one. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Whether a file found in a folder is an article to import: a known text or HTML extension,
 * and no hidden file or folder on its path (`.git/`, `.DS_Store`).
 */
export function isArticleFile(path: string): boolean {
  const parts = path.split('/').filter((part) => part !== '');
  if (parts.length === 0 || parts.some((part) => part.startsWith('.'))) return false;
  const name = parts[parts.length - 1];
  const dot = name.lastIndexOf('.');
  return dot > 0 && ARTICLE_EXTENSIONS.includes(name.slice(dot + 1).toLowerCase());
}

/** A file to import and the path it is shown under (its place in a folder, or its name). */
export interface QueuedFile {
  path: string;
  file: File;
}

/**
 * The files a picker or a drop gave, as the queue: from a folder only the article files in
 * path order (as the CLI does); files picked one by one are all kept, in the order given, so
 * that a file of the wrong kind gets its own clear error rather than vanishing.
 */
export function queueOf(files: Iterable<File>, fromFolder: boolean): QueuedFile[] {
  const queued = [...files].map((file) => ({ path: file.webkitRelativePath || file.name, file }));
  if (!fromFolder) return queued;
  return queued.filter((item) => isArticleFile(item.path)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** What the file-system side of a drop offers (a subset of the browser's FileSystemEntry). */
export interface DroppedEntry {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  fullPath: string;
  file?: (success: (file: File) => void, failure: (error: unknown) => void) => void;
  createReader?: () => { readEntries: (success: (entries: DroppedEntry[]) => void, failure: (error: unknown) => void) => void };
}

/**
 * Every article file under dropped entries (files and folders), folders walked in full; a
 * dropped file is kept whatever its name, a file inside a dropped folder only if it is an
 * article file.
 */
export async function filesOfEntries(entries: DroppedEntry[]): Promise<{ queue: QueuedFile[]; fromFolder: boolean }> {
  const queue: QueuedFile[] = [];
  let fromFolder = false;
  const fileOf = (entry: DroppedEntry) =>
    new Promise<File>((resolve, reject) => (entry.file ? entry.file(resolve, reject) : reject(new Error('not a file'))));
  const childrenOf = async (entry: DroppedEntry): Promise<DroppedEntry[]> => {
    const reader = entry.createReader?.();
    if (!reader) return [];
    const all: DroppedEntry[] = [];
    // readEntries answers in batches (100 at a time in Chromium) until an empty one.
    for (;;) {
      const batch = await new Promise<DroppedEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) return all;
      all.push(...batch);
    }
  };
  const walk = async (entry: DroppedEntry, top: boolean): Promise<void> => {
    const path = entry.fullPath.replace(/^\//, '');
    if (entry.isFile) {
      if (top || isArticleFile(path)) queue.push({ path, file: await fileOf(entry) });
    } else if (entry.isDirectory && !entry.name.startsWith('.')) {
      fromFolder = true;
      for (const child of await childrenOf(entry)) await walk(child, false);
    }
  };
  for (const entry of entries) await walk(entry, true);
  const folderFiles = queue.filter((item) => item.path.includes('/')).sort((a, b) => (a.path < b.path ? -1 : 1));
  return { queue: [...queue.filter((item) => !item.path.includes('/')), ...folderFiles], fromFolder };
}

/** One file's line in the result list. */
export interface FileResult {
  path: string;
  state: 'waiting' | 'importing' | 'imported' | 'already_present' | 'failed';
  article: ArticleSummary | null;
  warnings: string[];
  error: ShownError | null;
}

/** Imports one file's text; the UI passes `import_article`. */
export type ImportOne = (content: string, fileName: string) => Promise<ImportResult>;

/**
 * Imports the queue one file at a time, calling `progress` with the results so far after
 * every change. A file that cannot be read or imported is marked failed with the reason and
 * the next one goes on. `cancelled` is asked between files.
 */
export async function importQueue(
  queue: QueuedFile[],
  importOne: ImportOne,
  progress: (results: FileResult[]) => void,
  cancelled: () => boolean = () => false,
): Promise<FileResult[]> {
  const results: FileResult[] = queue.map(({ path }) => ({ path, state: 'waiting', article: null, warnings: [], error: null }));
  progress(results);
  for (const [index, { file, path }] of queue.entries()) {
    if (cancelled()) break;
    results[index] = { ...results[index], state: 'importing' };
    progress(results);
    try {
      if (file.size > MAX_FILE_BYTES) {
        throw {
          code: 'too_large',
          message: `${path} is ${(file.size / 1048576).toFixed(0)} MB; an article file should be well under 64 MB. Is it the right file?`,
        };
      }
      const result = await importOne(await file.text(), file.name);
      results[index] = { path, state: result.outcome, article: result.article, warnings: result.warnings, error: null };
    } catch (reason) {
      results[index] = { path, state: 'failed', article: null, warnings: [], error: showable(reason) };
    }
    progress(results);
  }
  return results;
}

/** The tallies of a batch, for the summary line. */
export function tally(results: readonly FileResult[]): { imported: number; already: number; failed: number; done: number } {
  let imported = 0;
  let already = 0;
  let failed = 0;
  for (const result of results) {
    if (result.state === 'imported') imported++;
    else if (result.state === 'already_present') already++;
    else if (result.state === 'failed') failed++;
  }
  return { imported, already, failed, done: imported + already + failed };
}
