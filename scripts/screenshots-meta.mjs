// Screenshots of the meta-review page over three same-title reviews (figures, the incidents'
// summaries, merging spellings) and of the trigger choice, wide and phone-sized, light and
// dark. Usage: node scripts/screenshots-meta.mjs [OUT_DIR]. Needs a release build in dist/.
import { mkdir } from 'node:fs/promises';
import { startServer } from '../tests/e2e/support/server.js';
import { launch } from '../tests/e2e/support/browser.js';
import { Library } from '../tests/e2e/support/app.js';
import { goTo, group } from '../tests/e2e/support/seed.js';

const out = process.argv[2] ?? 'bench-results/screens-meta';
await mkdir(out, { recursive: true });
const server = await startServer();
const browser = await launch();

const TITLE = 'Elevated API error rates';
const TWINS = [
  ['2020-07-28 03:10', 'Provider-caused', 'Sam Lee'],
  ['2020-08-03 11:00', 'Self-change-caused', 'S. Lee'],
  ['2020-10-06 16:30', 'Known, none of these', 'Rae Lin'],
  ['2020-10-09 09:00', 'Self-change-caused', 'sam'],
];

for (const scheme of ['light', 'dark']) {
  for (const [name, viewport] of [['wide', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
    const context = await browser.newContext({ viewport, colorScheme: scheme, timezoneId: 'America/Los_Angeles' });
    const page = await context.newPage();
    const library = new Library(page);
    await library.open(server.subPath);
    for (const [start, trigger, person] of TWINS) {
      const editor = await library.createTitled(TITLE);
      await editor.fill('Incident start', start);
      await page.getByRole('radio', { name: new RegExp(`^${trigger}`) }).check();
      if (trigger.startsWith('Known')) {
        await page.locator('section[aria-labelledby="trigger-heading"]').screenshot({ path: `${out}/trigger-${name}-${scheme}.png` });
      }
      await goTo(page, 'People');
      await page.getByRole('button', { name: 'Add person' }).click();
      await group(page, 'Person 1').getByLabel('Name', { exact: true }).fill(person);
      await editor.saved();
      await editor.backToLibrary();
    }
    await page.getByRole('button', { name: 'New meta-review' }).click();
    await page.getByText('Meta-review', { exact: true }).waitFor();
    await page.getByLabel('Title').fill('One heading, four incidents');
    const picker = page.getByRole('group', { name: 'Pick reviews by hand' });
    for (const box of await picker.getByRole('checkbox').all()) await box.check();
    await page.getByText('Covers 4 incidents.').waitFor();
    const same = page.getByRole('group', { name: 'Same person, different spellings' });
    await same.getByRole('checkbox', { name: /^Sam Lee/ }).check();
    await same.getByRole('checkbox', { name: /^S\. Lee/ }).check();
    await same.getByRole('button', { name: 'Count the ticked names as one person' }).click();
    const triggers = page.getByRole('table', { name: 'What triggered them' });
    await triggers.getByRole('row', { name: /^Self-change-caused/ }).getByText('2 incidents').click();
    await page.getByRole('table', { name: /How long they took/ }).getByRole('row', { name: /^Time to detect/ }).getByText('4 incidents').click();
    await page.locator('section[aria-labelledby="figures-heading"]').screenshot({ path: `${out}/meta-figures-${name}-${scheme}.png` });
    for (const box of (await picker.getByRole('checkbox').all()).slice(2)) await box.uncheck();
    await page.getByText('Covers 2 incidents.').waitFor();
    await page.locator('section[aria-labelledby="meta-summaries-heading"]').screenshot({ path: `${out}/meta-summaries-${name}-${scheme}.png` });
    await page.getByLabel('Also cover every review that matches a rule').check();
    await page.locator('section[aria-labelledby="meta-selection-heading"]').screenshot({ path: `${out}/meta-selection-${name}-${scheme}.png` });
    await context.close();
  }
}
await browser.close();
await server.close();
console.log(`screenshots in ${out}`);
