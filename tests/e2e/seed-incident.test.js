// A real published incident, entered entirely through the UI: Honeycomb's "Running Dry on
// Memory Without Noticing" (November 2019). Names are invented; times follow the report's
// outline (brownouts from about 02:20 Pacific, a fresh pair of eyes in the morning).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useApp } from './support/harness.js';
import { enterIncident, goTo, group } from './support/seed.js';

const app = useApp();

async function expectEverything(page) {
  // Timeline: in the incident's zone, typed zones converted, in time order.
  await goTo(page, 'Timeline');
  await page.getByText('10 events, in time order.').waitFor();
  const clocks = await page.locator('.event-row .clock').allTextContents();
  assert.deepEqual(clocks, ['02:25', '02:40', '02:55', '03:00', '03:30', '03:45', '07:30', '08:10', '09:40', '10:30']);
  assert.equal(await page.locator('.event-row .flag.key').count(), 4);
  await page.getByLabel('Show times in').selectOption({ label: 'UTC' });
  assert.equal(await page.locator('.event-row .clock').first().textContent(), '10:25');
  await page.getByLabel('Show times in').selectOption({ index: 0 });
  await page.getByRole('search', { name: 'Filter events' }).getByLabel('Person').selectOption({ label: 'Jordan' });
  await page.getByText('Showing 3 of 10 events.').waitFor();
  await page.getByRole('search', { name: 'Filter events' }).getByLabel('Person').selectOption({ label: 'Anyone' });
  // Zooming the visual timeline to the morning leaves the night's events out of the drawing.
  const desc = page.locator('.chart svg desc');
  await desc.waitFor({ state: 'attached' });
  const whole = await desc.textContent();
  const zoom = page.getByRole('group', { name: 'Zoom to a range' });
  await zoom.getByLabel('Show from').fill('07:00');
  await zoom.getByLabel('Show from').press('Tab');
  await zoom.getByLabel('Show until').fill('11:00');
  await zoom.getByLabel('Show until').press('Tab');
  await page.waitForFunction((before) => document.querySelector('.chart svg desc')?.textContent !== before, whole);
  assert.match(await desc.textContent(), /4 events/);
  await page.getByRole('button', { name: 'Whole incident' }).click();

  // People beside the metrics.
  await goTo(page, 'People');
  const metric = (name) => page.locator('.metric').filter({ has: page.getByText(name, { exact: true }) }).locator('.value');
  assert.equal(await metric('Time to detect').textContent(), '5 min');
  assert.equal(await metric('Time to declare').textContent(), '35 min');
  assert.equal(await metric('Time to mitigate').textContent(), '7 h 20 min');
  assert.equal(await metric('Time to resolve').textContent(), '8 h 10 min');
  const row = (name) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
  // Elena: 5 events, first at 02:25, 3 h 20 min active, none at night on her Berlin clock.
  assert.deepEqual(
    (await row('Elena').locator('td').allTextContents()).slice(0, 9),
    ['Responder', 'Platform', '2 yr 6 mo', '02:25 PST', '5', '1 h 20 min', '0', '0', '1'],
  );
  // Sam decided at 03:30 Pacific: that was his night.
  assert.equal(await row('Sam').locator('td').nth(6).textContent(), '1');
  await page.getByText('2 teams: Platform (2), Storage (1).').waitFor();

  await goTo(page, 'Hypotheses');
  await group(page, 'Hypothesis 1').getByText('Held for 5 h 10 min until it was marked falsified.').waitFor();
  await group(page, 'Hypothesis 2').getByText('Held for 1 h 30 min until it was marked supported.').waitFor();
  await page.getByText(/Time spent on hypotheses later falsified:\s*5 h 10 min/).waitFor();
  assert.equal(await group(page, 'Hypothesis 1').getByLabel('Raised by').inputValue(), 'Elena');

  await goTo(page, 'Contributing factors');
  await page.getByText('4 factors: 2 Observability, 1 Process, 1 Knowledge or expertise').waitFor();

  await goTo(page, 'Learnings');
  const notes = await page.locator('textarea').evaluateAll((areas) => areas.map((a) => a.value));
  for (const text of ['The SLO alert caught', 'An engineer travelling in Europe', 'Telling a provider problem']) {
    assert.equal(notes.filter((note) => note.startsWith(text)).length, 1, text);
  }

  await goTo(page, 'Interviews');
  await page.getByRole('heading', { name: 'Interview with Sam' }).waitFor();
  assert.equal(await page.getByLabel('Date of the interview').inputValue(), '2019-11-08');
  assert.equal(await page.getByLabel('In their words').inputValue(), 'At three in the morning the provider story was the one that fit.');

  await goTo(page, 'Action items');
  await page.getByText('The one open item is overdue.').waitFor();
  assert.equal(await page.locator('.entry.action .badge.overdue').count(), 1);
}

test('the memory-leak incident, entered through the UI, survives a reload with every derived figure', async () => {
  const { context, page, library } = await app.openLibrary({ timezoneId: 'America/New_York' });
  await enterIncident(page, library);
  await expectEverything(page);
  await page.reload();
  await page.getByRole('link', { name: /all reviews/i }).waitFor();
  await expectEverything(page);

  // The language check nudges where a phrase is typed and in the panel, and never blocks.
  await goTo(page, 'Overview');
  const summary = page.getByLabel('Summary', { exact: true });
  await summary.fill('We should have checked memory first. A slow leak crashed every worker.');
  await page.getByRole('list', { name: 'Language suggestions' }).getByText('should have').waitFor();
  await goTo(page, 'Language');
  await page.getByText('One phrase to look at.').waitFor();
  await page.getByRole('button', { name: /Keep “should have” in Summary as written/ }).click();
  await page.getByText('No phrases to look at.', { exact: false }).waitFor();
  await page.reload();
  await page.getByText('No phrases to look at.', { exact: false }).waitFor();
  await context.close();
});
