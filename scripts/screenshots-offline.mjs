// Screenshots of the "new version is ready" banner (the library and an open review after a
// deploy has installed behind the tab) and of a share link's own module: its preview, saved
// once, then saved again (the clash question shows on the preview). Wide and phone-sized,
// light and dark.
// Usage: node scripts/screenshots-offline.mjs [OUT_DIR]   (needs a release build in dist/)
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, startServer } from '../tests/e2e/support/server.js';
import { launch } from '../tests/e2e/support/browser.js';
import { Library } from '../tests/e2e/support/app.js';
import { goTo } from '../tests/e2e/support/seed.js';

const out = process.argv[2] ?? 'bench-results/screens';
await mkdir(out, { recursive: true });
const next = await mkdtemp(join(tmpdir(), 'debrief-deploy-'));
await cp(DIST, next, { recursive: true });
const worker = await readFile(join(next, 'sw.js'), 'utf8');
await writeFile(join(next, 'sw.js'), worker.replace(/const VERSION = "([0-9a-f]+)"/, 'const VERSION = "$1-next"'));

const server = await startServer();
const browser = await launch();
const sizes = [['wide', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]];
for (const scheme of ['light', 'dark']) {
  for (const [name, viewport] of sizes) {
    server.deploy(DIST);
    const context = await browser.newContext({ viewport, colorScheme: scheme });
    const page = await context.newPage();
    const library = new Library(page);
    await library.open(server.subPath);
    await page.waitForFunction(() => navigator.serviceWorker?.controller != null);
    server.deploy(next);
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    await page.getByText('A new version of Debrief is ready.').waitFor();
    await page.screenshot({ path: `${out}/update-library-${name}-${scheme}.png` });
    const editor = await library.createTitled('Pager storm during the failover');
    await editor.saved();
    await page.screenshot({ path: `${out}/update-editor-${name}-${scheme}.png` });
    await context.close();

    server.deploy(DIST);
    const sharing = await browser.newContext({ viewport, colorScheme: scheme });
    const author = await sharing.newPage();
    const authorsLibrary = new Library(author);
    await authorsLibrary.open(server.subPath);
    const review = await authorsLibrary.createTitled('Expired certificate on the edge proxy');
    await review.fill('Summary', 'The certificate on the edge proxy expired at 03:12 UTC.');
    await review.saved();
    await goTo(author, 'Share');
    await author.getByRole('button', { name: 'Create link' }).click();
    const link = await author.getByLabel('Link', { exact: true }).inputValue();
    const friend = await (await browser.newContext({ viewport, colorScheme: scheme })).newPage();
    await friend.goto(link);
    await friend.getByText(/was shared with you/).waitFor();
    await friend.getByRole('button', { name: 'Save to my workbook' }).click();
    await friend.getByText(/^Saved /).waitFor();
    await friend.screenshot({ path: `${out}/share-saved-${name}-${scheme}.png` });
    await friend.getByRole('button', { name: 'Save to my workbook' }).click();
    await friend.getByText(/is already in this workbook/).waitFor();
    await friend.screenshot({ path: `${out}/share-clash-${name}-${scheme}.png` });
    await friend.context().close();
    await sharing.close();
  }
}
await browser.close();
await server.close();
