// Screenshots of chat triage over many channels and a long span: the channel picker with 148
// channels, rows naming their channel, two accounts called Alex, an unnamed integration,
// weak and likely author suggestions, the paste preview, a month of quiet gaps.
// Usage: node scripts/screenshots-chat.mjs [OUT_DIR]. Needs a release build in dist/.
import { mkdir } from 'node:fs/promises';
import { startServer } from '../tests/e2e/support/server.js';
import { launch } from '../tests/e2e/support/browser.js';
import { Library } from '../tests/e2e/support/app.js';
import { goTo } from '../tests/e2e/support/seed.js';
import { slackExport, ts } from '../tests/e2e/support/slack-export.js';

const out = process.argv[2] ?? 'bench-results/screens-chat';
await mkdir(out, { recursive: true });
const server = await startServer();
const browser = await launch();

const users = [
  { id: 'U01ALEXK', name: 'alex.kim', real_name: 'Alex' },
  { id: 'U02ALEXM', name: 'alex.m', real_name: 'Alex' },
  { id: 'U3', name: 'sam', real_name: 'Sam Okafor' },
  { id: 'U4', name: 'priya', real_name: 'Priya Raman' },
];
const start = new Date('2019-11-01T09:00:00Z');
const incident = [];
const ops = [];
// A month of sparse chat: a burst each morning, silence in between: hundreds of gaps.
for (let day = 0; day < 30; day++) {
  for (let i = 0; i < 12; i++) {
    const when = new Date(start.getTime() + day * 86400e3 + i * 40 * 60e3 * (1 + (i % 3)));
    const user = users[(day + i) % users.length].id;
    incident.push({ type: 'message', user, text: `day ${day + 1} note ${i}: checking ingest-${i % 5} heap`, ts: ts(when, i) });
  }
}
incident.unshift({ type: 'message', subtype: 'channel_join', user: 'U3', text: '<@U3> has joined the channel', ts: ts(new Date(start.getTime() - 60e3)) });
ops.push({ type: 'message', subtype: 'channel_join', user: 'U3', text: '<@U3> has joined the channel', ts: ts(new Date(start.getTime() - 60e3)) });
ops.push({ type: 'message', user: 'U02ALEXM', text: 'ops here, watching the queue', ts: ts(new Date(start.getTime() + 5 * 60e3)) });
ops.push({ type: 'message', bot_id: 'B0NONAME', text: 'QueueDepth above 10k', ts: ts(new Date(start.getTime() + 6 * 60e3)) });
const channels = { incident, ops };
for (let n = 0; n < 146; n++) channels[`team-${String(n).padStart(3, '0')}-standup`] = [{ type: 'message', user: 'U4', text: 'standup', ts: ts(new Date(start.getTime() + n * 1000)) }];
const EXPORT = slackExport(users, channels);

for (const scheme of ['light', 'dark']) {
  for (const [name, viewport] of [['wide', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
    const context = await browser.newContext({ viewport, colorScheme: scheme, timezoneId: 'UTC' });
    const page = await context.newPage();
    const library = new Library(page);
    await library.open(server.subPath);
    const editor = await library.createTitled('Ingest heap month');
    await editor.fill('Time zone', 'UTC');
    await editor.saved();
    // Namesakes in People: "Alex Kim" matches only by first name; "Priya Ramen" by spelling.
    await goTo(page, 'People');
    for (const person of ['Alex Kim', 'Priya Ramen']) {
      await page.getByRole('button', { name: 'Add person' }).click();
      await page.getByLabel('Name', { exact: true }).last().fill(person);
    }
    await editor.saved();
    await goTo(page, 'Chat transcript');
    await page.getByLabel('Import a chat file…').setInputFiles({ name: 'export.zip', mimeType: 'application/zip', buffer: EXPORT });
    await page.getByLabel('Find channels').fill('stand');
    await page.getByRole('button', { name: /Select the/ }).waitFor();
    await page.screenshot({ path: `${out}/picker-${name}-${scheme}.png`, fullPage: true });
    await page.locator('.channel-list').screenshot({ path: `${out}/picker-list-${name}-${scheme}.png` });
    await page.getByLabel('Find channels').fill('');
    await page.getByRole('checkbox', { name: /#incident/ }).check();
    await page.getByRole('checkbox', { name: /#ops/ }).check();
    await page.getByRole('button', { name: 'Import 2 channels' }).click();
    await page.locator('.message-row').first().waitFor();
    await page.locator('.message-row').nth(1).click();
    await page.getByText(/Authors: /).click();
    await page.screenshot({ path: `${out}/transcript-${name}-${scheme}.png`, fullPage: true });
    await page.locator('.triage-list').screenshot({ path: `${out}/rows-${name}-${scheme}.png` });
    await page.locator('.author-links').screenshot({ path: `${out}/authors-${name}-${scheme}.png` });
    await page.locator('.message-detail').screenshot({ path: `${out}/detail-${name}-${scheme}.png` });
    await page.getByText('Import another chat').click();
    await page.getByLabel('Or paste a chat log').fill('[2019-11-06 02:50:10] dana: paging the database on-call too\nsecond line\n[2019-11-06 02:52:00] erin: db looks healthy');
    await page.getByRole('button', { name: 'Read the pasted log' }).click();
    await page.getByRole('table', { name: 'How the first lines are read' }).waitFor();
    await page.getByRole('table', { name: 'How the first lines are read' }).scrollIntoViewIfNeeded();
    await page.getByRole('table', { name: 'How the first lines are read' }).screenshot({ path: `${out}/paste-${name}-${scheme}.png` });
    await goTo(page, 'Participation');
    await page.waitForTimeout(800);
    await page.screenshot({ path: `${out}/participation-${name}-${scheme}.png`, fullPage: true });
    await context.close();
  }
}
await browser.close();
await server.close();
console.log(`screenshots in ${out}`);
