// The promise "nothing typed is ever lost", tried by breaking things: a full or blocked
// storage, a crashed renderer, a closed tab, a reload in the middle of typing, two tabs, and
// the workbook an earlier version left in localStorage. Each fault is its own test and
// asserts what survives.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { useApp } from './support/harness.js';
import { download, Editor, editorInNewTab, Library } from './support/app.js';

const app = useApp();

/** Makes every IndexedDB write throw, as a full disk (or, by `name`, a blocked site) does. */
const refuseWrites = (page, name = 'QuotaExceededError') =>
  page.evaluate((name) => {
    window.__put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = () => {
      throw new DOMException('refused', name);
    };
  }, name);
const allowWrites = (page) =>
  page.evaluate(() => {
    IDBObjectStore.prototype.put = window.__put;
  });

test('a full storage keeps the text, marks the review not saved, and asks before the tab closes', async () => {
  const { context, page, library } = await app.openLibrary();
  const editor = await library.createTitled('Ingest brownouts');
  await refuseWrites(page);
  await editor.field('Summary').click();
  await page.keyboard.type('1–3% of ingest rejected during four 20-minute periods.');
  const banner = page.getByRole('alert').filter({ hasText: 'Your latest changes are not saved.' });
  await banner.waitFor();
  assert.match(await banner.innerText(), /storage for this site is full/);
  assert.doesNotMatch(await banner.innerText(), /Error|DOMException/);

  // Leaving for the library keeps the session; the row says so; coming back finds the text.
  await editor.backToLibrary();
  await library.row('Ingest brownouts').getByText('Not saved yet', { exact: false }).waitFor();
  await library.link('Ingest brownouts').click();
  await editor.ready();
  await editor.expectValue('Summary', '1–3% of ingest rejected during four 20-minute periods.');

  // Closing the tab asks first.
  const asked = new Promise((resolve) => page.once('dialog', (dialog) => { resolve(dialog.type()); dialog.dismiss(); }));
  await page.close({ runBeforeUnload: true });
  assert.equal(await asked, 'beforeunload');
  assert.equal(page.isClosed(), false, 'the person chose to stay');

  // Room again: one retry stores everything, and a reload shows it.
  await allowWrites(page);
  await page.getByRole('button', { name: 'Try saving again' }).click();
  await editor.saved();
  await page.reload();
  await editor.ready();
  await editor.expectValue('Summary', '1–3% of ingest rejected during four 20-minute periods.');
  await context.close();
});

test('storage blocked in the middle of a session keeps the text and says why in plain words', async () => {
  const { context, page, library } = await app.openLibrary();
  const editor = await library.createTitled('Blocked mid-session');
  await refuseWrites(page, 'SecurityError');
  await editor.fill('Summary', 'Typed after the site lost its storage.');
  const banner = page.getByRole('alert').filter({ hasText: 'Your latest changes are not saved.' });
  await banner.waitFor();
  assert.match(await banner.innerText(), /not letting Debrief store anything/);
  assert.doesNotMatch(await banner.innerText(), /SecurityError/);
  const path = await download(page, 'Download this review (JSON)');
  assert.match(await readFile(path, 'utf8'), /Typed after the site lost its storage\./);
  await allowWrites(page);
  await page.getByRole('button', { name: 'Try saving again' }).click();
  await editor.saved();
  await context.close();
});

test('a storage that is full from the start says so and creates nothing', async () => {
  const { context, page } = await app.newPage();
  await context.addInitScript(() => {
    IDBObjectStore.prototype.put = () => {
      throw new DOMException('the disk is full', 'QuotaExceededError');
    };
  });
  const library = new Library(page);
  await library.open(app.server.subPath);
  await page.getByRole('button', { name: /new review/i }).click();
  const problem = page.getByRole('alert').filter({ hasText: 'could not store the new review' });
  await problem.waitFor();
  assert.match(await problem.innerText(), /full/);
  await page.getByText('No reviews yet.', { exact: false }).waitFor();
  await context.close();
});

test('a storage that is blocked from the start is explained in plain words', async () => {
  const { context, page } = await app.newPage();
  await context.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { value: undefined });
  });
  await page.goto(app.server.subPath);
  const problem = page.getByRole('alert').filter({ hasText: 'not letting Debrief store anything' });
  await problem.waitFor();
  assert.doesNotMatch(await problem.innerText(), /SecurityError|undefined|IndexedDB/);
  await context.close();
});

for (const delay of [0, 50, 200, 1000]) {
  test(`a renderer crash ${delay} ms after the last keystroke keeps all but the last frame`, async () => {
    const { context, page, library } = await app.openLibrary();
    const editor = await library.createTitled('Crash test');
    const url = page.url();
    const typed = 'The load balancer hypothesis was falsified at 14:18.';
    await editor.field('Summary').click();
    await page.keyboard.type(typed, { delay: 15 });
    await page.waitForTimeout(delay);
    const cdp = await context.newCDPSession(page);
    cdp.send('Page.crash').catch(() => {});
    await page.waitForEvent('crash');

    const { editor: reopened } = await editorInNewTab(context, url);
    const kept = await reopened.field('Summary').inputValue();
    assert.ok(typed.startsWith(kept), `kept a prefix of what was typed: ${JSON.stringify(kept)}`);
    // One frame holds at most a keystroke or two at this pace.
    assert.ok(kept.length >= typed.length - 2, `lost ${typed.length - kept.length} characters`);
    if (delay >= 50) assert.equal(kept, typed);
    await context.close();
  });
}

