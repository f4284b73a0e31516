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
