// The library and overview with the keyboard alone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useApp } from './support/harness.js';
import { Editor, Library } from './support/app.js';

const app = useApp();

/** Presses Tab until the focused element has the accessible text `name`. */
async function tabTo(page, name, limit = 40) {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      const label = el.labels?.[0]?.textContent ?? '';
      return (el.getAttribute('aria-label') || label || el.textContent || '').trim();
    });
    if (focused === name) return;
  }
  assert.fail(`could not reach "${name}" with Tab`);
}

test('create a review and fill its overview without a mouse', async () => {
  // A reader in Berlin: new reviews start in the browser's own zone.
  const { context, page, library } = await app.openLibrary({ timezoneId: 'Europe/Berlin' });

  await tabTo(page, 'Full analysis' + 'Every section with guidance: timeline, people, hypotheses, contributing factors, interviews and learnings. For incidents that deserve a deep look.');
  await page.keyboard.press('ArrowDown'); // Light review
  await tabTo(page, 'New review');
  await page.keyboard.press('Enter');
  const editor = new Editor(page);
  await editor.ready();

  // The title of a new review has the focus: type straight away.
  await page.keyboard.type('Typed without a mouse');
  await tabTo(page, 'Incident start');
  await page.keyboard.type('2024-03-01 14:03 UTC');
  await page.keyboard.press('Tab');
  await editor.saved();
  await page.reload();
  await editor.ready();
  await editor.expectValue('Title', 'Typed without a mouse');
  await editor.expectValue('Time zone', 'Europe/Berlin');
  await editor.expectValue('Incident start', '2024-03-01 15:03 CET');
  assert.equal(
    await page.getByLabel('Sections').locator('option:checked').textContent(),
    'Light review',
  );

  // Back to the library with the keyboard and open the review again from its link.
  await tabTo(page, '← All reviews');
  await page.keyboard.press('Enter');
  await library.ready();
  await tabTo(page, 'Typed without a mouse');
  await page.keyboard.press('Enter');
  await editor.ready();
  await context.close();
});

test('timeline entry, editing and sharing without a mouse', async () => {
  const { context, page, library } = await app.openLibrary({ timezoneId: 'UTC' });
  await library.createTitled('Keyboard timeline');
  await page.getByRole('link', { name: 'Timeline', exact: true }).focus();
  await page.keyboard.press('Enter');
  await tabTo(page, 'When');
  await page.keyboard.type('2024-03-01 14:03');
  await tabTo(page, 'What happened');
  await page.keyboard.type('Pager fires for the checkout API');
  await page.keyboard.press('Enter');
  // Focus is back in the time field, its text selected: the next event is typed at once.
  assert.equal(await page.evaluate(() => document.activeElement.labels?.[0]?.textContent), 'When');
  await page.keyboard.type('14:10');
  await tabTo(page, 'What happened');
  await page.keyboard.type('Rollback started');
  await page.keyboard.press('Enter');
  await page.getByText('2 events, in time order.').waitFor();

  await tabTo(page, 'Edit event “Pager fires for the checkout API”');
  await page.keyboard.press('Enter');
  // The editor opens with the first field focused; Escape closes it.
  assert.equal(await page.evaluate(() => document.activeElement.labels?.[0]?.textContent), 'When');
  await page.keyboard.press('Escape');
  await page.getByRole('group', { name: 'Edit event' }).waitFor({ state: 'detached' });

  await page.getByRole('link', { name: 'Share', exact: true }).focus();
  await page.keyboard.press('Enter');
  await tabTo(page, 'Create link');
  await page.keyboard.press('Enter');
  assert.match(await page.getByLabel('Link', { exact: true }).inputValue(), /#\/shared\//);
  await context.close();
});
