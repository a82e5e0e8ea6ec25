// The README's screenshots of the review workspace: the built UI in Debian's Chromium against
// `claimdesk serve` on a desk of our own articles (the demo story, the e2e fixtures), some of it
// reviewed through the CLI, at the two window sizes a laptop has (1280×800 and 1920×1080).
// Each size starts from a fresh desk, so both show the same thing.
//
//   node ui/e2e/screenshots.mjs      (after `cargo build -p claimdesk` and `npm --prefix ui run build`)
//
// It writes docs/screenshots/<view>-<width>.png. Look at every picture before committing it.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS, claimdesk, claimsInDatabase, demoArticle, fixture, repoRoot, serveDesk, tempDir } from './support.mjs';

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];
const outDir = path.join(repoRoot, 'docs/screenshots');
const REVIEWER = 'Ana Lindqvist';

/** A desk with three articles (the fourth comes in through the import dialog), a few claims reviewed with notes and evidence. */
async function makeDesk(db) {
  await claimdesk(db, 'reviewer', REVIEWER);
  for (const file of [fixture('batch/library-hours.html'), fixture('bridge-follow-up.txt'), demoArticle]) {
    await claimdesk(db, 'import', file);
  }
  const claims = await claimsInDatabase(db);
  const claim = (start) => {
    const found = claims.find((c) => c.text.startsWith(start));
    if (!found) throw new Error(`no claim starts with “${start}”`);
    return found.id;
  };
  const vote = claim('The Eastbrook city council voted 7-2 on Tuesday to spend $48 million repairing the Harbour Street bridge, which');
  await claimdesk(db, 'mark', String(vote), 'disputed', '--verdict', 'Misleading', '--note', 'Minutes record a 6-3 vote, not 7-2.');
  await claimdesk(db, 'evidence', 'add', String(vote), 'https://eastbrook.example.org/council/minutes-2025-03-11', '--title', 'Council minutes, 11 March 2025', '--stance', 'refutes', '--note', 'The recorded vote was 6-3.');
  await claimdesk(db, 'mark', String(claim('the repairs would be finished')), 'verified');
  await claimdesk(db, 'mark', String(claim('An inspection in September')), 'needs_evidence', '--note', 'Asked public works for the inspection report.');
  await claimdesk(db, 'mark', String(claim('Last year alone, truck traffic')), 'in_progress');
  // A corrected claim: the wording checked, the speaker with a role, published at its own page.
  await claimdesk(db, 'edit', String(vote), '--claim-text', 'Eastbrook’s council voted 7-2 to spend $48 million on the bridge', '--speaker', 'Eastbrook City Council', '--speaker-type', 'organisation');
  await claimdesk(db, 'settings', '--org-name', 'Lakeside Fact Desk', '--org-url', 'https://factdesk.example/', '--review-url-template', 'https://factdesk.example/checks/{claim_id}');
  return { vote, traffic: claim('Last year alone, truck traffic') };
}

async function shoot(page, name, size) {
  // No banners from earlier steps, no hover state from where the mouse happens to be.
  await page.mouse.move(0, size.height - 1);
  await page.evaluate(() => document.querySelector('.notices')?.setAttribute('style', 'visibility: hidden'));
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const file = path.join(outDir, `${name}-${size.width}.png`);
  await page.screenshot({ path: file });
  console.log(path.relative(repoRoot, file));
}

