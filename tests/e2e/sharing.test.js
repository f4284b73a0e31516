// Reports, share links, backups and imports: what travels between people and browsers.
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { useApp } from './support/harness.js';
import { Library, download, readOffline } from './support/app.js';
import { goTo, group } from './support/seed.js';

const app = useApp();

async function reviewWithSecrets(library, page) {
  const editor = await library.createTitled('Expired certificate on the edge proxy');
  await editor.fill('Summary', 'The certificate for edge-7.corp.internal expired on Sunday.');
  await goTo(page, 'Timeline');
  const entry = page.getByRole('group', { name: 'Add an event' });
  await entry.getByLabel('When', { exact: true }).fill('2024-03-03 09:00 UTC');
  await entry.getByLabel('Who', { exact: true }).fill('Priya Secretname');
  await entry.getByLabel('What happened', { exact: true }).fill('INTERNAL-CANARY paged about TLS errors');
  await entry.getByLabel('What happened', { exact: true }).press('Enter');
  await editor.saved();
  return editor;
}

test('the public report drops internal entries, opens without script from a file, and imports back', async () => {
  const { context, page, library } = await app.openLibrary();
  const editor = await reviewWithSecrets(library, page);
  await goTo(page, 'Share');
  // The pre-publish check names what would still look private.
  await page.getByText(/edge-7\.corp\.internal/).first().waitFor();
  await page.getByRole('button', { name: 'Add redaction' }).click();
  await page.getByLabel('Redaction 1: term').fill('edge-7.corp.internal');
  await page.getByLabel('Redaction 1: replacement').fill('an edge proxy');
  await page.getByText('Nothing in the public version looks private.').waitFor();
  await editor.saved();

  const publicReport = await download(page, 'Public report (HTML)');
  const html = await readFile(publicReport, 'utf8');
  assert.ok(!html.includes('INTERNAL-CANARY'), 'internal event left out');
  assert.ok(!html.includes('Priya Secretname'), 'names replaced by roles');
  assert.ok(!html.includes('edge-7.corp.internal'), 'redaction applied');
  assert.match(html, /Content-Security-Policy/);

  const internalReport = await download(page, 'Internal report (HTML)');
  // Each report opens from file:// with JavaScript off: content there, nothing fetched,
  // nothing logged.
  for (const [report, expected] of [[publicReport, 'an edge proxy'], [internalReport, 'INTERNAL-CANARY']]) {
    const read = await readOffline(app.browser, report, 'Expired certificate on the edge proxy');
    assert.ok(read.html.includes(expected), expected);
    assert.deepEqual(read.requests, [`file://${report}`]);
    assert.deepEqual(read.messages, []);
  }

  // The internal report carries the whole review: dropped onto a fresh workbook, it comes
  // back identical.
  const original = await readFile(await download(page, 'Review as JSON'), 'utf8');
  const other = await app.newPage();
  const otherLibrary = new Library(other.page);
  await otherLibrary.open(app.server.subPath);
  const dropped = await other.page.evaluateHandle(
    ({ name, text }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], name, { type: 'text/html' }));
      return transfer;
    },
    { name: 'report.html', text: await readFile(internalReport, 'utf8') },
  );
  await other.page.dispatchEvent('main', 'drop', { dataTransfer: dropped });
  await other.page.getByText(/Imported 1 review/).waitFor();
  await otherLibrary.link('Expired certificate on the edge proxy').click();
  await other.page.getByLabel('Summary', { exact: true }).waitFor();
  const [copy] = await Promise.all([
    other.page.waitForEvent('download'),
    other.page.getByRole('button', { name: 'Download JSON' }).click(),
  ]);
  const dir = await mkdtemp(join(tmpdir(), 'debrief-'));
  await copy.saveAs(join(dir, 'copy.json'));
  assert.equal(await readFile(join(dir, 'copy.json'), 'utf8'), original);
  await other.context.close();
  await context.close();
});

