// A meta-review built through the UI from several reviews: coverage picked by hand, the
// taxonomy counted, the analyst's sections kept across a reload, a covered review deleted
// without breaking it, and its report opened from file:// with JavaScript off.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useApp } from './support/harness.js';
import { download, readOffline } from './support/app.js';

const app = useApp();

const INCIDENTS = [
  { title: 'DNS lookups slow or failing', start: '2020-07-28 03:10', trigger: 'Provider-caused', environments: 'production', customers: 'Yes, customers felt it', summary: 'Route53 failed in one availability zone.' },
  { title: 'Query engine lambda startup failures', start: '2020-08-03 11:00', trigger: 'Self-change-caused', environments: 'production, dogfooding', customers: 'Yes, customers felt it', summary: 'A code change stopped the lambda query engine from starting.' },
  { title: 'Storage engine database migration', start: '2020-08-06 16:30', trigger: 'Self-change-caused', environments: 'dogfooding', customers: 'No, only we did', summary: 'A rarely run migration deployed out of order.' },
];

async function enterReview(page, library, incident) {
  const editor = await library.createTitled(incident.title);
  await editor.fill('Time zone', 'America/Los_Angeles');
  await editor.fill('Incident start', incident.start);
  await editor.fill('Summary', incident.summary);
  await editor.fill('Environments affected', incident.environments);
  await page.getByLabel('Did customers feel it?').selectOption({ label: incident.customers });
  await page.getByRole('radio', { name: new RegExp(`^${incident.trigger}`) }).check();
  await editor.saved();
  await editor.backToLibrary();
}

test('a meta-review across three reviews counts the taxonomy, keeps its text, survives a deleted review and exports a report', async () => {
  const { context, page, library } = await app.openLibrary({ timezoneId: 'America/Los_Angeles' });
  for (const incident of INCIDENTS) await enterReview(page, library, incident);

  await page.getByRole('button', { name: 'New meta-review' }).click();
  await page.getByText('Meta-review', { exact: true }).waitFor();
  await page.getByLabel('Title').fill('Three incidents in ten days');
  await page.getByLabel('Count days and hours in').fill('America/Los_Angeles');
  await page.getByLabel('Count days and hours in').press('Tab');
  const picker = page.getByRole('group', { name: 'Pick reviews by hand' });
  for (const incident of INCIDENTS) await picker.getByRole('checkbox', { name: new RegExp(incident.title) }).check();
  await page.getByText('Covers 3 incidents.').waitFor();

  // The taxonomy, counted, with links to the reviews behind each figure.
  const triggers = page.getByRole('table', { name: 'What triggered them' });
  const selfChange = triggers.getByRole('row', { name: /Self-change-caused/ });
  assert.match(await selfChange.textContent(), /67%\s*2 incidents/);
  await selfChange.getByText('2 incidents').click();
  await selfChange.getByRole('link', { name: 'Storage engine database migration' }).waitFor();
  assert.match(await triggers.getByRole('row', { name: /Provider-caused/ }).textContent(), /33%\s*1 incident/);
  const customers = page.getByRole('table', { name: 'Did customers feel it?' });
  assert.match(await customers.getByRole('row', { name: /^Customer-facing/ }).textContent(), /2 incidents/);

  // The analyst's own sections.
  const summary = page.getByLabel('Summary of DNS lookups slow or failing');
  assert.equal(await summary.inputValue(), 'Route53 failed in one availability zone.');
  await summary.fill('Route53 trouble in one AZ; on-call moved instances out within the hour.');
  await page.getByRole('button', { name: 'Add a theme' }).click();
  await page.getByLabel('Theme 1', { exact: true }).fill('Changes at the seams between layers, often configuration code.');
  await page.getByRole('button', { name: 'Add a next step' }).click();
  await page.getByLabel('Next step 1', { exact: true }).fill('Post-deploy checks that simulate real queries, with automatic rollback.');
  await page.getByLabel('Owner', { exact: true }).fill('Platform');
  await page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();

  await page.reload();
  assert.equal(await page.getByLabel('Summary of DNS lookups slow or failing').inputValue(), 'Route53 trouble in one AZ; on-call moved instances out within the hour.');
  assert.equal(await page.getByLabel('Theme 1', { exact: true }).inputValue(), 'Changes at the seams between layers, often configuration code.');
  assert.equal(await page.getByLabel('Owner', { exact: true }).inputValue(), 'Platform');

  // The pre-publish check reads what the meta-review adds: a host name in a public theme.
  await page.getByText('Nothing in the public version looks private.').waitFor();
  await page.getByLabel('Theme 1', { exact: true }).fill('Changes at the seams between layers, often configuration code on db-7.corp.');
  await page.getByRole('checkbox', { name: /Public \(may appear/ }).first().check();
  await page.getByText('Theme 1 — Host name', { exact: false }).waitFor();
  await page.getByLabel('Theme 1', { exact: true }).fill('Changes at the seams between layers, often configuration code.');
  await page.getByText('Nothing in the public version looks private.').waitFor();

  // The report opens from a file with JavaScript off and loads nothing.
  const report = await download(page, 'Internal report (HTML)');
  const read = await readOffline(app.browser, report, 'Three incidents in ten days');
  assert.ok(read.html.includes('Changes at the seams between layers'));
  assert.ok(read.html.includes('Self-change-caused'));
  assert.deepEqual(read.requests, [`file://${report}`]);
  assert.deepEqual(read.messages, []);

  // Deleting a covered review does not break the meta-review: its summary stays.
  await page.getByRole('link', { name: /all reviews/i }).click();
  await library.ready();
  await page.getByRole('button', { name: 'Delete “DNS lookups slow or failing”' }).click();
  await page.getByRole('link', { name: 'Three incidents in ten days' }).click();
  await page.getByText(/1 covered review was deleted from the workbook/).waitFor();
  assert.equal(await page.getByLabel('Summary of DNS lookups slow or failing').inputValue(), 'Route53 trouble in one AZ; on-call moved instances out within the hour.');
  await page.getByText('Covers 2 incidents.', { exact: false }).waitFor();
  await context.close();
});
