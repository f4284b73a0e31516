// One visit, then the network goes: the workbook opens, edits, imports and exports from the
// service worker's cache. A deploy behind an open tab is offered, never forced.
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { useApp } from './support/harness.js';
import { download } from './support/app.js';
import { goTo } from './support/seed.js';
import { DIST } from './support/server.js';

const app = useApp();

/** Records every Content-Security-Policy violation on the page, from its first script on. */
async function watchPolicy(context) {
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
}

const violations = (page) => page.evaluate(() => window.__violations);

/** Waits until the service worker controls the page, i.e. every file is in its cache. */
async function offlineReady(page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30_000 });
}

test('after one visit the workbook opens, edits, imports and exports with the network off', async () => {
  const { context, page, library } = await app.openLibrary();
  await watchPolicy(context);
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(policy, /default-src 'none'/);
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[^']+'/);
  assert.doesNotMatch(policy, /https?:|\*/, 'nothing from other origins');
  await offlineReady(page);
  const editor = await library.createTitled('Cache stampede after the config push');
  await editor.fill('Summary', 'Typed while online.');
  await editor.saved();

  await context.setOffline(true);
  assert.equal(await page.evaluate(() => navigator.onLine), false);
  await page.goto(app.server.subPath);
  await library.ready();
  await library.link('Cache stampede after the config push').click();
  await editor.ready();
  await editor.expectValue('Summary', 'Typed while online.');
  await editor.fill('Summary', 'Typed while online. And offline.');
  await editor.saved();

  // A chat log pasted in: the importer comes from the cache too.
  await goTo(page, 'Chat transcript');
  await page
    .getByLabel('Or paste a chat log')
    .fill('[2024-05-02 09:14:00] alice: the cache is cold\n[2024-05-02 09:15:30] bob: rolling back the push');
  await page.getByRole('button', { name: 'Read the pasted log' }).click();
  await page.getByRole('button', { name: 'Import the log' }).click();
  await page.getByText(/Imported 2 messages from pasted chat log/).waitFor();

  await goTo(page, 'Share');
  const report = await download(page, 'Internal report (HTML)');
  assert.match(await readFile(report, 'utf8'), /Typed while online\. And offline\./);

  // A share link is its own module (src/modules.rs): it comes from the cache as well.
  await page.getByRole('button', { name: 'Create link' }).click();
  const link = await page.getByLabel('Link', { exact: true }).inputValue();
  const preview = await context.newPage();
  await preview.goto(link);
  await preview.getByText(/was shared with you/).waitFor();
  await preview
    .frameLocator('iframe.shared-preview')
    .getByRole('heading', { name: 'Cache stampede after the config push' })
    .first()
    .waitFor();
  await preview.close();

  // Reloaded once more offline, the edit is there.
  await page.reload();
  await editor.ready();
  await goTo(page, 'Overview');
  await editor.expectValue('Summary', 'Typed while online. And offline.');
  assert.deepEqual(await violations(page), [], 'the policy blocked nothing the app needs');
  await context.close();
});

test('a new deploy behind an open tab is offered as a reload, and the reload takes it', async () => {
  const { context, page, library } = await app.openLibrary();
  await offlineReady(page);
  const editor = await library.createTitled('Pager storm during the failover');
  await editor.fill('Summary', 'Written before the deploy.');
  await editor.saved();
  const before = await page.evaluate(() => caches.keys());

  // The next build: same files but one, so a new version of the worker.
  const next = await mkdtemp(join(tmpdir(), 'debrief-deploy-'));
  await cp(DIST, next, { recursive: true });
  const worker = await readFile(join(next, 'sw.js'), 'utf8');
  await writeFile(join(next, 'sw.js'), worker.replace(/const VERSION = "([0-9a-f]+)"/, 'const VERSION = "$1-next"'));
  app.server.deploy(next);
  try {
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    const banner = page.getByRole('status').filter({ hasText: 'A new version of Debrief is ready.' });
    await banner.waitFor();
    // Nothing was swapped underneath: the open review is still the old version's, editable.
    await editor.fill('Summary', 'Written before the deploy, saved before the reload.');
    await editor.saved();
    await Promise.all([
      page.waitForEvent('load'),
      banner.getByRole('button', { name: 'Reload to update' }).click(),
    ]);
    await editor.ready();
    await editor.expectValue('Summary', 'Written before the deploy, saved before the reload.');
    const after = await page.evaluate(() => caches.keys());
    assert.notDeepEqual(after, before, 'the new version’s cache replaced the old one');
    assert.equal(after.length, 1);
    assert.equal(await banner.count(), 0);
  } finally {
    app.server.deploy(DIST);
    await context.close();
  }
});

test('a module that cannot be fetched says so in words, and which way out there is', async () => {
  const { context, page } = await app.newPage();
  // The whole app's wasm refused: the first visit is to a review, which only it draws.
  await context.route(/debrief-web-[0-9a-f]+_bg\.wasm$/, (route) => route.abort());
  await page.goto(`${app.server.subPath}#/review/nowhere`);
  await page.getByRole('alert').filter({ hasText: 'Debrief could not start this page: its code did not load.' }).waitFor();
  await page.getByRole('alert').filter({ hasText: 'Reload the page to try again.' }).waitFor();
  await context.close();
});
