// Screenshots of rough times and bulk marking: the v4 fixture (a start known only as a
// bound, approximate, bounded, day-only and unknown event times) in the timeline list and
// chart, the overview's When section, several events selected, the Share tab's "make
// everything public", and People's metrics at 1,100 px. Wide and phone-sized, light and dark.
// Usage: node scripts/screenshots-rough-times.mjs [OUT_DIR]   (needs a release build in dist/)
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../tests/e2e/support/server.js';
import { launch } from '../tests/e2e/support/browser.js';
import { Editor, Library } from '../tests/e2e/support/app.js';
import { goTo } from '../tests/e2e/support/seed.js';

const out = process.argv[2] ?? 'bench-results/screens';
await mkdir(out, { recursive: true });
const dir = await mkdtemp(join(tmpdir(), 'debrief-shots-'));
const fixture = join(dir, 'rough.json');
await writeFile(fixture, await readFile(new URL('../crates/debrief-core/tests/fixtures/review-v4.json', import.meta.url)));

const server = await startServer();
const browser = await launch();
const sizes = [['wide', { width: 1280, height: 900 }], ['mid', { width: 1100, height: 900 }], ['phone', { width: 390, height: 844 }]];

for (const scheme of ['light', 'dark']) {
  for (const [name, viewport] of sizes) {
    const context = await browser.newContext({ viewport, colorScheme: scheme });
    const page = await context.newPage();
    await new Library(page).open(server.subPath);
    await page.locator('input[type=file]').setInputFiles(fixture);
    await page.getByRole('link', { name: 'Ingest brownouts from a slow memory leak', exact: true }).click();
    await new Editor(page).ready();

    await page.getByRole('heading', { name: 'When it happened' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${out}/rough-when-${name}-${scheme}.png` });

    await goTo(page, 'Timeline');
    await page.locator('.chart svg').waitFor();
    await page.waitForTimeout(600);
    await page.locator('.chart').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${out}/rough-chart-${name}-${scheme}.png` });
    await page.getByRole('button', { name: /^Select all \d+ shown$/ }).click();
    await page.locator('.bulk-marks').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${out}/rough-list-${name}-${scheme}.png` });

    await goTo(page, 'People');
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${out}/rough-people-${name}-${scheme}.png`, fullPage: true });

    await goTo(page, 'Share');
    await page.getByRole('button', { name: 'Make everything in this review public' }).waitFor();
    await page.screenshot({ path: `${out}/rough-share-${name}-${scheme}.png` });
    await context.close();
  }
}
await browser.close();
await server.close();
console.log(`Screenshots in ${out}`);
