// Screenshots of what the library and the editor say when storage is in trouble: a workbook
// moved from the older layout (with a review from a newer Debrief and a damaged document),
// Recently deleted, a refused save with the review marked "not saved yet", and a conflict
// between two tabs with what differs; the workbook kept in a folder, and a review changed both
// here and in the folder. Wide and phone-sized, light and dark.
// Usage: node scripts/screenshots-storage.mjs [OUT_DIR]   (needs a release build in dist/)
import { mkdir, readFile } from 'node:fs/promises';
import { startServer } from '../tests/e2e/support/server.js';
import { launch } from '../tests/e2e/support/browser.js';
import { Editor, Library } from '../tests/e2e/support/app.js';

const out = process.argv[2] ?? 'bench-results/screens';
await mkdir(out, { recursive: true });
const fixture = JSON.parse(await readFile(new URL('../tests/fixtures/local-storage-layout.json', import.meta.url), 'utf8'));
const server = await startServer();
const browser = await launch();

for (const scheme of ['light', 'dark']) {
  for (const [name, viewport] of [['wide', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
    const context = await browser.newContext({ viewport, colorScheme: scheme });
    const page = await context.newPage();
    const library = new Library(page);
    await library.open(server.subPath);
    await page.evaluate((entries) => {
      for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, value);
    }, fixture.entries);
    await page.reload();
    await library.ready();
    await library.link('Ingest brownouts from a slow memory leak').waitFor();
    await page.getByRole('button', { name: 'Delete “Ingest brownouts (second incident, same title)”' }).click();
    await page.getByRole('region', { name: 'Recently deleted' }).waitFor();
    await page.screenshot({ path: `${out}/storage-library-${name}-${scheme}.png`, fullPage: true });

    // A refused save, then the library marking the review.
    await library.link('Ingest brownouts from a slow memory leak').click();
    const editor = new Editor(page);
    await editor.ready();
    await page.evaluate(() => {
      IDBObjectStore.prototype.put = () => { throw new DOMException('full', 'QuotaExceededError'); };
    });
    await editor.fill('Summary', 'A slow leak, seen late: four 20-minute brownouts.');
    await page.getByRole('alert').filter({ hasText: 'not saved' }).waitFor();
    await page.screenshot({ path: `${out}/storage-save-failed-${name}-${scheme}.png` });
    await editor.backToLibrary();
    await page.screenshot({ path: `${out}/storage-not-saved-${name}-${scheme}.png` });
    await context.close();

    // Two tabs disagree.
    const shared = await browser.newContext({ viewport, colorScheme: scheme });
    const first = await shared.newPage();
    const firstLibrary = new Library(first);
    await firstLibrary.open(server.subPath);
    await firstLibrary.createTitled('Expired certificate');
    const second = await shared.newPage();
    await second.goto(first.url());
    const secondEditor = new Editor(second);
    await secondEditor.ready();
    await secondEditor.fill('Summary', 'Nobody owned the certificate.');
    await secondEditor.saved();
    await first.getByRole('alert').filter({ hasText: 'changed in another tab' }).waitFor();
    await new Editor(first).fill('Title', 'Expired certificate on api');
    await first.getByRole('button', { name: 'Show what differs' }).click();
    await first.locator('.differences').waitFor();
    await first.screenshot({ path: `${out}/storage-conflict-${name}-${scheme}.png` });
    await shared.close();

    // The workbook kept in a folder (the origin's private file system stands in for one on
    // disk), and a review changed both here and there.
    const kept = await browser.newContext({ viewport, colorScheme: scheme });
    await kept.addInitScript(() => {
      window.showDirectoryPicker = async () =>
        (await navigator.storage.getDirectory()).getDirectoryHandle('team-reviews', { create: true });
    });
    const page2 = await kept.newPage();
    const keptLibrary = new Library(page2);
    await keptLibrary.open(server.subPath);
    const keptEditor = await keptLibrary.createTitled('Payment timeouts after the gateway upgrade');
    await keptEditor.backToLibrary();
    await page2.getByRole('button', { name: 'Keep this workbook in a folder…' }).click();
    await page2.getByRole('status').filter({ hasText: /In step as of/ }).waitFor();
    await page2.screenshot({ path: `${out}/folder-library-${name}-${scheme}.png`, fullPage: true });
    await keptLibrary.link('Payment timeouts after the gateway upgrade').click();
    await keptEditor.ready();
    await page2.evaluate(async () => {
      const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('team-reviews');
      for await (const [file, handle] of dir.entries()) {
        if (!file.endsWith('.debrief.json')) continue;
        const theirs = JSON.parse(await (await handle.getFile()).text());
        theirs.review.summary = 'The gateway dropped idle connections after the upgrade.';
        const writable = await handle.createWritable();
        await writable.write(JSON.stringify(theirs, null, 2));
        await writable.close();
      }
    });
    await keptEditor.fill('Summary', 'Retries amplified the load on the new gateway.');
    await keptEditor.saved();
    await page2.evaluate(() => window.dispatchEvent(new Event('focus')));
    const banner = page2.getByRole('alert').filter({ hasText: 'changed both here and in the folder' });
    await banner.getByRole('button', { name: 'Show what differs from the folder' }).click();
    await banner.locator('.differences').waitFor();
    await page2.screenshot({ path: `${out}/folder-conflict-${name}-${scheme}.png` });
    await kept.close();
  }
}
await browser.close();
await server.close();
console.log(`screenshots in ${out}`);