async function views(browser, size, colorScheme) {
  const temp = await tempDir('screenshots');
  const db = path.join(temp.dir, 'desk.sqlite3');
  const ids = await makeDesk(db);
  const { url: base, server } = await serveDesk(db);
  const context = await browser.newContext({ viewport: size, locale: 'en-GB', timezoneId: 'Europe/London', colorScheme });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const list = page.getByRole('listbox', { name: 'Claims' });
    const panelShows = (text) => page.locator('.panel h2', { hasText: text }).waitFor();
    const dark = colorScheme === 'dark' ? '-dark' : '';

    // The article being reviewed: list, highlighted text, the disputed claim with its evidence.
    await page.goto(`${base}/#/article/3/claim/${ids.vote}`);
    await panelShows('The Eastbrook city council voted 7-2');
    await page.getByRole('link', { name: 'Council minutes, 11 March 2025' }).waitFor();
    await shoot(page, `review${dark}`, size);
    if (colorScheme === 'dark') return;

    await page.goto(`${base}/#/`);
    await page.getByRole('list', { name: 'Articles' }).getByRole('link').first().waitFor();
    await shoot(page, 'library', size);

    // Search across the desk, as typed.
    await page.goto(`${base}/#/claims`);
    await list.getByRole('option').first().waitFor();
    await page.getByRole('searchbox', { name: 'Search claims' }).fill('toll');
    await list.locator('mark.hit').first().waitFor();
    await list.getByRole('option').filter({ hasText: 'hearing on the new truck toll' }).click();
    await panelShows('hearing on the new truck toll');
    await shoot(page, 'search', size);

    // Filters: what is still open, across the desk.
    await page.goto(`${base}/#/claims?status=needs_evidence,in_progress,disputed`);
    await list.getByRole('option').first().waitFor();
    const filters = page.getByRole('button', { name: /^Filters/ });
    if ((await filters.getAttribute('aria-expanded')) !== 'true') await filters.click();
    await page.getByRole('group', { name: 'Status' }).waitFor();
    await list.focus();
    await page.keyboard.press('ArrowDown');
    await page.locator('.panel h2').waitFor();
    await shoot(page, 'filters', size);

    // Editing a claim's span with the keyboard.
    await page.goto(`${base}/#/article/3/claim/${ids.traffic}`);
    await panelShows('Last year alone');
    await list.focus();
    await page.keyboard.press('s');
    await page.getByRole('region', { name: 'Editing the claim’s span' }).waitFor();
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await shoot(page, 'edit-span', size);
    await page.keyboard.press('Escape');

    // Correcting what is published: the claim as checked, the speaker, kind and dates.
    await page.goto(`${base}/#/article/3/claim/${ids.vote}`);
    await panelShows('The Eastbrook city council voted 7-2');
    await list.focus();
    await page.keyboard.press('w');
    await page.getByRole('region', { name: 'What we publish' }).getByLabel('Role (optional)').fill('Elected council of the city');
    await page.getByLabel('Claim as checked').focus();
    await shoot(page, 'corrections', size);
    await page.getByRole('region', { name: 'What we publish' }).getByRole('button', { name: 'Discard' }).click();

    // ClaimReview from the Library: the reviewed claims of every article, and what was left out.
    await page.goto(`${base}/#/`);
    await page.getByRole('list', { name: 'Articles' }).getByRole('link').first().waitFor();
    await page.getByRole('banner').getByRole('button', { name: 'Export…' }).click();
    const exporting = page.getByRole('dialog', { name: 'Export a report' });
    await exporting.getByLabel('ClaimReview JSON-LD').check();
    await exporting.getByLabel('Report preview').filter({ hasText: '"@graph"' }).waitFor();
    await shoot(page, 'export-claimreview', size);
    await exporting.getByRole('button', { name: 'Close' }).click();

    // The keys.
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await shoot(page, 'keys', size);
    await page.keyboard.press('Escape');

    // Batch import with a result per file.
    const picked = path.join(temp.dir, 'picked');
    await mkdir(picked);
    await writeFile(path.join(picked, 'scanned-letter.txt'), '  \n');
    await page.getByRole('banner').getByRole('button', { name: 'Import article' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import articles' });
    await dialog.getByLabel('Article files (plain text or HTML)').setInputFiles([
      fixture('batch/ferry-timetable.txt'),
      path.join(picked, 'scanned-letter.txt'),
      demoArticle,
    ]);
    await dialog.getByRole('button', { name: 'Import 3 files' }).click();
    await dialog.getByRole('status').filter({ hasText: '1 imported, 1 already present, 1 failed' }).waitFor();
    await dialog.getByRole('button', { name: 'Done' }).waitFor();
    await shoot(page, 'batch-import', size);
  } finally {
    await context.close();
    await server.stop();
    await temp.cleanup();
  }
}

await mkdir(outDir, { recursive: true });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
try {
  for (const size of SIZES) {
    await views(browser, size, 'light');
    await views(browser, size, 'dark');
  }
} finally {
  await browser.close();
}
