// Hosting: deep links under a GitHub Pages-style sub-path, and nothing loaded from elsewhere.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useApp } from './support/harness.js';
import { Editor, Library } from './support/app.js';

const app = useApp();

test('a deep link to a review works under a sub-path', async () => {
  const { context, page, library } = await app.openLibrary();
  const editor = await library.createTitled('Deep-linked review');
  const link = page.url();
  assert.match(link, /\/debrief\/#\/review\/[a-z0-9]+$/);

  const fresh = await context.newPage();
  const failures = [];
  fresh.on('response', (response) => {
    if (response.status() >= 400) failures.push(`${response.status()} ${response.url()}`);
  });
  await fresh.goto(link);
  const freshEditor = new Editor(fresh);
  await freshEditor.ready();
  await freshEditor.expectValue('Title', 'Deep-linked review');
  assert.equal(await fresh.title(), 'Overview · Deep-linked review · Debrief');
  // Sections have their own addresses too.
  await fresh.goto(`${link}/timeline`);
  await fresh.getByRole('heading', { name: 'Timeline', exact: true }).waitFor();
  assert.equal(await fresh.title(), 'Timeline · Deep-linked review · Debrief');
  assert.deepEqual(failures, []);
  await context.close();
});

test('a link to a review this browser does not have explains itself', async () => {
  const { context, page } = await app.newPage();
  await page.goto(`${app.server.subPath}#/review/does-not-exist`);
  await page.getByRole('heading', { name: 'This review cannot be opened' }).waitFor();
  await page.getByText(/no review with this address in this browser/).waitFor();
  await page.getByRole('link', { name: 'Back to all reviews' }).click();
  await new Library(page).ready();
  await page.goto(`${app.server.subPath}#/nonsense/path`);
  await page.getByRole('heading', { name: 'Nothing here' }).waitFor();
  await context.close();
});

test('the app loads nothing from any other origin', async () => {
  const { context, page } = await app.newPage();
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  await new Library(page).open(app.server.subPath);
  await new Library(page).createTitled('Offline check');
  const foreign = requests.filter((url) => !url.startsWith(app.server.origin) && !url.startsWith('blob:'));
  assert.deepEqual(foreign, []);
  await context.close();
});
