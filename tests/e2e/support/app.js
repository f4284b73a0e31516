// Page objects: how a person uses Debrief, in the words of its accessible names. Specs read
// as scenarios; selectors live only here.
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Opens a downloaded report from file:// with JavaScript off, as a reader would from e-mail,
 * waits for the heading `title`, and returns its HTML with every request and console message.
 */
export async function readOffline(browser, path, title) {
  const reader = await browser.newContext({ javaScriptEnabled: false });
  const page = await reader.newPage();
  const requests = [];
  const messages = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => messages.push(message.text()));
  await page.goto(`file://${path}`);
  await page.getByRole('heading', { name: title }).first().waitFor();
  const html = await page.content();
  await reader.close();
  return { html, requests, messages };
}

/** Clicks the button that downloads a file and returns where the file was saved. */
export async function download(page, buttonName) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: buttonName, exact: true }).click(),
  ]);
  const dir = await mkdtemp(join(tmpdir(), 'debrief-'));
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

/** Opens the address `url` in a new tab of `context` (same storage) and waits for the editor. */
export async function editorInNewTab(context, url) {
  const page = await context.newPage();
  await page.goto(url);
  const editor = new Editor(page);
  await editor.ready();
  return { page, editor };
}

export class Library {
  constructor(page) {
    this.page = page;
  }

  async open(url) {
    await this.page.goto(url);
    await this.ready();
  }

  async ready() {
    await this.page.getByRole('heading', { name: 'Reviews', exact: true }).waitFor();
  }

  async create(template = 'Full analysis') {
    await this.page.getByRole('radio', { name: new RegExp(template, 'i') }).check();
    await this.page.getByRole('button', { name: /new review/i }).click();
    const editor = new Editor(this.page);
    await editor.ready();
    return editor;
  }

  /** Creates a review, gives it a title and waits until it is stored. */
  async createTitled(title, template) {
    const editor = await this.create(template);
    await editor.fill('Title', title);
    await editor.saved();
    return editor;
  }

  row(title) {
    return this.page.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: title }) });
  }

  link(title) {
    return this.page.getByRole('link', { name: title, exact: true });
  }
}

export class Editor {
  constructor(page) {
    this.page = page;
  }

  async ready() {
    await this.page.getByRole('link', { name: /all reviews/i }).waitFor();
  }

  // Text inputs with suggestions (severity, time zone) are comboboxes to assistive
  // technology, so fields are found by their label, which is their accessible name.
  field(name) {
    return this.page.getByLabel(name, { exact: true });
  }

  async fill(name, value) {
    const field = this.field(name);
    await field.fill(value);
    // Time and zone fields commit on change, as when a person leaves the field.
    await field.press('Tab');
  }

  async saved() {
    await this.page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();
  }

  async backToLibrary() {
    await this.page.getByRole('link', { name: /all reviews/i }).click();
    await new Library(this.page).ready();
  }

  /** The field shows `value`, now or within a moment (storage answers asynchronously). */
  async expectValue(name, value) {
    const field = this.field(name);
    for (let tries = 0; tries < 50 && (await field.inputValue()) !== value; tries += 1) {
      await this.page.waitForTimeout(50);
    }
    assert.equal(await field.inputValue(), value, `field ${name}`);
  }
}
