// Times as real postmortems give them, and marking a whole timeline before publishing: an
// incident start known only to the day, approximate and bounded times, values carried over
// in the quick entry, day changes in the list, and several events marked at once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useApp } from './support/harness.js';
import { goTo } from './support/seed.js';

const app = useApp();

test('rough times are read, shown and drawn as such; several events are marked at once with Undo', async () => {
  const { context, page, library } = await app.openLibrary();
  const editor = await library.createTitled('Certificate expiry, times from the ticket');
  await editor.fill('Time zone', 'UTC');
  // Only the day is in the ticket.
  await editor.fill('Incident start', '2019-11-06');
  await page.getByText('only the day is known').waitFor();

  await goTo(page, 'Timeline');
  const when = editor.field('When');
  const what = editor.field('What happened');
  const add = async (time, text) => {
    if (time !== null) await when.fill(time);
    await what.fill(text);
    await what.press('Enter');
    await page.getByText(new RegExp(`${text}`)).first().waitFor();
  };
  await add('~21:40', 'Memory climbs on the ingest hosts');
  // The time stays for the next entry, marked as carried over; Escape clears it.
  await page.getByText('When and Who are carried over from the last event; Esc clears them.').waitFor();
  assert.equal(await when.inputValue(), '~21:40');
  await what.press('Escape');
  assert.equal(await when.inputValue(), '');
  await add('before 22:00', 'Last deploy of the ingest service');
  await add('between 22:10 and 22:40', 'A customer reports missing data');
  await add('23:50', 'Checkout errors page the on-call engineer');
  await add('2019-11-07 00:20', 'Errors stop after the cache is flushed');
  await page.getByText('5 events, in time order.').waitFor();

  const rows = page.locator('.event-row');
  const texts = await rows.allTextContents();
  for (const shown of ['~21:40', 'before 22:00', '22:10\u201322:40']) {
    assert.ok(texts.some((row) => row.includes(shown)), `${shown} in ${texts.join(' | ')}`);
  }
  // Each day's first event carries its date: the 6th and, after midnight, the 7th.
  const dayStarts = await page.locator('.event-row.starts-day').allTextContents();
  assert.equal(dayStarts.length, 2, dayStarts.join(' | '));
  assert.ok(dayStarts[1].includes('2019-11-07') && dayStarts[1].includes('cache is flushed'), dayStarts[1]);

  // The chart draws inexact times dashed and says so in its legend.
  await page.locator('.chart svg').getByText('Time not exact (dashed: when it may have been)').waitFor();

  // Mark all five public at once, then take it back.
  await page.getByRole('button', { name: 'Select all 5 shown' }).click();
  await page.getByText('5 events selected.').waitFor();
  await page.getByRole('button', { name: 'Make public', exact: true }).click();
  await page.getByText('Made public: 5 events.').waitFor();
  await page.locator('.event-row .flag.public').nth(4).waitFor();
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.event-row .flag.public').length === 0);

  // One chosen by its checkbox, with the keyboard, becomes key.
  await page.getByRole('button', { name: 'Clear selection' }).click();
  const page_event = page.getByRole('checkbox', { name: 'Select event \u201cCheckout errors page the on-call engineer\u201d' });
  await page_event.focus();
  await page.keyboard.press('Space');
  await page.getByText('1 event selected.').waitFor();
  await page.getByRole('button', { name: 'Mark key', exact: true }).click();
  await page.locator('.event-row .flag.key').first().waitFor();
  assert.equal(await page.locator('.event-row .flag.key').count(), 1);

  // A team that publishes whole reviews makes everything public in one step.
  await goTo(page, 'Share');
  await page.getByText('5 events, hypotheses, factors and learnings are internal.').waitFor();
  await page.getByRole('button', { name: 'Make everything in this review public' }).click();
  await page.getByText('Every event, hypothesis, contributing factor and learning is public.').waitFor();
  await editor.saved();

  // After a reload the rough times are still rough, and the start is still only a day.
  await page.reload();
  await editor.ready();
  await goTo(page, 'Overview');
  await editor.expectValue('Incident start', '2019-11-06');
  await goTo(page, 'Timeline');
  await page.getByText('5 events, in time order.').waitFor();
  const reloaded = await page.locator('.event-row').allTextContents();
  assert.ok(reloaded.some((row) => row.includes('before 22:00')), reloaded.join(' | '));
  assert.equal(await page.locator('.event-row .flag.public').count(), 5);
  await context.close();
});
