// A meta-review built through the UI from several reviews: coverage picked by hand, the
// taxonomy counted, the analyst's sections kept across a reload, a covered review deleted
// without breaking it, and its report opened from file:// with JavaScript off.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useApp } from './support/harness.js';
import { download, readOffline } from './support/app.js';
import { goTo, group } from './support/seed.js';

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
  const summary = page.getByLabel('Summary of #1 DNS lookups slow or failing (2020-07-28)', { exact: true });
  assert.equal(await summary.inputValue(), 'Route53 failed in one availability zone.');
  await summary.fill('Route53 trouble in one AZ; on-call moved instances out within the hour.');
  await page.getByRole('button', { name: 'Add a theme' }).click();
  await page.getByLabel('Theme 1', { exact: true }).fill('Changes at the seams between layers, often configuration code.');
  await page.getByRole('button', { name: 'Add a next step' }).click();
  await page.getByLabel('Next step 1', { exact: true }).fill('Post-deploy checks that simulate real queries, with automatic rollback.');
  await page.getByLabel('Owner', { exact: true }).fill('Platform');
  await page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();

  await page.reload();
  assert.equal(await page.getByLabel('Summary of #1 DNS lookups slow or failing (2020-07-28)', { exact: true }).inputValue(), 'Route53 trouble in one AZ; on-call moved instances out within the hour.');
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
  // Deleted, it is numbered after the two still covered, as in the report.
  assert.equal(await page.getByLabel('Summary of #3 DNS lookups slow or failing (2020-07-28)', { exact: true }).inputValue(), 'Route53 trouble in one AZ; on-call moved instances out within the hour.');
  await page.getByText('Covers 2 incidents.', { exact: false }).waitFor();
  await context.close();
});

// Three postmortems of one organisation under one heading, as published; two of them name the
// same engineer differently. Each incident is told apart by number and date wherever it is
// named, a trigger known but none of the three is counted apart from unknown, empty months
// keep their place, the two spellings are merged by hand and stay merged, and summaries no
// longer covered go together and come back with Undo.
const SAME_TITLE = 'Elevated API error rates';
const TWINS = [
  { start: '2020-07-28 03:10', trigger: 'Provider-caused', person: 'Sam Lee' },
  { start: '2020-08-03 11:00', trigger: 'Self-change-caused', person: 'S. Lee' },
  { start: '2020-10-06 16:30', trigger: 'Known, none of these', person: 'Rae Lin', sentence: "The API's TLS certificate expired; nothing had changed" },
];

async function enterTwin(page, library, twin) {
  const editor = await library.createTitled(SAME_TITLE);
  await editor.fill('Time zone', 'America/Los_Angeles');
  await editor.fill('Incident start', twin.start);
  await page.getByRole('radio', { name: new RegExp(`^${twin.trigger}`) }).check();
  if (twin.sentence) await editor.fill('Trigger, in a sentence', twin.sentence);
  await goTo(page, 'People');
  await page.getByRole('button', { name: 'Add person' }).click();
  await group(page, 'Person 1').getByLabel('Name', { exact: true }).fill(twin.person);
  await editor.saved();
  await editor.backToLibrary();
}