test('a half-typed event in quick entry comes back after a reload', async () => {
  const { context, page, library } = await app.openLibrary();
  await library.createTitled('Drafts');
  await page.getByRole('link', { name: 'Timeline', exact: true }).click();
  const editor = new Editor(page);
  await editor.field('When').fill('22:10');
  await editor.field('What happened').click();
  await page.keyboard.type('Certificate for api.example.com expires');
  await page.waitForTimeout(100);
  await page.reload();
  await editor.ready();
  await editor.expectValue('When', '22:10');
  await editor.expectValue('What happened', 'Certificate for api.example.com expires');
  // Added, the draft is done with: a reload shows an empty field and the event. (No time:
  // the review has no incident date yet for a time of day to fall on.)
  await editor.field('When').fill('');
  await editor.field('What happened').press('Enter');
  await page.getByText('1 event, in time order.').waitFor();
  await page.waitForTimeout(100);
  await page.reload();
  await editor.ready();
  await editor.expectValue('What happened', '');
  await page.getByText('1 event, in time order.').waitFor();
  await context.close();
});

test('a tab closed while showing the conflict banner loses nothing', async () => {
  const { context, page: first, library } = await app.openLibrary();
  const firstEditor = await library.createTitled('Shared review');
  const { page: second, editor: secondEditor } = await editorInNewTab(context, first.url());
  await secondEditor.fill('Summary', 'Written in the second tab.');
  await secondEditor.saved();
  await first.getByRole('alert').filter({ hasText: 'changed in another tab or window' }).waitFor();
  await firstEditor.fill('Summary', 'Only the first tab has this.');
  await first.getByRole('button', { name: 'Show what differs' }).click();
  await first.getByRole('definition').filter({ hasText: /./ }).first().waitFor();
  await first.waitForTimeout(200);
  await first.close();

  // The second tab's library holds the first tab's version among Recovered documents.
  await secondEditor.backToLibrary();
  const recovered = second.getByRole('region', { name: 'Recovered documents' });
  await recovered.getByText('Shared review', { exact: false }).first().waitFor();
  const path = await download(second, /Download Shared review/);
  assert.match(await readFile(path, 'utf8'), /Only the first tab has this\./);
  await context.close();
});

test('two tabs on two different reviews never conflict', async () => {
  const { context, page: first, library } = await app.openLibrary();
  await library.createTitled('First incident');
  const second = await context.newPage();
  const otherLibrary = new Library(second);
  await otherLibrary.open(app.server.subPath);
  const otherEditor = await otherLibrary.createTitled('Second incident');
  const firstEditor = new Editor(first);
  for (let i = 0; i < 3; i += 1) {
    await firstEditor.fill('Summary', `first ${i}`);
    await otherEditor.fill('Summary', `second ${i}`);
  }
  await firstEditor.saved();
  await otherEditor.saved();
  assert.equal(await first.getByRole('alert').count(), 0);
  assert.equal(await second.getByRole('alert').count(), 0);
  await context.close();
});

test('the workbook an earlier version kept in localStorage moves in whole, and a backup holds every document', async () => {
  const fixture = JSON.parse(await readFile(new URL('../fixtures/local-storage-layout.json', import.meta.url), 'utf8'));
  const { context, page, library } = await app.openLibrary();
  await page.evaluate((entries) => {
    for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, value);
  }, fixture.entries);
  await page.reload();
  await library.ready();
  await page.getByRole('alert').filter({ hasText: 'moved your workbook' }).waitFor();
  await library.link('Ingest brownouts from a slow memory leak').waitFor();
  await library.link('Ingest brownouts (second incident, same title)').waitFor();
  await page.getByText('Written by a newer Debrief').waitFor();
  const recovered = page.getByRole('region', { name: 'Recovered documents' });
  await recovered.getByText('Cut short at the wor', { exact: false }).waitFor();
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('debrief:')).length), 0);

  const path = await download(page, 'Download a backup of all reviews');
  const backup = JSON.parse(await readFile(path, 'utf8'));
  assert.equal(backup.workbook.reviews.length, 2);
  assert.equal(backup.workbook.meta_reviews.length, 1);
  const unreadable = backup.workbook.unreadable.map((d) => d.text);
  assert.ok(unreadable.some((text) => text.includes('"schema_version":99')), 'the newer review, verbatim');
  assert.ok(unreadable.some((text) => text.includes('Cut short at the wor')), 'the damaged one, verbatim');
  await page.getByRole('status').filter({ hasText: '2 reviews, 1 meta-review and 2 documents' }).waitFor();

  // Restored into another browser with every clash decided at once.
  const { context: other, page: otherPage, library: otherLibrary } = await app.openLibrary();
  await otherPage.getByLabel('Import a file…').setInputFiles(path);
  await otherLibrary.link('Ingest brownouts from a slow memory leak').waitFor();
  await otherPage.getByLabel('Import a file…').setInputFiles(path);
  await otherPage.getByRole('button', { name: 'Keep both for all 2' }).click();
  await otherPage.getByRole('link', { name: /Ingest brownouts from a slow memory leak/ }).nth(1).waitFor();
  await other.close();
  await context.close();
});
