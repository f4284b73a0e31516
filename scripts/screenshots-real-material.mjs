// Screenshots of the screens real material exercises: People with an organisation and a
// private outside reporter, the Share tab's list of replacements, a long list of action
// items with its placeholders, and the quick entry asking about the next day. Wide and
// phone-sized, light and dark.
// Usage: node scripts/screenshots-real-material.mjs [OUT_DIR]   (needs a release build in dist/)
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

// The v3 fixture: initials, an organisation, a private outside reporter, a redaction.
const fixture = join(dir, 'initials.json');
await writeFile(fixture, await readFile(new URL('../crates/debrief-core/tests/fixtures/review-v3.json', import.meta.url)));

const at = '2019-11-06T10:00:00Z';
const long = join(dir, 'long.json');
await writeFile(long, JSON.stringify({
  format: 'debrief.review',
  schema_version: 3,
  review: {
    id: 'long-actions', title: 'Long action list', created_at: at, updated_at: at,
    incident: { start: at, end: null, time_zone: 'UTC' },
    factors: Array.from({ length: 300 }, (_, i) => ({ id: `f${i}`, description: `Factor ${i + 1}: deploys hid the leak` })),
    actions: Array.from({ length: 300 }, (_, i) => ({
      id: `a${i}`, description: `Alert on memory growth, part ${i + 1}`, owner: `Team ${i % 7}`,
      due: '2999-12-01', kind: 'detect', status: 'open', factors: [`f${i}`],
    })),
  },
}));

const server = await startServer();
const browser = await launch();

async function open(page, file, title) {
  await page.locator('input[type=file]').setInputFiles(file);
  await page.getByRole('link', { name: title, exact: true }).click();
  await new Editor(page).ready();
}

for (const scheme of ['light', 'dark']) {
  for (const [name, viewport] of [['wide', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
    const context = await browser.newContext({ viewport, colorScheme: scheme });
    const page = await context.newPage();
    const library = new Library(page);
    await library.open(server.subPath);

    await open(page, fixture, 'Ingest brownouts from a slow memory leak');
    await goTo(page, 'People');
    await page.getByRole('group', { name: 'Globex Corp', exact: true }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${out}/people-kinds-${name}-${scheme}.png` });
    await goTo(page, 'Share');
    await page.getByRole('region', { name: /What the public version replaces/ }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${out}/share-replacements-${name}-${scheme}.png` });
    await new Editor(page).backToLibrary();

    await open(page, long, 'Long action list');
    await goTo(page, 'Action items');
    await page.getByRole('group', { name: 'Action item 2', exact: true }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${out}/actions-long-${name}-${scheme}.png` });
    await page.getByRole('button', { name: 'Choose the factors action item 2 addresses' }).click();
    await page.getByRole('searchbox', { name: 'Filter the factors for action item 2' }).fill('Factor 2');
    await page.screenshot({ path: `${out}/actions-factor-picker-${name}-${scheme}.png` });
    // Placeholders of blocks not drawn yet, as a fast scroll meets them.
    await page.evaluate(() => {
      const placeholder = document.querySelectorAll('.entry-placeholder')[40];
      window.scrollTo(0, placeholder.getBoundingClientRect().top + window.scrollY - 100);
    });
    await page.screenshot({ path: `${out}/actions-placeholders-${name}-${scheme}.png` });
    await new Editor(page).backToLibrary();

    const editor = await library.createTitled('Typed across midnight');
    await editor.fill('Time zone', 'UTC');
    await editor.fill('Incident start', '2019-11-06 21:30');
    await goTo(page, 'Timeline');
    for (const [when, what] of [['22:10', 'Checkout errors page the on-call engineer'], ['??:??', 'The outage begins for some customers'], ['12:51', 'Errors stop after the cache is flushed']]) {
      await editor.field('When').fill(when);
      await editor.field('What happened').fill(what);
      await editor.field('What happened').press('Enter');
    }
    await page.getByRole('button', { name: /Add it on the next day/ }).waitFor();
    await page.screenshot({ path: `${out}/quick-entry-next-day-${name}-${scheme}.png` });
    await context.close();
  }
}
await browser.close();
await server.close();
console.log(`Screenshots in ${out}`);
