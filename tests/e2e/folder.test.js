// "Keep this workbook in a folder": reviews written to a folder as files, changes made there
// (a git pull) read back on focus, and a review changed in both places kept both ways until
// the person chooses. The folder picker is stubbed with a folder of the origin's private
// file system, which speaks the same API as a folder on disk.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useApp } from './support/harness.js';
import { Editor, Library } from './support/app.js';

const app = useApp();
const FOLDER = 'team-reviews';

/** A visitor whose folder picker hands out the folder `team-reviews`. */
async function openWithFolderPicker() {
  const { context, page } = await app.newPage();
  await context.addInitScript((name) => {
    window.showDirectoryPicker = async () => {
      const root = await navigator.storage.getDirectory();
      return root.getDirectoryHandle(name, { create: true });
    };
  }, FOLDER);
  const library = new Library(page);
  await library.open(app.server.subPath);
  return { context, page, library };
}

/** Every file in the folder: name → text. */
function folderFiles(page) {
  return page.evaluate(async (name) => {
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(name, { create: true });
    const files = {};
    for await (const [file, handle] of dir.entries()) {
      // Skips the browser's swap files of a write in progress, and files gone mid-listing.
      if (!file.endsWith('.debrief.json')) continue;
      try {
        files[file] = await (await handle.getFile()).text();
      } catch (err) {
        if (err.name !== 'NotFoundError') throw err;
      }
    }
    return files;
  }, FOLDER);
}

/** Changes the folder behind Debrief's back, as `git pull` would: `change(files)` → files. */
async function changeFolder(page, files) {
  await page.evaluate(async ({ name, files }) => {
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(name, { create: true });
    for (const [file, text] of Object.entries(files)) {
      if (text === null) {
        await dir.removeEntry(file);
        continue;
      }
      const writable = await (await dir.getFileHandle(file, { create: true })).createWritable();
      await writable.write(text);
      await writable.close();
    }
  }, { name: FOLDER, files });
}

/** The person comes back to the tab (from the terminal where they ran git pull). */
async function returnToTab(page) {
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
}

async function waitForFolder(page, predicate, what) {
  for (let tries = 0; tries < 100; tries += 1) {
    const files = await folderFiles(page);
    if (predicate(files)) return files;
    await page.waitForTimeout(100);
  }
  assert.fail(`the folder never got ${what}: ${JSON.stringify(Object.keys(await folderFiles(page)))}`);
}

function reviewIn(text) {
  return JSON.parse(text).review;
}

/** Turns the folder on from the library and waits for the first sync. */
async function keepInFolder(page) {
  await page.getByRole('button', { name: 'Keep this workbook in a folder…' }).click();
  await page.getByRole('status').filter({ hasText: /In step as of/ }).waitFor();
}

test('every review goes to the folder as a file, and edits follow within seconds', async () => {
  const { context, page, library } = await openWithFolderPicker();
  let editor = await library.createTitled('Database failover, 2024-03-01');
  await editor.backToLibrary();
  // Real workbooks reuse titles.
  editor = await library.createTitled('Database failover, 2024-03-01');
  await editor.backToLibrary();
  await keepInFolder(page);

  const files = await folderFiles(page);
  const names = Object.keys(files).sort();
  assert.equal(names.length, 2, names.join(', '));
  assert.ok(names.includes('database-failover-2024-03-01.debrief.json'), names.join(', '));
  assert.ok(names.every((n) => /^[a-z0-9-]+\.debrief\.json$/.test(n)), names.join(', '));
  // Pretty JSON, one field per line, so git diffs read well.
  assert.match(files[names[0]], /\n {2,}"title": "Database failover, 2024-03-01"/);

  await library.link('Database failover, 2024-03-01').first().click();
  editor = new Editor(page);
  await editor.ready();
  await editor.fill('Summary', 'Replication lag hid the failover for 40 minutes.');
  await editor.saved();
  await waitForFolder(
    page,
    (now) => Object.values(now).some((text) => reviewIn(text).summary === 'Replication lag hid the failover for 40 minutes.'),
    'the edited summary',
  );

  // After a reload the folder is still kept (the browser remembers its handle).
  await editor.backToLibrary();
  await page.reload();
  await new Library(page).ready();
  await page.getByRole('status').filter({ hasText: `kept in the folder “${FOLDER}”` }).waitFor();
  await context.close();
});