test('a share link opens a read-only preview that can be saved', async () => {
  const { context, page, library } = await app.openLibrary();
  await reviewWithSecrets(library, page);
  await goTo(page, 'Share');
  await page.getByRole('button', { name: 'Create link' }).click();
  const link = await page.getByLabel('Link', { exact: true }).inputValue();
  assert.match(link, /#\/shared\//);
  assert.ok(!link.includes('INTERNAL-CANARY'));

  const friend = await app.newPage();
  await friend.page.goto(link);
  await friend.page.getByText(/was shared with you/).waitFor();
  const preview = friend.page.frameLocator('iframe.shared-preview');
  await preview.getByRole('heading', { name: 'Expired certificate on the edge proxy' }).first().waitFor();
  await friend.page.getByRole('button', { name: 'Save to my workbook' }).click();
  await friend.page.getByText('Saved “Expired certificate on the edge proxy” to this workbook.').waitFor();
  // Saved twice, the same review asks before it replaces anything.
  await friend.page.getByRole('button', { name: 'Save to my workbook' }).click();
  await friend.page.getByText(/is already in this workbook/).waitFor();
  // Answered and left in one go: the library is another module, so leaving reloads the
  // page, and the reload waits for the answer's write to commit.
  await friend.page.evaluate(() => {
    const byText = (selector, text) => [...document.querySelectorAll(selector)].find((el) => el.textContent.trim() === text);
    byText('button', 'Keep both').click();
    byText('a', 'Go to my reviews').click();
  });
  const friendsLibrary = new Library(friend.page);
  await friendsLibrary.link('Expired certificate on the edge proxy').waitFor();
  assert.equal(await friendsLibrary.link('Expired certificate on the edge proxy').count(), 1);
  assert.equal(await friend.page.getByRole('link', { name: /\(imported\)$/ }).count(), 1, 'the copy kept');

  await friend.page.goto(`${app.server.subPath}#/shared/not-a-real-link`);
  await friend.page.getByRole('heading', { name: 'This link cannot be opened' }).waitFor();
  await friend.context.close();
  await context.close();
});

test('a backup restores into another browser, and a clash asks before replacing', async () => {
  const { context, page, library } = await app.openLibrary();
  for (const title of ['First incident', 'Second incident']) {
    const editor = await library.createTitled(title);
    await editor.backToLibrary();
  }
  const backup = await download(page, 'Download a backup of all reviews');
  // Importing the same backup into the same workbook clashes on both reviews.
  await page.locator('input[type=file]').setInputFiles(backup);
  await page.getByText(/2 already in this workbook need your choice/).waitFor();
  await page.getByRole('button', { name: 'Keep both', exact: true }).click();
  await page.getByRole('button', { name: 'Skip it' }).click();
  assert.equal(await page.getByRole('link', { name: /\(imported\)$/ }).count(), 1);

  // A file that is not Debrief's changes nothing and says why.
  const dir = await mkdtemp(join(tmpdir(), 'debrief-'));
  const junk = join(dir, 'notes.json');
  await writeFile(junk, '{"hello": "world"}');
  await page.locator('input[type=file]').setInputFiles(junk);
  await page.getByText(/“notes.json” was not imported\. This is JSON, but not a Debrief document/).waitFor();
  assert.equal(await page.locator('.review-list tbody tr').count(), 3);
  await context.close();
});

test('initials, organisations and redacted titles read right in public, and a replacement can be kept as written', async () => {
  const { context, page, library } = await app.openLibrary();
  const editor = await library.createTitled('Globex checkout errors');
  await editor.fill('Summary', 'AN saw the error rate coincide with an update. Microsoft confirmed a regional fault. AN was the storage responder.');
  await goTo(page, 'People');
  // As an attendee list gives them: initials, and a provider that acted in the incident.
  await page.getByRole('button', { name: 'Add person' }).click();
  await group(page, 'Person 1').getByLabel('Name', { exact: true }).fill('AN');
  await page.getByRole('button', { name: 'Add person' }).click();
  await group(page, 'Person 2').getByLabel('Name', { exact: true }).fill('Microsoft');
  await group(page, 'Microsoft').getByLabel('What it is').selectOption({ label: 'Organisation or provider' });
  await group(page, 'Microsoft').getByLabel('Keep its name out of the public report').waitFor();
  await page.getByText('Also involved: Microsoft (organisation or provider, 0 events).').waitFor();

  await goTo(page, 'Share');
  await page.getByRole('button', { name: 'Add redaction' }).click();
  await page.getByLabel('Redaction 1: term').fill('Globex');
  await page.getByLabel('Redaction 1: replacement').fill('a retailer');
  const replaced = page.getByRole('region', { name: /What the public version replaces/ });
  await replaced.getByText('→ “Engineer A”').first().waitFor();
  // Every replacement in its sentence; the provider keeps its name and is not listed.
  assert.equal(await replaced.getByRole('listitem').filter({ hasText: 'Microsoft' }).count(), 0);
  await replaced.getByRole('button', { name: 'Keep “AN” as written in: AN saw the error rate coincide with an update.' }).click();
  await replaced.getByRole('button', { name: 'Replace “AN” in: AN saw the error rate coincide with an update.' }).waitFor();
  await editor.saved();

  const report = await download(page, 'Public report (HTML)');
  // Named from the public title: the customer's name is not in the attachment's name.
  assert.match(report, /a-retailer-checkout-errors-public\.html$/);
  const html = await readFile(report, 'utf8');
  assert.ok(html.includes('AN saw the error rate coincide with an update.'), 'kept as written');
  assert.ok(html.includes('Microsoft confirmed a regional fault.'), 'an organisation keeps its name');
  assert.ok(html.includes('Engineer A was the storage responder.'), 'initials replaced elsewhere');
  assert.ok(!html.includes('Globex'), 'redacted everywhere');
  await context.close();
});
