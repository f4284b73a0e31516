// The incident channel into the workbook: a Slack export and a pasted log imported through
// the UI, messages turned into events (one, and several merged), seen on the timeline and
// in Participation, all still there after a reload, and none of it in the public report.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFile } from 'node:fs/promises';
import { useApp } from './support/harness.js';
import { download } from './support/app.js';
import { goTo } from './support/seed.js';
import { slackExport, ts } from './support/slack-export.js';

const app = useApp();

const at = (time) => new Date(`2019-11-06T${time}Z`);
const EXPORT = slackExport(
  [
    { id: 'U1', name: 'asmith', real_name: 'Alice Smith' },
    { id: 'U2', name: 'bob', real_name: 'Bob Okafor' },
    { id: 'U3', name: 'quietcarol', real_name: 'Carol Diaz' },
  ],
  {
    'incident-1106': [
      { type: 'message', subtype: 'channel_join', user: 'U1', text: '<@U1> has joined the channel', ts: ts(at('10:20:00')) },
      { type: 'message', subtype: 'bot_message', username: 'alertmanager', bot_id: 'B1', text: 'FIRING: IngestErrorRate above 2%', ts: ts(at('10:22:00')) },
      { type: 'message', user: 'U1', text: 'Ingest workers are restarting every few minutes', ts: ts(at('10:25:00')) },
      { type: 'message', user: 'U2', text: 'Heap graphs for <#C1|ingest> look like a leak, see <https://grafana.example.com/d/1|dashboard>', ts: ts(at('10:31:00')), thread_ts: ts(at('10:25:00')) },
      { type: 'message', user: 'U1', text: 'Rolling back build 4412 now', ts: ts(at('10:40:00')) },
      { type: 'message', subtype: 'channel_join', user: 'U3', text: '<@U3> has joined the channel', ts: ts(at('10:45:00')) },
    ],
    random: [{ type: 'message', user: 'U2', text: 'lunch?', ts: ts(at('12:00:00')) }],
  },
);

const PASTED = [
  '[2019-11-06 02:50:10] dana: paging the database on-call too',
  'second line of the same message',
  '[2019-11-06 02:52:00] erin: db looks healthy',
].join('\n');

async function newIncident(page, library) {
  const editor = await library.createTitled('Ingest brownouts');
  await editor.fill('Time zone', 'America/Los_Angeles');
  await editor.fill('Incident start', '2019-11-06 02:20');
  await editor.saved();
  return editor;
}

