// Browser end-to-end: the real UI in Debian's Chromium, driven by playwright-core, against a real
// `claimdesk serve` on a throwaway database. Locators go by role and accessible name, as a
// screen reader would, so the tests also hold the UI to its accessibility contract.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import {
  artifact,
  binary,
  claimsInDatabase,
  demoArticle,
  repoRoot,
  startProcess,
  tempDir,
  waitForLine,
  waitUntil,
} from './support.mjs';

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

let temp;
let db;
let server;
let baseUrl;
let context;
let page;
const consoleErrors = [];

before(async () => {
  temp = await tempDir('browser-e2e');
  db = path.join(temp.dir, 'desk.sqlite3');
  server = startProcess(
    binary('claimdesk'),
    ['serve', '--port', '0', '--db', db, '--ui', path.join(repoRoot, 'ui/dist')],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const [, url] = await waitForLine(server.child, /ClaimDesk is serving (http:\/\/\S+)/, 30_000, 'claimdesk serve');
  baseUrl = url;
  context = await chromium.launchPersistentContext(path.join(temp.dir, 'chromium-profile'), {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(10_000);
  page.on('console', (message) => {
    // The refused URLs below are 4xx answers by design; Chromium logs each one.
    if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
});

after(async () => {
  await context?.close();
  await server?.stop();
  await temp?.cleanup();
});

async function screenshot(name) {
  // Two animation frames: the last DOM change is painted before the picture is taken.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.screenshot({ path: await artifact(`browser-${name}.png`) });
}

async function pressed(button) {
  return (await button.getAttribute('aria-pressed')) === 'true';
}

/** The text the article view highlights for a claim: every run it covers, in order. */
async function highlightedText(claimId) {
  return page.locator(`.article-text mark[data-claims~="${claimId}"]`).evaluateAll((marks) =>
    marks.map((mark) => mark.textContent).join(''),
  );
}

function claimIdOf(optionId) {
  return Number(optionId.replace('claim-option-', ''));
}

test('an editor imports an article from a file and sees its claims highlighted', async () => {
  await page.goto(baseUrl);
  await page.getByRole('heading', { name: 'Library' }).waitFor();
  await page.getByRole('heading', { name: 'No articles yet' }).waitFor();
  await screenshot('01-empty-library');

  await page.getByRole('banner').getByRole('button', { name: 'Import article' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import an article' });
  await dialog.getByLabel('Article file (plain text or HTML)').setInputFiles(demoArticle);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();

  const claims = page.getByRole('listbox', { name: 'Claims' });
  await claims.getByRole('option').first().waitFor();
  const options = await claims.getByRole('option').count();
  assert.ok(options >= 3, `expected several claims in the demo article, got ${options}`);
  await page.getByRole('status').filter({ hasText: 'Imported' }).waitFor();
  assert.ok((await page.locator('.article-text mark').count()) > 0, 'claims are highlighted in the text');

  // Every claim in the list is highlighted in the text with exactly its own words.
  for (const option of await claims.getByRole('option').all()) {
    const name = await option.getAttribute('aria-label');
    const id = claimIdOf(await option.getAttribute('id'));
    assert.equal(await highlightedText(id), name);
  }
  await screenshot('02-article-imported');
});

test('importing the same file again opens the existing article instead of a duplicate', async () => {
  await page.getByRole('banner').getByRole('button', { name: 'Import article' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import an article' });
  await dialog.getByLabel('Article file (plain text or HTML)').setInputFiles(demoArticle);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'already on the desk' }).waitFor();
  await page.getByRole('link', { name: 'Library' }).click();
  await page.getByRole('heading', { name: 'Library' }).waitFor();
  assert.equal(await page.locator('.articles > li').count(), 1);
  await screenshot('03-library');
  await page.locator('.articles a').first().click();
  await page.getByRole('listbox', { name: 'Claims' }).waitFor();
});

test('a claim marked Disputed with evidence and a note survives a reload and reaches the export', async () => {
  const claims = page.getByRole('listbox', { name: 'Claims' });
  const option = claims.getByRole('option').nth(1);
  const claimText = await option.getAttribute('aria-label');
  const claimId = claimIdOf(await option.getAttribute('id'));
  await claims.getByRole('option', { name: claimText, exact: true }).click();
  await waitUntil(async () => (await option.getAttribute('aria-selected')) === 'true', 5000, 'the claim to be selected');

  const disputed = page.getByRole('button', { name: 'Disputed', exact: true });
  await disputed.click();
  await waitUntil(() => pressed(disputed), 5000, 'Disputed to be pressed');
  assert.equal(await pressed(page.getByRole('button', { name: 'Unreviewed', exact: true })), false);

  // A link that is not http(s) is refused by the core, and the error shows at the field.
  const link = page.getByLabel('Link', { exact: true });
  await link.fill('ftp://files.example.org/inspection.pdf');
  await page.getByRole('button', { name: 'Add evidence' }).click();
  await page.getByRole('alert').filter({ hasText: /http/i }).waitFor();
  assert.equal(await link.getAttribute('aria-invalid'), 'true');
  await screenshot('04-evidence-error');

  await link.fill('https://eastbrook.example.org/council/minutes-2025-03-11');
  await page.getByLabel('Title').fill('Council minutes, 11 March 2025');
  await page.getByLabel('Stance').selectOption('refutes');
  await page.getByRole('button', { name: 'Add evidence' }).click();
  await page.getByRole('link', { name: 'Council minutes, 11 March 2025' }).waitFor();
  assert.equal(await link.inputValue(), '', 'the form is cleared after adding');

  const note = page.getByLabel('Note', { exact: true });
  await note.fill('Minutes record a 6-3 vote, not 7-2.');
  await note.press('Tab');
  await page.getByRole('status').filter({ hasText: /^Saved$/ }).waitFor();
  await screenshot('05-disputed-with-evidence');

  // The database, not the page, is the truth.
  const stored = (await claimsInDatabase(db)).find((claim) => claim.id === claimId);
  assert.equal(stored.status, 'disputed');
  assert.equal(stored.note, 'Minutes record a 6-3 vote, not 7-2.');

  await page.reload();
  const reloaded = page.getByRole('listbox', { name: 'Claims' }).getByRole('option', { name: claimText, exact: true });
  await waitUntil(async () => (await reloaded.getAttribute('aria-selected')) === 'true', 10_000, 'the claim to be selected after reload');
  await waitUntil(() => pressed(page.getByRole('button', { name: 'Disputed', exact: true })), 10_000, 'Disputed after reload');
  await page.getByRole('link', { name: 'Council minutes, 11 March 2025' }).waitFor();
  assert.equal(await page.getByLabel('Note', { exact: true }).inputValue(), 'Minutes record a 6-3 vote, not 7-2.');
  await page.getByText('Status Unreviewed → Disputed').waitFor();

  await page.getByRole('banner').getByRole('button', { name: 'Export…' }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Export a report' });
  await exportDialog.getByLabel('Markdown').check();
  await exportDialog.getByLabel('Report preview').filter({ hasText: 'Verification report' }).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    exportDialog.getByRole('button', { name: 'Save', exact: true }).click(),
  ]);
  assert.match(download.suggestedFilename(), /\.md$/);
  const report = await readFile(await download.path(), 'utf8');
  assert.ok(report.includes('https://eastbrook.example.org/council/minutes-2025-03-11'), 'report lists the evidence link');
  assert.match(report, /disputed/i, 'report shows the status');
  const words = claimText.split(/\s+/).slice(0, 6).join(' ');
  assert.ok(report.includes(words), `report quotes the claim (${words})`);
  await page.getByRole('status').filter({ hasText: 'Report downloaded' }).waitFor();
  await exportDialog.getByRole('button', { name: 'Close' }).click();
});

test('the export dialog previews each format, prints the HTML report and needs the publisher for ClaimReview', async () => {
  // Printing opens a system dialog; in the test, print() records what it would have printed.
  await context.addInitScript(() => {
    if (window.parent === window) return;
    window.print = () => {
      Reflect.set(window.parent, '__printed', document.documentElement.outerHTML);
    };
  });
  const printedPage = () => page.evaluate(() => Reflect.get(window, '__printed'));
  const claims = page.getByRole('listbox', { name: 'Claims' });
  const selected = claims.locator('[role="option"][aria-selected="true"]');
  const claimText = await selected.getAttribute('aria-label');
  const claimId = claimIdOf(await selected.getAttribute('id'));

  await page.getByRole('banner').getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export a report' });
  assert.ok(await dialog.getByLabel('The selected claim').isChecked(), 'a selected claim is the default scope');

  // HTML: rendered in a frame that may run nothing and reach nothing.
  await dialog.getByLabel('HTML report').check();
  const frame = dialog.locator('iframe[title="Report preview"]');
  await frame.waitFor();
  assert.equal(await frame.getAttribute('sandbox'), '');
  const preview = page.frameLocator('iframe[title="Report preview"]');
  await preview.getByRole('heading', { name: 'Verification report' }).waitFor();
  await preview.getByText(claimText.split(/\s+/).slice(0, 5).join(' '), { exact: false }).first().waitFor();
  await screenshot('09-export-dialog-html');

  // Save as PDF prints the HTML report.
  await page.evaluate(() => Reflect.deleteProperty(window, '__printed'));
  await dialog.getByRole('button', { name: 'Save as PDF' }).click();
  await waitUntil(async () => typeof (await printedPage()) === 'string', 5000, 'the report to be printed');
  const printed = await printedPage();
  assert.ok(printed.includes('Verification report') && printed.includes(`id="claim-${claimId}"`), 'the printed page is the report');
  assert.equal(await page.locator('iframe[title="Report for printing"]').count() <= 1, true);

  // CSV, narrowed to disputed claims of the whole desk.
  await dialog.getByLabel('All articles').check();
  await dialog.getByRole('group', { name: /Only these statuses/ }).getByLabel('Disputed').check();
  await dialog.getByLabel('CSV spreadsheet').check();
  const text = dialog.getByLabel('Report preview');
  await text.filter({ hasText: 'claim_id,article_id' }).waitFor();
  const csv = await text.textContent();
  assert.ok(csv.includes(`\n${claimId},`), 'the disputed claim is a row');
  assert.ok(!/\n\d+,\d+,[^\n]*,verified,/.test(csv), 'no verified claim is listed');

  // ClaimReview needs the publisher: the error says so and the settings open.
  await dialog.getByLabel('ClaimReview JSON-LD').check();
  await dialog.getByRole('alert').filter({ hasText: 'organisation' }).waitFor();
  await dialog.getByLabel('Organisation name').fill('Harbour Checks');
  await dialog.getByLabel('Organisation page URL').fill('javascript:alert(1)');
  await dialog.getByRole('button', { name: 'Save settings' }).click();
  await dialog.getByRole('alert').filter({ hasText: /http/ }).waitFor();
  await dialog.getByLabel('Organisation page URL').fill('https://checks.example.org/bridge');
  await dialog.getByLabel('Verdict scale').selectOption('verified_disputed');
  await dialog.getByRole('button', { name: 'Save settings' }).click();
  await text.filter({ hasText: '"@context": "https://schema.org"' }).waitFor();
  assert.ok((await text.textContent()).includes(`https://checks.example.org/bridge#claim-${claimId}`));
  await screenshot('10-export-dialog-claimreview');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Save', exact: true }).click(),
  ]);
  assert.match(download.suggestedFilename(), /claimreview-.*\.jsonld$/);
  const graph = JSON.parse(await readFile(await download.path(), 'utf8'));
  const review = graph['@graph'].find((r) => r.url.endsWith(`#claim-${claimId}`));
  assert.equal(review.reviewRating.alternateName, 'Disputed');
  assert.equal(review.author.name, 'Harbour Checks');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'hidden' });

  // The claim panel offers the scale just chosen; a verdict is stored with the status it means.
  const verdict = page.getByLabel('Verdict', { exact: true });
  await verdict.locator('option', { hasText: 'Disputed' }).waitFor({ state: 'attached' });
  await verdict.selectOption('Disputed');
  await waitUntil(
    async () => (await claimsInDatabase(db)).find((claim) => claim.id === claimId)?.verdict === 'Disputed',
    5000,
    'the verdict to be stored',
  );
  assert.equal((await claimsInDatabase(db)).find((claim) => claim.id === claimId)?.status, 'disputed');
  await screenshot('11-verdict-picker');
});

test('the review keys move through the claims and mark them', async () => {
  const claims = page.getByRole('listbox', { name: 'Claims' });
  await claims.getByRole('option').first().click();
  await claims.focus();
  await page.keyboard.press('j');
  const second = claims.getByRole('option').nth(1);
  await waitUntil(async () => (await second.getAttribute('aria-selected')) === 'true', 5000, 'j to select the next claim');
  await page.keyboard.press('k');
  const first = claims.getByRole('option').first();
  await waitUntil(async () => (await first.getAttribute('aria-selected')) === 'true', 5000, 'k to go back');
  const firstId = claimIdOf(await first.getAttribute('id'));

  // v marks Verified and moves on to the next unreviewed claim (the second is disputed already).
  await page.keyboard.press('v');
  const third = claims.getByRole('option').nth(2);
  await waitUntil(async () => (await third.getAttribute('aria-selected')) === 'true', 5000, 'v to move on');
  await page.keyboard.press('d');
  const thirdId = claimIdOf(await third.getAttribute('id'));
  await waitUntil(
    async () => {
      const stored = await claimsInDatabase(db);
      return (
        stored.find((c) => c.id === firstId)?.status === 'verified' &&
        stored.find((c) => c.id === thirdId)?.status === 'disputed'
      );
    },
    5000,
    'the key presses to reach the database',
  );

  // d moved on too; wait until the panel shows where it went before typing there.
  const selected = claims.locator('[role="option"][aria-selected="true"]');
  await waitUntil(
    async () => {
      const name = await selected.getAttribute('aria-label');
      const id = await selected.getAttribute('id');
      return id !== `claim-option-${thirdId}` && (await page.locator('.panel h2').textContent()) === name;
    },
    5000,
    'the panel to follow d to the next claim',
  );

  // Typing in a field is typing, not reviewing.
  const note = page.getByLabel('Note', { exact: true });
  await note.click();
  await page.keyboard.type('vdjk');
  assert.equal(await note.inputValue(), 'vdjk');
  await note.fill('');
  await note.press('Tab');
  await screenshot('06-keyboard-review');
});

test('pasted text with curly quotes, accents and emoji is highlighted at the right words', async () => {
  const text = [
    'Lakeside pupils post record results 📈',
    '',
    'The Lakeside Académie said on Monday that 92% of its 🎓 students passed the baccalauréat in 2024, up from 81% in 2023.',
    '',
    '“We doubled our tutoring budget to €40,000 last year,” headteacher Zoë Marchand said. 🙌 The regional average pass rate was 84%, according to the education ministry.',
  ].join('\n');
  await page.getByRole('banner').getByRole('button', { name: 'Import article' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import an article' });
  await dialog.getByLabel('Paste the text').check();
  await dialog.getByLabel('Article text').fill(text);
  await dialog.getByLabel('Headline (optional)').fill('Lakeside pupils post record results');
  await dialog.getByLabel('Source URL (optional)').fill('not a link');
  await dialog.getByLabel('Published (optional)').fill('2025-06-30');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  // A bad source URL is refused at its field, and nothing typed is lost.
  await dialog.getByText(/http/i).first().waitFor();
  assert.equal(await dialog.getByLabel('Source URL (optional)').getAttribute('aria-invalid'), 'true');
  assert.equal(await dialog.getByLabel('Article text').inputValue(), text);
  await dialog.getByLabel('Source URL (optional)').fill('https://lakeside.example.org/results-2025');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();

  await page.getByRole('heading', { name: 'Lakeside pupils post record results', level: 1 }).waitFor();
  const claims = page.getByRole('listbox', { name: 'Claims' });
  await claims.getByRole('option').first().waitFor();
  let afterEmoji = 0;
  for (const option of await claims.getByRole('option').all()) {
    const name = await option.getAttribute('aria-label');
    assert.equal(await highlightedText(claimIdOf(await option.getAttribute('id'))), name);
    if (text.indexOf(name) > text.indexOf('📈')) afterEmoji++;
  }
  assert.ok(afterEmoji > 0, 'at least one claim comes after an emoji, where UTF-16 and char offsets differ');
  await screenshot('07-unicode-article');
});

test('the window follows the system’s dark theme', async () => {
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await background();
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.getByRole('listbox', { name: 'Claims' }).getByRole('option').first().click();
  assert.notEqual(await background(), light);
  await screenshot('08-dark-1920');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('the page logged no errors', () => {
  assert.deepEqual(consoleErrors, []);
});
