// Honeycomb's "Running Dry on Memory Without Noticing" (November 2019), entered through the
// UI the way an analyst would. Names are invented; times follow the report's outline. Used by
// the seed-incident scenario and by scripts/screenshots.mjs.

export const EVENTS = [
  // [as typed, text, kind, who, key] — two times typed in other zones on purpose.
  ['2019-11-06 11:25 CET', 'SLO burn alert fires; not set to page, seen by an engineer travelling in Europe', 'Alert', 'Elena', true],
  ['02:40', 'Errors are spread evenly across all ingest workers', 'Observation', 'Elena', false],
  ['2019-11-06T10:55Z', 'Elena wakes the US on-call engineer', 'Escalation', 'Elena', true],
  ['03:00', 'Asks publicly whether others see network issues on AWS', 'Hypothesis', 'Elena', false],
  ['03:30', 'Decide to wait and see overnight and let the on-call sleep', 'Decision', 'Sam', false],
  ['03:45', 'Support ticket filed with AWS about the load balancers', 'Action', 'Elena', false],
  ['07:30', 'US team awake; considering a switch back to classic load balancers', 'Communication', 'Sam', false],
  ['08:10', 'Fresh eyes: restarts and memory climbing at the same rate on every worker', 'Observation', 'Jordan', false],
  ['09:40', 'Bad commit reverted and fixed release deployed', 'Mitigation', 'Jordan', true],
  ['10:30', 'Memory flat, no further crashes', 'Resolution', 'Jordan', true],
];

export async function goTo(page, section) {
  const link = page.getByRole('navigation', { name: 'Sections of this review' }).getByRole('link', { name: section, exact: true });
  await link.click();
  await link.and(page.locator('[aria-current="page"]')).waitFor();
}

export const group = (page, name) => page.getByRole('group', { name, exact: true });

async function fillIn(scope, label, value) {
  const field = scope.getByLabel(label, { exact: true });
  await field.fill(value);
  await field.press('Tab');
}

