// Long sections and the quick entry's reading of times, as real reviews bring them: a
// thousand action items linked to as many factors, a timeline typed across midnight, and
// times nobody wrote down.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useApp } from './support/harness.js';
import { Editor } from './support/app.js';
import { goTo, group } from './support/seed.js';

const app = useApp();

/** A stored review with `n` action items, each addressing two of `n` factors. */
function longReview(n) {
  const at = '2019-11-06T10:00:00Z';
  return {
    format: 'debrief.review',
    schema_version: 3,
    review: {
      id: 'long-actions', title: 'Long action list', created_at: at, updated_at: at,
      incident: { start: at, end: null, time_zone: 'UTC' },
      factors: Array.from({ length: n }, (_, i) => ({ id: `f${i}`, description: `Factor ${i + 1}: deploys hid the leak` })),
      actions: Array.from({ length: n }, (_, i) => ({
        id: `a${i}`, description: `Alert on memory growth, part ${i + 1}`, owner: `Team ${i % 7}`,
        due: '2999-12-01', kind: 'detect', status: 'open', factors: [`f${i}`, `f${(i * 13) % n}`],
      })),
    },
  };
}

async function importReview(page, document) {
  const dir = await mkdtemp(join(tmpdir(), 'debrief-'));
  const file = join(dir, 'review.json');
  await writeFile(file, JSON.stringify(document));
  await page.locator('input[type=file]').setInputFiles(file);
  await page.getByRole('link', { name: document.review.title, exact: true }).click();
  const editor = new Editor(page);
  await editor.ready();
  return editor;
}

test('a thousand action items open with a few drawn, and every one can still be reached', async () => {
  const { context, page } = await app.openLibrary();
  await importReview(page, longReview(1000));
  await goTo(page, 'Action items');
  await group(page, 'Action item 1').waitFor();
  // Only the first block is drawn; the rest wait as named placeholders.
  assert.ok((await page.locator('li.entry.action').count()) <= 20, 'a few entries drawn');
  assert.equal(await group(page, 'Action item 900').count(), 0);
  await page.getByText('Action item 900: Alert on memory growth, part 900', { exact: true }).waitFor({ state: 'attached' });

  // The factor picker is built when asked for; the linked factors are named meanwhile.
  const second = group(page, 'Action item 2');
  await second.getByText('Factor 2: deploys hid the leak; Factor 14: deploys hid the leak').waitFor();
  assert.equal(await second.getByRole('checkbox').count(), 0);
  await second.getByRole('button', { name: 'Choose the factors action item 2 addresses' }).click();
  await second.getByRole('searchbox', { name: 'Filter the factors for action item 2' }).fill('Factor 14:');
  const box = second.getByRole('checkbox', { name: 'Factor 14: deploys hid the leak' });
  assert.equal(await box.isChecked(), true, 'factor 14 is linked');
  assert.equal(await second.getByRole('checkbox').count(), 1);

  // The summary table shows the first rows, then all; going to an entry not drawn yet
  // draws it and puts the keyboard in it.
  await page.getByRole('button', { name: 'Show all 1000 rows' }).click();
  await page.getByRole('button', { name: 'Go to action item 900: Alert on memory growth, part 900' }).click();
  const far = group(page, 'Action item 900');
  await far.waitFor();
  await page.waitForFunction(() => document.activeElement?.closest('fieldset')?.querySelector('legend')?.textContent.startsWith('Action item 900'));

  // Tabbing onto a block that is not drawn yet draws it and moves into its first field.
  const blockButton = page.getByRole('button', { name: 'Show entries 501 to 510' });
  await blockButton.focus();
  await group(page, 'Action item 501').waitFor();
  await page.waitForFunction(() => document.activeElement?.closest('fieldset')?.querySelector('legend')?.textContent.startsWith('Action item 501'));
  await context.close();
});

test('quick entry offers the next day for a time far before the last one, and reads unknown times', async () => {
  const { context, page, library } = await app.openLibrary();
  const editor = await library.createTitled('Typed across midnight');
  await editor.fill('Time zone', 'UTC');
  await editor.fill('Incident start', '2019-11-06 21:30');
  await goTo(page, 'Timeline');
  const add = async (when, what) => {
    await editor.field('When').fill(when);
    await editor.field('What happened').fill(what);
    await editor.field('What happened').press('Enter');
  };
  await add('22:10', 'Checkout errors page the on-call engineer');
  await page.getByText('1 event, in time order.').waitFor();
  // "??:??" is how postmortems write a time nobody noted: the event stays after the one
  // entered before it instead of sinking to the end.
  await add('??:??', 'The outage begins for some customers');
  await add('12:51', 'Errors stop after the cache is flushed');
  await page.getByText(/12:51 on 2019-11-06 is .* before the event added just before it/).waitFor();
  await page.getByRole('button', { name: 'Add it on the next day, 2019-11-07 12:51' }).click();
  await page.getByText('3 events, in time order.').waitFor();
  const rows = await page.locator('.event-row').allTextContents();
  const order = ['page the on-call', 'outage begins', 'cache is flushed'].map((words) => rows.findIndex((row) => row.includes(words)));
  assert.deepEqual(order, [0, 1, 2], rows.join(' | '));
  assert.ok(rows[2].includes('2019-11-07') || rows[2].includes('Nov 7') || rows[2].includes('12:51'), rows[2]);
  await context.close();
});