test('a Slack export and a pasted log become timeline events, survive a reload and stay out of the public report', async () => {
  const { context, page, library } = await app.openLibrary({ timezoneId: 'America/Los_Angeles' });
  await newIncident(page, library);
  await goTo(page, 'Chat transcript');

  // The export: only the picked channel is read.
  await page.getByLabel('Import a chat file…').setInputFiles({ name: 'slack-export.zip', mimeType: 'application/zip', buffer: EXPORT });
  await page.getByRole('checkbox', { name: /#incident-1106/ }).check();
  await page.getByRole('button', { name: 'Import 1 channel' }).click();
  await page.getByText(/Imported 6 messages from Slack export, #incident-1106/).waitFor();

  // The pasted log: shape detected, the second line kept as a continuation.
  await page.getByText('Import another chat').click();
  await page.getByLabel('Or paste a chat log').fill(PASTED);
  await page.getByRole('button', { name: 'Read the pasted log' }).click();
  await page.getByRole('table', { name: 'How the first lines are read' }).getByText('↳ second line of the same message').waitFor();
  await page.getByRole('button', { name: 'Import the log' }).click();
  await page.getByText(/Imported 2 messages from pasted chat log/).waitFor();
  await page.getByText('8 messages, in time order.').waitFor();

  // Authors are offered, never linked on their own: link Alice by her suggestion.
  await page.getByText(/Authors: 6, 0 linked to People/).click();
  await page.getByRole('button', { name: 'Add “Alice Smith” to People' }).click();
  await page.getByText(/Authors: 6, 1 linked to People/).waitFor();

  const list = page.getByRole('listbox', { name: 'Transcript messages' });
  // One message, one event.
  await list.getByRole('option', { name: /Rolling back build 4412/ }).click();
  await page.getByRole('button', { name: 'Add as event' }).click();
  await page.getByText('Added an event to the timeline.', { exact: false }).waitFor();
  await list.getByRole('option', { name: /Rolling back build 4412/ }).getByText('on the timeline').waitFor();
  // Two messages, merged into one event.
  await list.getByRole('option', { name: /restarting every few minutes/ }).click();
  await list.getByRole('option', { name: /look like a leak/ }).click();
  await page.getByRole('button', { name: 'Merge 2 into one event' }).click();
  await page.getByText('Merged 2 messages into one event', { exact: false }).waitFor();

  await goTo(page, 'Timeline');
  await page.getByText('2 events, in time order.').waitFor();
  await page.locator('.event-row').getByText('Rolling back build 4412 now').waitFor();

  await goTo(page, 'Participation');
  await page.getByRole('img', { name: /Participation: Ingest brownouts/ }).waitFor();
  await page.getByRole('row', { name: /Carol Diaz.*joined, never wrote/ }).waitFor();
  await page.getByRole('img', { name: /Messages by weekday and hour/ }).waitFor();

  // Everything is still there after a reload.
  await page.reload();
  await goTo(page, 'Chat transcript');
  await page.getByText('8 messages, in time order.').waitFor();
  await list.getByRole('option', { name: /Rolling back build 4412/ }).getByText('on the timeline').waitFor();
  await page.getByText(/Authors: 6, 1 linked to People/).click();
  assert.equal(await page.getByLabel('Person for Alice Smith').locator('option:checked').textContent(), 'Alice Smith');

  // The public report carries no transcript text, not even the promoted (internal) events.
  await goTo(page, 'Share');
  const publicReport = await readFile(await download(page, 'Public report (HTML)'), 'utf8');
  for (const words of ['Bob Okafor', 'Rolling back build 4412', 'restarting every few minutes', 'IngestErrorRate', 'paging the database', 'lunch?', 'incident-1106']) {
    assert.ok(!publicReport.includes(words), `the public report must not contain “${words}”`);
  }
  const internalReport = await readFile(await download(page, 'Internal report (HTML)'), 'utf8');
  assert.ok(internalReport.includes('Rolling back build 4412'), 'the internal report has the promoted event');
  assert.ok(internalReport.includes('Participation: Ingest brownouts'), 'the internal report draws participation');
  assert.ok(!internalReport.includes('lunch?'), 'message texts stay out of every report');
  await context.close();
});

test('messages can be triaged with the keyboard alone', async () => {
  const { context, page, library } = await app.openLibrary({ timezoneId: 'UTC' });
  await library.createTitled('Keyboard triage');
  await goTo(page, 'Chat transcript');
  const log = [
    '2019-11-06T14:00:00Z alice: the deploy finished',
    '2019-11-06T14:01:00Z bob: error rate is climbing',
    '2019-11-06T14:02:00Z alice: rolling back',
    '2019-11-06T14:03:00Z carol: errors are gone',
  ].join('\n');
  await page.getByLabel('Or paste a chat log').fill(log);
  await page.getByRole('button', { name: 'Read the pasted log' }).click();
  await page.getByRole('button', { name: 'Import the log' }).click();
  await page.getByText('4 messages, in time order.').waitFor();

  const list = page.getByRole('listbox', { name: 'Transcript messages' });
  await list.focus();
  // The first message is current; Enter adds it as an event.
  await page.keyboard.press('Enter');
  await page.getByText('Added an event to the timeline.', { exact: false }).waitFor();
  // Down twice, select, down, select, Shift+Enter merges the two.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Space');
  assert.equal(await list.getByRole('option', { selected: true }).count(), 2);
  await page.keyboard.press('Shift+Enter');
  await page.getByText('Merged 2 messages into one event', { exact: false }).waitFor();
  await goTo(page, 'Timeline');
  await page.getByText('2 events, in time order.').waitFor();
  await page.locator('.event-row').getByText('bob: error rate is climbing', { exact: false }).waitFor();
  // The event leads back to the messages it was made from.
  await page.locator('.event-row').filter({ hasText: 'bob: error rate' }).getByRole('button', { name: /edit/i }).click();
  await page.getByText('Made from 2 chat messages.').waitFor();
  await page.getByRole('button', { name: 'Show in the chat transcript' }).click();
  await list.getByRole('option', { selected: true }).first().waitFor();
  assert.equal(await list.getByRole('option', { selected: true }).count(), 2);

  // Transcripts live apart from the review: saved as a file, they come back into another one.
  const saved = await download(page, 'Download them (JSON)');
  await page.getByRole('link', { name: /all reviews/i }).click();
  await library.createTitled('Same incident, second look');
  await goTo(page, 'Chat transcript');
  await page.getByLabel('Import a chat file…').setInputFiles(saved);
  await page.getByRole('button', { name: 'Restore 1 transcript' }).click();
  await page.getByText('Restored 1 transcript.').waitFor();
  await page.getByText('4 messages, in time order.').waitFor();
  await context.close();
});

// Two channels of one export, as an incident spreads: the same person joins both, two
// accounts share the display name "Alex", and an alert fires in one channel.
const TWO_CHANNELS = slackExport(
  [
    { id: 'U01ALEXK', name: 'alex.kim', real_name: 'Alex' },
    { id: 'U02ALEXM', name: 'alex.m', real_name: 'Alex' },
    { id: 'U3', name: 'sam', real_name: 'Sam Okafor' },
  ],
  {
    incident: [
      { type: 'message', subtype: 'channel_join', user: 'U3', text: '<@U3> has joined the channel', ts: ts(at('10:00:00')) },
      { type: 'message', user: 'U01ALEXK', text: 'ingest-3 is out of memory', ts: ts(at('10:01:00')) },
      { type: 'message', subtype: 'bot_message', username: 'alertmanager', bot_id: 'B1', text: 'FIRING: MemoryHigh ingest-3', ts: ts(at('10:02:00')) },
      { type: 'message', user: 'U3', text: 'restarting ingest-3', ts: ts(at('10:03:00')) },
    ],
    ops: [
      { type: 'message', subtype: 'channel_join', user: 'U3', text: '<@U3> has joined the channel', ts: ts(at('10:00:00')) },
      { type: 'message', user: 'U02ALEXM', text: 'ops here, watching the queue', ts: ts(at('10:04:00')) },
    ],
  },
);

async function importBothChannels(page) {
  await page.getByLabel('Import a chat file…').setInputFiles({ name: 'two-channels.zip', mimeType: 'application/zip', buffer: TWO_CHANNELS });
  // The picker's tools: narrow to one, then pick all.
  await page.getByLabel('Find channels').fill('op');
  await page.getByText('0 of 2 selected; 1 match.').waitFor();
  await page.getByRole('button', { name: 'Select the 1 shown' }).click();
  await page.getByLabel('Find channels').fill('');
  await page.getByRole('button', { name: 'Select all' }).click();
  await page.getByText('2 of 2 selected.').waitFor();
  await page.getByRole('button', { name: 'Import 2 channels' }).click();
  await page.getByText(/Imported 6 messages from Slack export, #incident, #ops/).waitFor();
}

test('Enter acts on the current row the filter shows, never on one it hides', async () => {
  const { context, page, library } = await app.openLibrary({ timezoneId: 'UTC' });
  await library.createTitled('Hidden current row');
  await goTo(page, 'Chat transcript');
  await importBothChannels(page);
  const list = page.getByRole('listbox', { name: 'Transcript messages' });
  // Open the alert (it becomes current and selected), then show people's messages only.
  await list.getByRole('option', { name: /FIRING: MemoryHigh/ }).click();
  await page.getByLabel('Show', { exact: true }).selectOption({ label: "People's messages" });
  await page.getByText(/Showing 3 of 6 messages\. 1 more selected but hidden by the filter/).waitFor();
  assert.equal(await list.getByRole('option', { name: /FIRING/ }).count(), 0);
  // The current row moved to a shown one, and the list says which.
  const current = await list.getAttribute('aria-activedescendant');
  assert.ok(current, 'the list names its current row');
  const row = page.locator(`#${current}`);
  assert.equal(await row.getAttribute('role'), 'option');
  assert.match(await row.textContent(), /restarting ingest-3/);
  await page.getByRole('heading', { name: 'Message', exact: true }).locator('..').getByText('restarting ingest-3').waitFor();
  await list.focus();
  await page.keyboard.press('Enter');
  await page.getByText('Added an event to the timeline.', { exact: false }).waitFor();
  await list.getByRole('option', { name: /restarting ingest-3/ }).getByText('on the timeline').waitFor();
  // The hidden alert was not added, and is still selected for when it shows again.
  await page.getByLabel('Show', { exact: true }).selectOption({ label: 'Everything' });
  assert.equal(await list.getByRole('option', { name: /FIRING/ }).getByText('on the timeline').count(), 0);
  assert.equal(await list.getByRole('option', { name: /FIRING/, selected: true }).count(), 1);
  await context.close();
});

test('messages from several channels keep their channel, and two accounts named Alex stay two', async () => {
  const { context, page, library } = await app.openLibrary({ timezoneId: 'UTC' });
  await library.createTitled('Two channels');
  await goTo(page, 'Chat transcript');
  await importBothChannels(page);
  const list = page.getByRole('listbox', { name: 'Transcript messages' });
  // The same join in two channels: two rows, each naming its channel.
  await list.getByRole('option', { name: /Sam Okafor\s*#incident\s*joined/ }).waitFor();
  await list.getByRole('option', { name: /Sam Okafor\s*#ops\s*joined/ }).waitFor();
  await list.getByRole('option', { name: /watching the queue/ }).click();
  await page.getByText('#ops, in Slack export, #incident, #ops').waitFor();
  // Filter by channel.
  await page.getByLabel('Channel', { exact: true }).selectOption('ops');
  await page.getByText('Showing 2 of 6 messages.').waitFor();
  await page.getByLabel('Channel', { exact: true }).selectOption('');
  // Two authors, told apart by their ids, linked apart.
  await page.getByLabel('Author', { exact: true }).selectOption({ label: 'Alex (U02ALEXM)' });
  await page.getByText('Showing 1 of 6 messages.').waitFor();
  await page.getByText(/Authors: 4, 0 linked to People/).click();
  await page.getByRole('button', { name: 'Add “Alex (U01ALEXK)” to People' }).click();
  await page.getByText(/Authors: 4, 1 linked to People/).waitFor();
  assert.equal(await page.getByLabel('Person for Alex (U02ALEXM)').locator('option:checked').textContent(), 'Not linked');
  // An alert source Debrief did not recognise is marked by hand, and counted as alerts.
  const sam = page.getByLabel('Sam Okafor is a bot or alert source');
  await sam.check();
  await page.getByLabel('Author', { exact: true }).selectOption('');
  await page.getByLabel('Show', { exact: true }).selectOption({ label: 'Alerts and bots' });
  await list.getByRole('option', { name: /restarting ingest-3/ }).waitFor();
  await page.reload();
  await goTo(page, 'Chat transcript');
  await page.getByText(/Authors: 4, 1 linked to People/).click();
  assert.equal(await page.getByLabel('Sam Okafor is a bot or alert source').isChecked(), true);
  await context.close();
});
