// Screenshots of every Debrief screen, wide and phone-sized, light and dark, for looking at
// what a person sees (and for the README). Usage: node scripts/screenshots.mjs [OUT_DIR]
// Needs a release build in dist/.
import { mkdir } from 'node:fs/promises';
import { startServer } from '../tests/e2e/support/server.js';
import { launch } from '../tests/e2e/support/browser.js';
import { Library } from '../tests/e2e/support/app.js';
import { enterIncident, goTo } from '../tests/e2e/support/seed.js';
import { generatedExport } from '../tests/e2e/support/slack-export.js';

const out = process.argv[2] ?? 'bench-results/screens';
const only = process.argv[3]; // optionally one section, e.g. "Timeline"
await mkdir(out, { recursive: true });
const server = await startServer();
const browser = await launch();

const SECTIONS = ['Overview', 'Timeline', 'Chat transcript', 'Participation', 'People', 'Hypotheses', 'Contributing factors', 'Learnings', 'Interviews', 'Action items', 'Language', 'Share'];
const slug = (text) => text.toLowerCase().replace(/[^a-z]+/g, '-');

for (const scheme of ['light', 'dark']) {
  for (const [name, viewport] of [['wide', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
    const context = await browser.newContext({ viewport, colorScheme: scheme, timezoneId: 'America/New_York' });
    const page = await context.newPage();
    const library = new Library(page);
    await library.open(server.subPath);
    await page.screenshot({ path: `${out}/library-empty-${name}-${scheme}.png`, fullPage: true });
    await enterIncident(page, library);
    // A channel to look at: 600 messages from 8 people through the incident's morning.
    await goTo(page, 'Chat transcript');
    await page.getByLabel('Import a chat file…').setInputFiles({ name: 'export.zip', mimeType: 'application/zip', buffer: generatedExport(600, 8, 8, new Date('2019-11-06T10:20:00Z')) });
    await page.getByRole('checkbox', { name: /#incident/ }).check();
    await page.getByRole('button', { name: 'Import 1 channel' }).click();
    await page.locator('.message-row').first().waitFor();
    await page.locator('.message-row').nth(2).click();
    for (const section of SECTIONS.filter((s) => !only || s === only)) {
      await goTo(page, section);
      await page.waitForTimeout(500); // the chart draws once edits pause
      await page.screenshot({ path: `${out}/${slug(section)}-${name}-${scheme}.png`, fullPage: true });
    }
    await page.getByRole('link', { name: /all reviews/i }).click();
    await library.ready();
    await page.screenshot({ path: `${out}/library-${name}-${scheme}.png`, fullPage: true });
    await context.close();
  }
}
await browser.close();
await server.close();
console.log(`screenshots in ${out}`);