export async function enterIncident(page, library) {
  const editor = await library.createTitled('Running dry on memory without noticing');
  await editor.fill('Time zone', 'America/Los_Angeles');
  await editor.fill('Incident start', '2019-11-06 02:20');
  await editor.fill('Incident end', '10:30');
  await editor.fill('Summary', 'A slow memory leak crashed every ingest worker within minutes of each other, four times.');
  for (const [start, end] of [['02:20', '02:40'], ['04:10', '04:30'], ['05:50', '06:10'], ['07:40', '08:00']]) {
    await page.getByRole('button', { name: 'Add impact window' }).click();
    const window = page.locator('.impact-window').last();
    await fillIn(window, 'Start', start);
    await fillIn(window, 'End', end);
    await fillIn(window, 'What was affected', 'ingest API');
    await fillIn(window, 'How much', '1–3% of telemetry rejected');
  }
  await page.getByRole('radio', { name: /self-change-caused/i }).check();

  // Timeline, by quick entry: type, Enter, next.
  await goTo(page, 'Timeline');
  const entry = group(page, 'Add an event');
  for (const [when, text, kind, who] of EVENTS) {
    await entry.getByLabel('When', { exact: true }).fill(when);
    await entry.getByLabel('Kind', { exact: true }).selectOption({ label: kind });
    await entry.getByLabel('Who', { exact: true }).fill(who);
    await entry.getByLabel('What happened', { exact: true }).fill(text);
    await entry.getByLabel('What happened', { exact: true }).press('Enter');
    await page.getByRole('button', { name: `Edit event “${text.slice(0, 60)}${text.length > 60 ? '…' : ''}”` }).waitFor();
  }
  for (const [, text, , , key] of EVENTS) {
    if (!key) continue;
    await page.getByRole('button', { name: new RegExp(`^Edit event “${text.slice(0, 30)}`) }).click();
    await page.getByRole('checkbox', { name: /feeds the write-up/i }).check();
    await page.getByRole('button', { name: 'Done' }).click();
  }

  // People: the three named on the timeline exist already; add what the report tells.
  await goTo(page, 'People');
  const elena = page.getByRole('group', { name: 'Elena' });
  await fillIn(elena, 'Team', 'Platform');
  await fillIn(elena, 'Tenure (months)', '30');
  await fillIn(elena, 'Their time zone', 'Europe/Berlin');
  await elena.getByRole('checkbox', { name: 'Responder' }).check();
  const sam = page.getByRole('group', { name: 'Sam' });
  await fillIn(sam, 'Team', 'Platform');
  await fillIn(sam, 'On call for', 'ingest');
  await fillIn(sam, 'Their time zone', 'America/Los_Angeles');
  await sam.getByRole('checkbox', { name: 'On call' }).check();
  const jordan = page.getByRole('group', { name: 'Jordan' });
  await fillIn(jordan, 'Team', 'Storage');
  await fillIn(jordan, 'Tenure (months)', '7');
  await jordan.getByRole('checkbox', { name: 'Subject-matter expert' }).check();

  // Two hypotheses, one falsified.
  await goTo(page, 'Hypotheses');
  await page.getByRole('button', { name: 'Add hypothesis' }).click();
  const first = group(page, 'Hypothesis 1');
  await fillIn(first, 'Statement', 'The AWS load balancers are failing to reach our ingest workers');
  await fillIn(first, 'Raised by', 'Elena');
  await fillIn(first, 'When it was raised', '03:00');
  await fillIn(first, 'What would prove this wrong?', 'Workers crashing on their own while the load balancers are healthy');
  await first.getByRole('button', { name: 'Add evidence against hypothesis 1' }).click();
  await fillIn(first, 'What was seen', 'Memory rises at the same rate on every worker');
  await first.getByLabel('Status', { exact: true }).selectOption({ label: 'Falsified' });
  await fillIn(first, 'When the status changed', '08:10');
  await page.getByRole('button', { name: 'Add hypothesis' }).click();
  const second = group(page, 'Hypothesis 2');
  await fillIn(second, 'Statement', 'A memory leak in the upgraded compression library crashes the workers');
  await fillIn(second, 'Raised by', 'Jordan');
  await fillIn(second, 'When it was raised', '08:10');
  await second.getByLabel('Status', { exact: true }).selectOption({ label: 'Supported' });
  await fillIn(second, 'When the status changed', '09:40');

  await goTo(page, 'Contributing factors');
  for (const [description, category] of [
    ['SLO burn alerts did not page: the feature was still in beta', 'Observability'],
    ['One on-call rotation in one time zone, not following the sun', 'Process'],
    ['No release for hours made a code change seem an unlikely cause', 'Knowledge or expertise'],
    ['The process crash rate was not shown to people debugging', 'Observability'],
  ]) {
    await page.getByRole('button', { name: 'Add contributing factor' }).click();
    const factor = page.locator('.entry').last();
    await fillIn(factor, 'Description', description);
    await factor.getByLabel('Category', { exact: true }).selectOption({ label: category });
  }

  await goTo(page, 'Learnings');
  for (const [list, text] of [
    ['What went well', 'The SLO alert caught a brownout the end-to-end checks missed'],
    ['Where we got lucky', 'An engineer travelling in Europe happened to see the alert'],
    ['What was difficult or surprising', 'Telling a provider problem from our own with the dashboards we had'],
  ]) {
    await page.getByRole('button', { name: `Add to ${list}` }).click();
    await fillIn(page.getByRole('group', { name: new RegExp(`^Note 1 in ${list}`) }), 'Note', text);
  }

  await goTo(page, 'Interviews');
  await page.getByRole('button', { name: 'Add interview', exact: true }).click();
  const interview = page.locator('.entry.interview').last();
  await fillIn(interview, 'Participant', 'Sam');
  await fillIn(interview, 'Date of the interview', '2019-11-08');
  await interview.getByText('What normal looked like', { exact: true }).click();
  await fillIn(interview, 'Which signals tell you, day to day, that things are fine?', 'The ingest dashboards; alerts from the SLO feature were still new.');
  await interview.getByRole('button', { name: /add a quote/i }).click();
  await fillIn(interview, 'In their words', 'At three in the morning the provider story was the one that fit.');

  await goTo(page, 'Action items');
  for (const [description, kind, due, status] of [
    ['Show the process crash rate next to ingest errors', 'Detect', '2019-12-01', 'Open'],
    ['Make SLO burn alerts page the on-call engineer', 'Detect', '2019-11-20', 'Done'],
  ]) {
    await page.getByRole('button', { name: 'Add action item' }).click();
    const action = page.locator('.entry.action').last();
    await fillIn(action, 'Description', description);
    await fillIn(action, 'Owner', 'Platform');
    await fillIn(action, 'Due date', due);
    await action.getByLabel('Kind', { exact: true }).selectOption({ label: kind });
    await action.getByLabel('Status', { exact: true }).selectOption({ label: status });
  }
  await editor.saved();
  return editor;
}

