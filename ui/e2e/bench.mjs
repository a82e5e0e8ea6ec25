// The review workspace's speed as an editor feels it: the built UI in Debian's Chromium
// (playwright-core) against `claimdesk serve` on a desk of 1,000 articles and 100,000 claims.
// Every figure is measured inside the page, from the input event (or navigation start) to the
// frame that shows the result, so it includes the HTTP round trip, the core and the rendering.
// A benchmark, not a test: it prints figures (median, p95, max) and never fails on them.
//
//   node ui/e2e/bench.mjs [--db DESK.sqlite3] [--runs 15]
//
// Without --db the desk is generated once into ~/.cache/claimdesk/bench/ with
// `claimdesk-lab generate --articles 1000 --claims-per-article 100` (about 9 minutes with a
// debug build) and reused. The bench works on a copy, since it marks claims. Build first:
// `cargo build -p claimdesk -p claimdesk-lab` and `npm --prefix ui run build`.
import { copyFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { CHROMIUM, CHROMIUM_FLAGS, binary, claimdesk, serveDesk, tempDir } from './support.mjs';

const { values: options } = parseArgs({
  options: {
    db: { type: 'string' },
    runs: { type: 'string', default: '15' },
  },
});
const RUNS = Number(options.runs);


function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { n: sorted.length, median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
}

const rows = [];
function report(name, samples, target = '') {
  const s = stats(samples);
  rows.push({ name, ...s, target });
  const ms = (value) => `${value.toFixed(1)} ms`.padStart(10);
  console.log(`${name.padEnd(64)} ${ms(s.median)} ${ms(s.p95)} ${ms(s.max)}  (n=${s.n}) ${target}`);
}

async function desk() {
  if (options.db) return path.resolve(options.db);
  const dir = path.join(os.homedir(), '.cache/claimdesk/bench');
  const file = path.join(dir, 'desk-1000x100.sqlite3');
  if (!existsSync(file)) {
    await mkdir(dir, { recursive: true });
    console.error(`Generating ${file} (1,000 articles, 100,000 claims; minutes with a debug build)…`);
    execFileSync(binary('claimdesk-lab'), ['generate', '--db', file, '--articles', '1000', '--claims-per-article', '100'], {
      stdio: 'inherit',
    });
    await claimdesk(file, 'reviewer', 'Bench Editor');
  }
  return file;
}

// --- In-page probes. Each resolves with milliseconds from its start event to the frame that
// shows the result (the next animation frame after the DOM holds it). ---

/** Installs a probe: after `arm`, the first event of `type` starts the clock; `done()` in the page stops it. */
function probeSource() {
  /** @type {any} */ (window).__probe = (type, done, timeoutMs = 10_000) =>
    new Promise((resolve, reject) => {
      let start = null;
      const timer = setTimeout(() => reject(new Error(`no result within ${timeoutMs} ms after ${type}`)), timeoutMs);
      const begin = (event) => {
        start = event.timeStamp;
        window.removeEventListener(type, begin, true);
        check();
      };
      window.addEventListener(type, begin, true);
      const observer = new MutationObserver(() => check());
      observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      function check() {
        if (start === null || !done()) return;
        observer.disconnect();
        clearTimeout(timer);
        requestAnimationFrame(() => resolve(performance.now() - start));
      }
    });
  // The claim list has redrawn for a new search or filter: busy, then not.
  /** @type {any} */ (window).__listRedrawn = (type) => {
    let wasBusy = false;
    return /** @type {any} */ (window).__probe(type, () => {
      const busy = document.querySelector('[role=listbox]')?.getAttribute('aria-busy') === 'true';
      wasBusy ||= busy;
      return wasBusy && !busy;
    });
  };
}

/**
 * Runs `act` with a probe armed in the page and returns the probe's milliseconds. The probe is
 * installed by an awaited evaluate first: an evaluate left pending while the key is pressed can
 * be overtaken by the key event, and its probe then waits for an event that has already gone.
 */
/**
 * Scrolls the claim list until row `index` (0-based) is rendered. Rows are as tall as their
 * text, so where a row is is found from the rows on screen, not computed from a row height.
 */
async function scrollToRow(list, index) {
  for (let attempt = 0; attempt < 30; attempt++) {
    const found = await list.evaluate((viewport, wanted) => {
      const options = [...viewport.querySelectorAll('[role=option][aria-posinset]')];
      const rows = options.map((option) => Number(option.getAttribute('aria-posinset')) - 1);
      if (rows.includes(wanted)) return true;
      const total = Number(options[0]?.getAttribute('aria-setsize') ?? 1);
      const average = viewport.scrollHeight / Math.max(1, total);
      const nearest = wanted < Math.min(...rows) ? Math.min(...rows) : Math.max(...rows);
      viewport.scrollTop += (wanted - nearest) * average;
      return false;
    }, index);
    if (found) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`row ${index} of the claim list was never drawn`);
}

async function measure(page, probe, arg, act) {
  await page.evaluate(`window.__pending = (${probe.toString()})(${JSON.stringify(arg) ?? 'undefined'}); window.__pending.catch(() => {}); undefined;`);
  await act();
  return page.evaluate(() => /** @type {any} */ (window).__pending);
}

async function main() {
  const source = await desk();
  const temp = await tempDir('bench');
  const copy = path.join(temp.dir, 'desk.sqlite3');
  await copyFile(source, copy);
  // The last writes may still be in the write-ahead log beside the file.
  if (existsSync(`${source}-wal`)) await copyFile(`${source}-wal`, `${copy}-wal`);
  await claimdesk(copy, 'reviewer', 'Bench Editor');
  // The first open of a desk may rebuild its repeat links (tens of seconds at 100,000 claims).
  const { url: base, server } = await serveDesk(copy, 120_000);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(probeSource);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    console.log(`desk: ${source}\n${'measurement'.padEnd(64)}     median        p95        max`);

    // 1. Start to interactive: navigation start to the first view painted with its data.
    for (const [label, hash] of [
      ['start: library (1,000 articles) to interactive', '#/'],
      ['start: an article with its 100 claims to interactive', '#/article/500'],
      ['start: all 100,000 claims to interactive', '#/claims'],
    ]) {
      const samples = [];
      // One load more than the runs: the first, in a browser that has not run the app yet
      // (nothing compiled or cached), is reported on its own row.
      for (let run = 0; run <= RUNS; run++) {
        await page.goto('about:blank');
        await page.goto(`${base}/${hash}`);
        samples.push(
          await page.evaluate(
            () =>
              new Promise((resolve) => {
                const seen = () => performance.getEntriesByName('claimdesk:interactive')[0];
                const poll = () => (seen() ? resolve(seen().startTime) : setTimeout(poll, 5));
                poll();
              }),
          ),
        );
      }
      if (label.includes('library')) report(`${label}, first load in a fresh browser`, samples.slice(0, 1), '< 1000 ms');
      report(label, samples.slice(1), '< 1000 ms');
    }

    // 2. Switching article: a click on an article in the library to its text and claims drawn.
    {
      const samples = [];
      for (let run = 0; run < RUNS; run++) {
        await page.goto(`${base}/#/`);
        await page.getByRole('list', { name: 'Articles' }).getByRole('link').nth(run % 8).waitFor();
        const link = page.getByRole('list', { name: 'Articles' }).getByRole('link').nth(run % 8);
        const title = await link.textContent();
        samples.push(
          await measure(
            page,
            (wanted) =>
              /** @type {any} */ (window).__probe('click', () => {
                const heading = document.getElementById('article-title');
                return heading?.textContent === wanted && document.querySelectorAll('.article-text mark').length > 0 &&
                  document.querySelector('[role=option][aria-selected=true]') !== null;
              }),
            title,
            () => link.click(),
          ),
        );
      }
      report('switch article: library click to text, claims and list drawn', samples, '< 100 ms');
    }

    // 2b. Switching article inside the desk-wide list: a click on a claim of another article.
    // Claims are listed article by article (100 each), so row 100 × n is another article's.
    {
      await page.goto(`${base}/#/claims`);
      const list = page.getByRole('listbox', { name: 'Claims' });
      await list.getByRole('option').first().waitFor();
      await page.locator('#article-title').waitFor();
      const samples = [];
      for (let run = 0; run < RUNS; run++) {
        const row = (run + 1) * 100;
        await scrollToRow(list, row);
        const option = list.locator(`[role=option][aria-posinset="${row + 1}"]`);
        await option.waitFor();
        const before = await page.locator('#article-title').textContent();
        const text = await option.getAttribute('aria-label');
        samples.push(
          await measure(
            page,
            ([title, wanted]) =>
              /** @type {any} */ (window).__probe('click', () => {
                const heading = document.getElementById('article-title')?.textContent;
                return heading !== title && document.querySelector('.panel h2')?.textContent === wanted &&
                  document.querySelector('.article-text mark.selected') !== null;
              }),
            [before, text],
            () => option.click(),
          ),
        );
      }
      report('switch article: click a claim of another article in the desk-wide list', samples, '< 100 ms');
    }

    // 3. Searching and filtering the 100,000-claim list: keystroke to the new rows drawn.
    {
      const search = page.getByRole('searchbox', { name: 'Search claims' });
      const list = page.getByRole('listbox', { name: 'Claims' });
      const perKey = new Map();
      for (let run = 0; run < RUNS; run++) {
        await page.goto(`${base}/#/claims`);
        await list.getByRole('option').first().waitFor();
        await search.click();
        for (const word of ['council', 'flood barrier']) {
          for (let i = 0; i < word.length; i++) {
            const typed = word.slice(0, i + 1);
            const label = `search as typed: "${typed}"`;
            const value = await measure(
              page,
              () => /** @type {any} */ (window).__listRedrawn('keydown'),
              undefined,
              () => page.keyboard.press(word[i] === ' ' ? 'Space' : word[i]),
            ).catch((error) => {
              console.error(`${label}: ${error.message}`);
              return null;
            });
            if (value !== null) perKey.set(label, [...(perKey.get(label) ?? []), value]);
          }
          await search.fill('');
        }
      }
      const all = [...perKey.values()].flat();
      report('search: every keystroke of "council" and "flood barrier"', all, '< 50 ms');
      for (const key of ['search as typed: "c"', 'search as typed: "cou"', 'search as typed: "council"', 'search as typed: "flood b"']) {
        if (perKey.has(key)) report(`  ${key}`, perKey.get(key), '< 50 ms');
      }

      const filter = [];
      await page.goto(`${base}/#/claims`);
      await list.getByRole('option').first().waitFor();
      await page.getByRole('button', { name: 'Filters', exact: true }).click();
      const disputed = page.getByRole('group', { name: 'Status' }).getByLabel('Disputed');
      for (let run = 0; run < RUNS; run++) {
        filter.push(await measure(page, () => /** @type {any} */ (window).__listRedrawn('click'), undefined, () => disputed.click()));
      }
      report('filter: status Disputed on and off (click to rows drawn)', filter, '< 50 ms');
    }

    // 4. Scrolling the 100,000-claim list: frame times while it scrolls 150 px a frame for 3 s,
    // and a jump to the middle until its rows are filled.
    {
      await page.goto(`${base}/#/claims`);
      const list = page.getByRole('listbox', { name: 'Claims' });
      await list.getByRole('option').first().waitFor();
      const frames = await page.evaluate(
        () =>
          new Promise((resolve) => {
            const viewport = /** @type {HTMLElement} */ (document.querySelector('[role=listbox]'));
            const times = [];
            let last = performance.now();
            const end = last + 3000;
            const step = (now) => {
              times.push(now - last);
              last = now;
              viewport.scrollTop += 150;
              if (now < end) requestAnimationFrame(step);
              else resolve(times.slice(1));
            };
            requestAnimationFrame(step);
          }),
      );
      report('scroll: frame time while scrolling 150 px per frame (3 s)', frames, 'smooth: ~16.7 ms');
      const long = frames.filter((time) => time > 50).length;
      console.log(`${''.padEnd(66)}frames over 50 ms: ${long} of ${frames.length}`);
      const jumps = [];
      for (let run = 0; run < RUNS; run++) {
        jumps.push(
          await page.evaluate(
            (target) =>
              new Promise((resolve) => {
                const viewport = /** @type {HTMLElement} */ (document.querySelector('[role=listbox]'));
                const start = performance.now();
                viewport.scrollTop = target;
                const check = () => {
                  const rows = viewport.querySelectorAll('.rows > *');
                  const filled = rows.length > 0 && [...rows].every((row) => row.getAttribute('role') === 'option');
                  if (filled) requestAnimationFrame(() => resolve(performance.now() - start));
                  else requestAnimationFrame(check);
                };
                requestAnimationFrame(check);
              }),
            (run + 1) * 311_000,
          ),
        );
      }
      report('scroll: jump to an unloaded page until its rows are drawn', jumps);
    }

    // 5. Marking: the key to the status shown, which the UI shows only after the commit.
    {
      await page.goto(`${base}/#/article/700`);
      const list = page.getByRole('listbox', { name: 'Claims' });
      await list.getByRole('option').first().waitFor();
      const samples = [];
      for (let run = 0; run < RUNS; run++) {
        await list.getByRole('option').nth(run).click();
        await list.focus();
        const id = await list.locator('[role=option][aria-selected=true]').getAttribute('id');
        const key = run % 2 === 0 ? 'd' : 'n';
        const label = key === 'd' ? 'Disputed' : 'Needs evidence';
        samples.push(
          await measure(
            page,
            ([option, wanted]) =>
              /** @type {any} */ (window).__probe('keydown', () => document.getElementById(option ?? '')?.querySelector('.status')?.textContent === wanted),
            [id, label],
            () => page.keyboard.press(key),
          ),
        );
      }
      report('mark: key to the committed status shown in the list', samples, 'durable when shown');
    }
  } finally {
    await browser.close();
    await server.stop();
    await temp.cleanup();
  }
  console.log(JSON.stringify({ bench: 'ui', runs: RUNS, rows }));
}

await main();