test('a change made in the folder is read back when the tab regains focus', async () => {
  const { context, page, library } = await openWithFolderPicker();
  const editor = await library.createTitled('Queue backlog');
  await editor.fill('Summary', 'First draft.');
  await editor.saved();
  await editor.backToLibrary();
  await keepInFolder(page);
  const [name] = Object.keys(await folderFiles(page));
  const before = JSON.parse((await folderFiles(page))[name]);

  // A colleague's edit and a colleague's new review arrive with a git pull.
  const theirs = structuredClone(before);
  theirs.review.title = 'Queue backlog (reviewed)';
  theirs.review.summary = 'Edited by a colleague.';
  const newcomer = structuredClone(before);
  newcomer.review.id = 'colleague-review-1';
  newcomer.review.title = 'Certificate expiry';
  await changeFolder(page, {
    [name]: JSON.stringify(theirs, null, 2),
    'certificate-expiry.debrief.json': JSON.stringify(newcomer, null, 2),
  });
  await returnToTab(page);
  await library.link('Queue backlog (reviewed)').waitFor();
  await library.link('Certificate expiry').waitFor();

  // An open editor with nothing waiting follows the folder without a conflict.
  await library.link('Queue backlog (reviewed)').click();
  const opened = new Editor(page);
  await opened.ready();
  await opened.expectValue('Summary', 'Edited by a colleague.');
  const again = structuredClone(theirs);
  again.review.summary = 'Edited again after the meeting.';
  await changeFolder(page, { [name]: JSON.stringify(again, null, 2) });
  await returnToTab(page);
  await opened.expectValue('Summary', 'Edited again after the meeting.');
  assert.equal(await page.getByRole('alert').count(), 0);
  await context.close();
});

test('a review changed both here and in the folder keeps both until the person chooses', async () => {
  const { context, page, library } = await openWithFolderPicker();
  const editor = await library.createTitled('Payment timeouts');
  await editor.saved();
  await editor.backToLibrary();
  await keepInFolder(page);
  const [name] = Object.keys(await folderFiles(page));
  await library.link('Payment timeouts').click();
  await editor.ready();

  const theirs = JSON.parse((await folderFiles(page))[name]);
  theirs.review.summary = 'The folder says: the gateway dropped connections.';
  const theirText = JSON.stringify(theirs, null, 2);
  await changeFolder(page, { [name]: theirText });
  await editor.fill('Summary', 'This browser says: retries amplified the load.');
  await editor.saved();
  await returnToTab(page);

  const banner = page.getByRole('alert').filter({ hasText: 'changed both here and in the folder' });
  await banner.waitFor();
  // Until the choice, neither side is written over: editing goes on here, the file stays.
  await editor.fill('Summary', 'This browser says: retries amplified the load, twice.');
  await editor.saved();
  await page.waitForTimeout(2500);
  assert.equal((await folderFiles(page))[name], theirText);

  await banner.getByRole('button', { name: 'Show what differs from the folder' }).click();
  // Field by field: the summary differs, nothing else does.
  const differences = banner.getByLabel('What differs from the folder’s version');
  await differences
    .getByRole('definition')
    .filter({ hasText: 'Summary: “This browser says: retries amplified the load, twice.” in this tab, “The folder says: the gateway dropped connections.” in the other version.' })
    .waitFor();
  assert.equal(await differences.getByRole('definition').count(), 1);

  await banner.getByRole('button', { name: 'Take the folder’s version' }).click();
  await editor.expectValue('Summary', 'The folder says: the gateway dropped connections.');
  await banner.waitFor({ state: 'detached' });
  await editor.saved();

  // This browser's version is not lost: it waits among Recovered documents.
  await editor.backToLibrary();
  const recovered = page.getByRole('region', { name: /recovered documents/i });
  await recovered.getByText(/not kept when the folder’s was chosen/).first().waitFor();
  await context.close();
});

test('deletions travel both ways, and an emptied or damaged folder deletes nothing', async () => {
  const { context, page, library } = await openWithFolderPicker();
  for (const title of ['Kept review', 'Deleted in git', 'Deleted here']) {
    const editor = await library.createTitled(title);
    await editor.backToLibrary();
  }
  await keepInFolder(page);
  await waitForFolder(page, (files) => Object.keys(files).length === 3, 'three files');

  // Deleted here: the file goes too.
  await page.getByRole('button', { name: 'Delete “Deleted here”' }).click();
  await waitForFolder(page, (files) => !('deleted-here.debrief.json' in files), 'the file removed');

  // Deleted in the folder: the review goes to Recently deleted, restorable.
  await changeFolder(page, { 'deleted-in-git.debrief.json': null });
  await returnToTab(page);
  await library.link('Deleted in git').waitFor({ state: 'detached' });
  const trash = page.getByRole('region', { name: /recently deleted/i });
  await trash.getByText('Deleted in git').waitFor();
  await page.getByText('“Deleted in git” was deleted in the folder').waitFor();

  // A failed merge leaves conflict markers: the file is left alone and not written over.
  const broken = '<<<<<<< HEAD\n{"schema_version": 7,\n=======\n{}\n>>>>>>> origin/main\n';
  await changeFolder(page, { 'kept-review.debrief.json': broken });
  await returnToTab(page);
  await page.getByText(/kept-review\.debrief\.json could not be read/).waitFor();
  await library.link('Kept review').click();
  const editor = new Editor(page);
  await editor.ready();
  await editor.fill('Summary', 'Typed while the file is broken.');
  await editor.saved();
  await page.waitForTimeout(2500);
  assert.equal((await folderFiles(page))['kept-review.debrief.json'], broken);
  await editor.backToLibrary();

  // Checking out another branch empties the folder: nothing is deleted here.
  await changeFolder(page, { 'kept-review.debrief.json': null });
  await returnToTab(page);
  await page.getByText(/Nothing was moved to Recently deleted/).waitFor();
  await library.link('Kept review').waitFor();
  await context.close();
});
