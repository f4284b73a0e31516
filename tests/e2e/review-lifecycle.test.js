// Creating, filling, reloading, renaming, duplicating and deleting reviews.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useApp } from './support/harness.js';
import { Library } from './support/app.js';

const app = useApp();

test('a review created from a template keeps its whole overview across a reload', async () => {
  const { context, page, library } = await app.openLibrary();
  const editor = await library.create('Light review');

  await editor.fill('Title', 'Ingest brownouts from a slow memory leak');
  await page.getByLabel('Status', { exact: true }).selectOption({ label: 'In review' });
  await editor.fill('Severity', 'SEV-2');
  await editor.fill('Services', 'ingest, storage');
  await editor.fill('Tags', 'memory, dependency');
  await editor.fill('Time zone', 'america/los_angeles');
  await editor.fill('Incident start', '2019-11-06 02:20');
  await editor.fill('Incident end', '09:45');
  await editor.fill('Summary', 'Hosts crashed within minutes of each other, four times.');
  await editor.fill('Impact statement', '1–3% of telemetry rejected at ingest.');
  await page.getByRole('button', { name: 'Add impact window' }).click();
  await editor.fill('Start', '2019-11-06T10:20:00Z');
  await editor.fill('End', '02:40');
  await editor.fill('What was affected', 'ingest API');
  await editor.fill('How much', '1–3% of requests rejected');
  await page.getByRole('radio', { name: /self-change-caused/i }).check();
  await page.getByLabel('Kind of change').selectOption({ label: 'Code change' });
  await editor.fill('Trigger, in a sentence', 'Upgrade of a compression library');
  await editor.fill('Analyst name', 'Sam Reviewer');
  await page.getByRole('checkbox', { name: /took part in the incident/i }).check();
  await editor.saved();

  await page.reload();
  await editor.ready();
  await editor.expectValue('Title', 'Ingest brownouts from a slow memory leak');
  assert.equal(await page.getByLabel('Status', { exact: true }).inputValue(), '1');
  assert.equal(
    await page.getByLabel('Status', { exact: true }).locator('option:checked').textContent(),
    'In review',
  );
  await editor.expectValue('Severity', 'SEV-2');
  await editor.expectValue('Services', 'ingest, storage');
  await editor.expectValue('Tags', 'memory, dependency');
  await editor.expectValue('Time zone', 'America/Los_Angeles');
  await editor.expectValue('Incident start', '2019-11-06 02:20 PST');
  await editor.expectValue('Incident end', '2019-11-06 09:45 PST');
  await page.getByText('The incident lasted 7 h 25 min.').waitFor();
  await editor.expectValue('Summary', 'Hosts crashed within minutes of each other, four times.');
  await editor.expectValue('Impact statement', '1–3% of telemetry rejected at ingest.');
  await editor.expectValue('Start', '2019-11-06 02:20 PST');
  await editor.expectValue('End', '2019-11-06 02:40 PST');
  await editor.expectValue('What was affected', 'ingest API');
  await editor.expectValue('How much', '1–3% of requests rejected');
  assert.ok(await page.getByRole('radio', { name: /self-change-caused/i }).isChecked());
  assert.equal(
    await page.getByLabel('Kind of change').locator('option:checked').textContent(),
    'Code change',
  );
  await editor.expectValue('Trigger, in a sentence', 'Upgrade of a compression library');
  await editor.expectValue('Analyst name', 'Sam Reviewer');
  assert.ok(await page.getByRole('checkbox', { name: /took part in the incident/i }).isChecked());
  assert.equal(
    await page.getByLabel('Sections').locator('option:checked').textContent(),
    'Light review',
  );

  await editor.backToLibrary();
  const row = library.row('Ingest brownouts from a slow memory leak');
  await row.getByText('In review').waitFor();
  await row.getByText('2019-11-06 02:20 UTC-08:00').waitFor();
  await context.close();
});