test('same-title incidents are told apart by number and date, and two spellings of one person are merged by hand', async () => {
  const { context, page, library } = await app.openLibrary({ timezoneId: 'America/Los_Angeles' });
  for (const twin of TWINS) await enterTwin(page, library, twin);

  await page.getByRole('button', { name: 'New meta-review' }).click();
  await page.getByText('Meta-review', { exact: true }).waitFor();
  await page.getByLabel('Title').fill('One heading, three incidents');
  await page.getByLabel('Count days and hours in').fill('America/Los_Angeles');
  await page.getByLabel('Count days and hours in').press('Tab');
  const picker = page.getByRole('group', { name: 'Pick reviews by hand' });
  for (const date of ['2020-07-28', '2020-08-03', '2020-10-06']) {
    await picker.getByRole('checkbox', { name: new RegExp(`${SAME_TITLE} \\(${date}\\)`) }).check();
  }
  await page.getByText('Covers 3 incidents.').waitFor();

  // The trigger known but none of the three is its own row, apart from Unknown.
  const triggers = page.getByRole('table', { name: 'What triggered them' });
  const knownOther = triggers.getByRole('row', { name: /^Known, none of these/ });
  assert.match(await knownOther.textContent(), /33%\s*1 incident/);
  assert.match(await triggers.getByRole('row', { name: /^Unknown/ }).textContent(), /0%\s*0 incidents/);
  await knownOther.getByText('1 incident').click();
  await knownOther.getByRole('link', { name: `#3 ${SAME_TITLE} (2020-10-06)`, exact: true }).waitFor();

  // September had none, and still has its row.
  const months = page.getByRole('table', { name: 'Incidents by month' });
  assert.deepEqual(await months.locator('tbody th').allTextContents(), ['2020-07', '2020-08', '2020-09', '2020-10']);
  assert.match(await months.getByRole('row', { name: /^2020-09/ }).textContent(), /0%\s*0 incidents/);

  // "Not known for" says which: no review has an impact window.
  const durations = page.getByRole('table', { name: /How long they took/ });
  const detect = durations.getByRole('row', { name: /^Time to detect/ });
  await detect.getByText('3 incidents').click();
  for (const label of [`#1 ${SAME_TITLE} (2020-07-28)`, `#2 ${SAME_TITLE} (2020-08-03)`, `#3 ${SAME_TITLE} (2020-10-06)`]) {
    await detect.getByRole('link', { name: label, exact: true }).waitFor();
    await page.getByLabel(`Summary of ${label}`, { exact: true }).waitFor();
  }

  // A theme seen in one of them, picked by its label.
  await page.getByRole('button', { name: 'Add a theme' }).click();
  await page.getByLabel('Theme 1', { exact: true }).fill('Certificates nobody owned.');
  await page.getByRole('group', { name: 'Seen in' }).getByRole('checkbox', { name: `#3 ${SAME_TITLE} (2020-10-06)`, exact: true }).check();

  // Merging needs two names; one is refused in plain words and changes nothing.
  const same = page.getByRole('group', { name: 'Same person, different spellings' });
  await same.getByRole('checkbox', { name: /^Sam Lee/ }).check();
  await same.getByRole('button', { name: 'Count the ticked names as one person' }).click();
  await same.getByRole('alert').filter({ hasText: 'Choose at least two different names' }).waitFor();
  await same.getByRole('checkbox', { name: /^S\. Lee/ }).check();
  await same.getByRole('button', { name: 'Count the ticked names as one person' }).click();
  const people = page.getByRole('table', { name: 'People in more than one incident' });
  const sam = people.getByRole('row', { name: /^Sam Lee/ });
  assert.match(await sam.textContent(), /also spelled S\. Lee\s*2/);
  await page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();

  // The merge is part of the meta-review: it is there after a reload.
  await page.reload();
  assert.match(await people.getByRole('row', { name: /^Sam Lee/ }).textContent(), /also spelled S\. Lee/);
  await page.getByRole('button', { name: 'Count Sam Lee, S. Lee apart again' }).waitFor();
  assert.equal(await page.getByRole('group', { name: 'Seen in' }).getByRole('checkbox', { name: `#3 ${SAME_TITLE} (2020-10-06)`, exact: true }).isChecked(), true);

  // Two summaries no longer covered go with one click, and come back with Undo.
  await page.getByLabel(`Summary of #2 ${SAME_TITLE} (2020-08-03)`, { exact: true }).fill('Our own deploy; the analyst wrote this.');
  for (const date of ['2020-08-03', '2020-10-06']) {
    await picker.getByRole('checkbox', { name: new RegExp(`${SAME_TITLE} \\(${date}\\)`) }).uncheck();
  }
  await page.getByText('Covers 1 incident.').waitFor();
  await page.getByRole('button', { name: 'Remove all 2 summaries no longer covered' }).click();
  await page.getByText('Removed 2 summaries no longer covered.').waitFor();
  assert.equal(await page.getByLabel(`Summary of ${SAME_TITLE} (2020-08-03)`, { exact: true }).count(), 0);
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.equal(await page.getByLabel(`Summary of ${SAME_TITLE} (2020-08-03)`, { exact: true }).inputValue(), 'Our own deploy; the analyst wrote this.');
  await page.getByRole('button', { name: `Remove the summary of ${SAME_TITLE} (2020-10-06)`, exact: true }).waitFor();

  // The report names them the same way.
  for (const date of ['2020-08-03', '2020-10-06']) {
    await picker.getByRole('checkbox', { name: new RegExp(`${SAME_TITLE} \\(${date}\\)`) }).check();
  }
  await page.getByText('Covers 3 incidents.').waitFor();
  const report = await download(page, 'Internal report (HTML)');
  const read = await readOffline(app.browser, report, 'One heading, three incidents');
  for (const label of [`#1 ${SAME_TITLE} (2020-07-28)`, `#2 ${SAME_TITLE} (2020-08-03)`, `#3 ${SAME_TITLE} (2020-10-06)`]) {
    assert.ok(read.html.includes(`<h3>${label}</h3>`), label);
  }
  assert.ok(read.html.includes("Known, none of these · The API's TLS certificate expired; nothing had changed"));
  await context.close();
});
