// Two tabs of one browser editing the same review: neither silently overwrites the other.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useApp } from './support/harness.js';
import { Editor, editorInNewTab, Library } from './support/app.js';

const app = useApp();

test('an edit in another tab raises the conflict banner and nothing is lost', async () => {
  const { context, page: first, library } = await app.openLibrary();
  const firstEditor = await library.createTitled('Shared review');

  // The same person opens the review in a second tab (same context, same storage).
  const { page: second, editor: secondEditor } = await editorInNewTab(context, first.url());
  await secondEditor.expectValue('Title', 'Shared review');

  await secondEditor.fill('Summary', 'Written in the second tab.');
  await secondEditor.saved();

  // The first tab is told, keeps what it shows, and stops saving until asked.
  const banner = first.getByRole('alert').filter({ hasText: 'changed in another tab or window' });
  await banner.waitFor();
  await firstEditor.fill('Summary', 'Written in the first tab.');
  await first.getByRole('status').filter({ hasText: 'Saving paused' }).waitFor();
  await firstEditor.expectValue('Summary', 'Written in the first tab.');

  // Keeping the first tab's version writes it, and now the second tab is told.
  await banner.getByRole('button', { name: /keep this tab/i }).click();
  await firstEditor.saved();
  const secondBanner = second.getByRole('alert').filter({ hasText: 'changed in another tab or window' });
  await secondBanner.waitFor();
  await secondBanner.getByRole('button', { name: 'Load the other version' }).click();
  await secondEditor.expectValue('Summary', 'Written in the first tab.');
  await secondEditor.saved();
  assert.equal(await secondBanner.count(), 0);
  await context.close();
});

test('a review deleted in another tab can be kept from the tab still showing it', async () => {
  const { context, page: editorPage, library } = await app.openLibrary();
  const editor = await library.createTitled('Short-lived');

  const other = await context.newPage();
  const otherLibrary = new Library(other);
  await otherLibrary.open(app.server.subPath);
  await other.getByRole('button', { name: 'Delete “Short-lived”' }).click();

  const banner = editorPage.getByRole('alert').filter({ hasText: 'deleted in another tab' });
  await banner.waitFor();
  await banner.getByRole('button', { name: /keep it/i }).click();
  await editor.saved();
  // The other tab's library sees it again.
  await otherLibrary.link('Short-lived').waitFor();
  await context.close();
});