test('a bad time is explained, kept for fixing, and changes nothing', async () => {
  const { context, page, library } = await app.openLibrary();
  const editor = await library.create();
  await editor.fill('Time zone', 'UTC');
  await editor.fill('Incident start', '2019-11-06 11:00');
  await editor.fill('Incident end', '2019-11-06 10:00');
  await page.getByText('The incident ends before it starts. Check the two times.').waitFor();
  assert.equal(await editor.field('Incident end').getAttribute('aria-invalid'), 'true');
  await editor.fill('Incident end', 'half past ten');
  await page.getByText(/"half past ten" doesn't look like a time/).waitFor();
  await editor.expectValue('Incident end', 'half past ten');
  await editor.fill('Time zone', 'Pacific Time');
  await page.getByText(/"Pacific Time" is not a time zone Debrief knows/).waitFor();
  await editor.saved();
  await page.reload();
  await editor.ready();
  await editor.expectValue('Incident end', '');
  await editor.expectValue('Time zone', 'UTC');
  await editor.expectValue('Incident start', '2019-11-06 11:00 UTC');
  await context.close();
});

test('delete offers undo, and the review stays restorable from Recently deleted across a reload', async () => {
  const { context, page, library } = await app.openLibrary();
  const editor = await library.create();
  await editor.fill('Title', 'Expired certificate');
  await editor.fill('Summary', 'A certificate nobody owned expired on a Sunday.');
  await editor.saved();
  await editor.backToLibrary();

  await page.getByRole('button', { name: 'Delete “Expired certificate”' }).click();
  await page.getByRole('status').filter({ hasText: 'Moved “Expired certificate” to Recently deleted.' }).waitFor();
  assert.equal(await library.link('Expired certificate').count(), 0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await library.link('Expired certificate').click();
  await editor.ready();
  await editor.expectValue('Summary', 'A certificate nobody owned expired on a Sunday.');

  // A delete that is not undone survives a reload, in Recently deleted, and comes back whole.
  await editor.backToLibrary();
  await page.getByRole('button', { name: 'Delete “Expired certificate”' }).click();
  await page.getByRole('status').filter({ hasText: 'Recently deleted' }).waitFor();
  await page.reload();
  await library.ready();
  assert.equal(await library.link('Expired certificate').count(), 0);
  await page.getByText('No reviews yet.', { exact: false }).waitFor();
  const trash = page.getByRole('region', { name: 'Recently deleted' });
  await trash.getByRole('button', { name: 'Restore “Expired certificate”' }).click();
  await library.link('Expired certificate').click();
  await editor.ready();
  await editor.expectValue('Summary', 'A certificate nobody owned expired on a Sunday.');
  await context.close();
});

test('rename, duplicate and search in the library', async () => {
  const { context, page, library } = await app.openLibrary();
  for (const title of ['DNS lookups failing', 'Kafka partition loss']) {
    const editor = await library.createTitled(title);
    await editor.backToLibrary();
  }
  await page.getByRole('button', { name: 'Rename “DNS lookups failing”' }).click();
  const renameBox = page.getByLabel('New title');
  await renameBox.fill('Route53 lookups failing in one zone');
  await renameBox.press('Enter');
  await library.link('Route53 lookups failing in one zone').waitFor();

  await page.getByRole('button', { name: 'Duplicate “Kafka partition loss”' }).click();
  await library.link('Copy of Kafka partition loss').waitFor();

  await page.getByRole('searchbox', { name: 'Search reviews' }).fill('kafka');
  assert.equal(await page.getByRole('row').count(), 3, 'header row and two Kafka reviews');
  await page.getByRole('searchbox', { name: 'Search reviews' }).fill('zeppelin');
  await page.getByText('No review matches “zeppelin”.').waitFor();

  await page.reload();
  await library.ready();
  await library.link('Route53 lookups failing in one zone').waitFor();
  await context.close();
});
