import { describe, expect, it } from 'vitest';
import type { ImportResult } from '../bindings/ImportResult';
import { filesOfEntries, importQueue, isArticleFile, queueOf, tally, type DroppedEntry, type FileResult } from './batch';

function file(name: string, content = 'text', relative = ''): File {
  const made = new File([content], name, { type: 'text/plain' });
  if (relative) Object.defineProperty(made, 'webkitRelativePath', { value: relative });
  return made;
}

describe('isArticleFile', () => {
  it('takes the text and HTML files the CLI takes, and skips hidden ones', () => {
    expect(isArticleFile('desk/story.txt')).toBe(true);
    expect(isArticleFile('desk/Story.HTML')).toBe(true);
    expect(isArticleFile('notes.md')).toBe(true);
    expect(isArticleFile('desk/photo.jpg')).toBe(false);
    expect(isArticleFile('desk/.hidden.txt')).toBe(false);
    expect(isArticleFile('desk/.git/HEAD.txt')).toBe(false);
    expect(isArticleFile('README')).toBe(false);
  });
});

describe('queueOf', () => {
  it('keeps a folder’s article files in path order', () => {
    const queue = queueOf([file('b.txt', '', 'desk/b.txt'), file('x.png', '', 'desk/x.png'), file('a.html', '', 'desk/sub/a.html')], true);
    expect(queue.map((item) => item.path)).toEqual(['desk/b.txt', 'desk/sub/a.html']);
  });

  it('keeps files picked one by one, even of another kind, so each gets its answer', () => {
    expect(queueOf([file('z.txt'), file('scan.pdf')], false).map((item) => item.path)).toEqual(['z.txt', 'scan.pdf']);
  });
});

describe('filesOfEntries', () => {
  const fileEntry = (fullPath: string): DroppedEntry => ({
    isFile: true,
    isDirectory: false,
    name: fullPath.split('/').pop() ?? '',
    fullPath,
    file: (success) => success(file(fullPath.split('/').pop() ?? '')),
  });
  const folder = (fullPath: string, children: DroppedEntry[]): DroppedEntry => {
    const batches = [children.slice(0, 2), children.slice(2), []];
    return {
      isFile: false,
      isDirectory: true,
      name: fullPath.split('/').pop() ?? '',
      fullPath,
      createReader: () => ({ readEntries: (success) => success(batches.shift() ?? []) }),
    };
  };

  it('walks dropped folders (read in batches) and keeps dropped files', async () => {
    const { queue, fromFolder } = await filesOfEntries([
      fileEntry('/loose.pdf'),
      folder('/desk', [fileEntry('/desk/b.txt'), fileEntry('/desk/logo.png'), folder('/desk/.git', [fileEntry('/desk/.git/x.txt')]), fileEntry('/desk/a.htm')]),
    ]);
    expect(fromFolder).toBe(true);
    expect(queue.map((item) => item.path)).toEqual(['loose.pdf', 'desk/a.htm', 'desk/b.txt']);
  });
});

describe('importQueue', () => {
  const article = (id: number) => ({ id, title: `Article ${id}` }) as ImportResult['article'];

  it('imports each file in turn and goes on after one fails', async () => {
    const seen: string[][] = [];
    const results = await importQueue(
      [
        { path: 'one.txt', file: file('one.txt', 'first') },
        { path: 'two.pdf', file: file('two.pdf', '%PDF') },
        { path: 'three.txt', file: file('three.txt', 'third') },
      ],
      async (content, name) => {
        if (name.endsWith('.pdf')) throw { code: 'unsupported_format', message: 'two.pdf is a PDF; save it as text or HTML first.' };
        return { outcome: content === 'third' ? 'already_present' : 'imported', article: article(content.length), warnings: [] };
      },
      (progress: FileResult[]) => seen.push(progress.map((result) => result.state)),
    );
    expect(results.map((result) => result.state)).toEqual(['imported', 'failed', 'already_present']);
    expect(results[1].error).toMatchObject({ code: 'unsupported_format', message: 'two.pdf is a PDF; save it as text or HTML first.' });
    expect(seen[0]).toEqual(['waiting', 'waiting', 'waiting']);
    expect(seen[1]).toEqual(['importing', 'waiting', 'waiting']);
    expect(tally(results)).toEqual({ imported: 1, already: 1, failed: 1, done: 3 });
  });

  it('stops between files when cancelled', async () => {
    let imported = 0;
    const results = await importQueue(
      [
        { path: 'a.txt', file: file('a.txt') },
        { path: 'b.txt', file: file('b.txt') },
      ],
      async () => {
        imported++;
        return { outcome: 'imported', article: article(1), warnings: [] };
      },
      () => {},
      () => imported === 1,
    );
    expect(results.map((result) => result.state)).toEqual(['imported', 'waiting']);
  });
});
