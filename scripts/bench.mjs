// Debrief's benchmark: download sizes of the release build (raw and gzip) and the median
// cold-load time to an interactive library, empty and with a large generated workbook.
// Usage: node scripts/bench.mjs [--runs N] [--reviews N] [--only network,library,review,chat,sections,meta]   (needs a release build in dist/)
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startServer } from '../tests/e2e/support/server.js';
import { launch } from '../tests/e2e/support/browser.js';
import { generatedExport } from '../tests/e2e/support/slack-export.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '15' },
    reviews: { type: 'string', default: '300' },
    // Which workloads to run, comma-separated: network, library, review, chat, sections, meta.
    only: { type: 'string', default: 'network,library,review,chat,sections,meta' },
  },
});
const want = (part) => values.only.split(',').includes(part);
const RUNS = Number(values.runs);
const REVIEWS = Number(values.reviews);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// ---- Sizes: what the first load weighs, file by file, and the modules loaded later ----
console.log(execFileSync('node', [join(import.meta.dirname, 'size.mjs')], { encoding: 'utf8' }));

// ---- A large workbook, in the stored format --------------------------------------------
function generatedWorkbook(count) {
  const entries = {};
  const index = [];
  const start = Date.UTC(2024, 0, 1);
  for (let i = 0; i < count; i += 1) {
    const id = `bench${i}`;
    const at = new Date(start + i * 36e5 * 37).toISOString();
    const review = {
      id,
      title: `Generated incident ${i}: elevated error rates on service ${i % 17}`,
      status: ['draft', 'in_review', 'published'][i % 3],
      severity: `SEV-${1 + (i % 4)}`,
      services: [`service-${i % 17}`, 'ingest'],
      tags: ['bench'],
      created_at: at,
      updated_at: at,
      incident: { start: at, end: null, time_zone: 'America/Los_Angeles' },
      summary: 'Lorem ipsum '.repeat(40),
      impact: { statement: 'Some requests failed.', windows: [] },
    };
    entries[`debrief:review:${id}`] = JSON.stringify({ format: 'debrief.review', schema_version: 1, review });
    index.push({
      id, title: review.title, status: review.status, severity: review.severity,
      incident_start: at, time_zone: 'America/Los_Angeles', services: review.services,
      tags: review.tags, updated_at: at,
    });
  }
  entries['debrief:index'] = JSON.stringify({ format: 'debrief.index', schema_version: 1, reviews: index });
  return entries;
}

// ---- Cold loads ---------------------------------------------------------------------------
const server = await startServer();
const browser = await launch();

/**
 * Stores generated documents (given as the older localStorage layout, key → text) straight
 * into the workbook database, as a workbook that has been in use would hold them. The page
 * must have opened Debrief once, so the database exists.
 */
async function seedDatabase(page, entries) {
  await page.evaluate(async (entries) => {
    const index = entries['debrief:index'] ? JSON.parse(entries['debrief:index']).reviews : [];
    const summaries = new Map(index.map((summary) => [summary.id, summary]));
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('debrief');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    await new Promise((resolve, reject) => {
      const tx = db.transaction(['documents', 'heads'], 'readwrite');
      for (const [key, text] of Object.entries(entries)) {
        const match = key.match(/^debrief:(review|meta):(.*)$/);
        if (!match) continue;
        const [, kind, id] = match;
        const schema = Number(text.slice(0, 200).match(/"schema_version":(\d+)/)[1]);
        const summary = kind === 'review' && summaries.has(id) ? JSON.stringify(summaries.get(id)) : null;
        tx.objectStore('documents').put(text, `${kind}:${id}`);
        tx.objectStore('heads').put({ revision: 1, schema, summary }, `${kind}:${id}`);
      }
      tx.oncomplete = resolve;
      tx.onabort = () => reject(tx.error);
    });
    db.close();
  }, entries);
}

/** A page of a fresh context that has opened Debrief once and holds `entries`. */
async function seededPage(context, entries) {
  const page = await context.newPage();
  await page.goto(server.subPath);
  await page.getByRole('heading', { name: 'Reviews', exact: true }).waitFor();
  if (entries) await seedDatabase(page, entries);
  return page;
}

/**
 * A full load of `hash` in `page`: the module that draws it starts cold. (Setting only the
 * fragment on the library's module makes the app reload itself, src/modules.rs, which a
 * reload from here would race.)
 */
async function loadAt(page, hash) {
  await page.goto('about:blank');
  await page.goto(`${server.subPath}${hash}`);
}

async function coldLoad(seed) {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    // The library is interactive once its "New review" button is in the document.
    new MutationObserver((_, observer) => {
      if (document.querySelector('button.primary')) {
        window.__interactiveAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const page = await seededPage(context, seed);
  await page.reload();
  await page.waitForFunction(() => window.__interactiveAt !== undefined);
  const rows = await page.locator('.review-list tbody tr').count();
  const ms = await page.evaluate(() => window.__interactiveAt);
  await context.close();
  return { ms, rows };
}

async function measure(label, seed) {
  await coldLoad(seed); // warm the server and the OS file cache, not the browser
  const times = [];
  let rows = 0;
  for (let i = 0; i < RUNS; i += 1) {
    const run = await coldLoad(seed);
    times.push(run.ms);
    rows = run.rows;
  }
  console.log(
    `  ${label.padEnd(34)} median ${median(times).toFixed(0).padStart(5)} ms   min ${Math.min(...times).toFixed(0).padStart(5)} ms   max ${Math.max(...times).toFixed(0).padStart(5)} ms   (${rows} rows, ${RUNS} runs)`,
  );
}

if (want('library')) {
  console.log('\nCold load to an interactive library (fresh browser context each run, localhost)');
  await measure('empty workbook', null);
  await measure(`${REVIEWS} stored reviews`, generatedWorkbook(REVIEWS));
  await measure('1000 stored reviews (goal: 300 ms)', generatedWorkbook(1000));
}

// ---- Over a slow line: first visit, return visit, a share link ----------------------------
// Chromium's own throttling (CDP), as DevTools' "Slow 4G"-like profile the issue names:
// 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip. Times run from navigation start.
const SLOW_LINE = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };

async function throttled(context) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_LINE);
  return page;
}

async function markWhen(context, selector, name) {
  await context.addInitScript(([selector, name]) => {
    new MutationObserver((_, observer) => {
      if (document.querySelector(selector)) {
        window[name] = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  }, [selector, name]);
}

/** A share link to a modest review, made as the app makes them: zlib, base64url. */
async function shareLink() {
  const { deflateSync } = await import('node:zlib');
  const { 'debrief:review:big': text } = bigReview(60, 8);
  const packed = deflateSync(Buffer.from(text), { level: 9 }).toString('base64url');
  return `${server.subPath}#/shared/${packed}`;
}

if (want('network')) {
  const runs = Math.max(3, Math.min(RUNS, 5));
  const first = [];
  const again = [];
  const shared = [];
  const link = await shareLink();
  for (let i = 0; i < runs; i += 1) {
    const context = await browser.newContext();
    await markWhen(context, 'button.primary', '__interactiveAt');
    let page = await throttled(context);
    await page.goto(server.subPath);
    await page.waitForFunction(() => window.__interactiveAt !== undefined, null, { timeout: 120_000 });
    first.push(await page.evaluate(() => window.__interactiveAt));
    // The service worker has everything once it controls the page.
    await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 120_000 });
    await page.close();
    page = await throttled(context);
    await page.goto(server.subPath);
    await page.waitForFunction(() => window.__interactiveAt !== undefined);
    again.push(await page.evaluate(() => window.__interactiveAt));
    await context.close();

    const visitor = await browser.newContext();
    await markWhen(visitor, 'iframe.shared-preview', '__previewAt');
    const preview = await throttled(visitor);
    await preview.goto(link);
    await preview.waitForFunction(() => window.__previewAt !== undefined, null, { timeout: 120_000 });
    shared.push(await preview.evaluate(() => window.__previewAt));
    await visitor.close();
  }
  const line = (label, xs, goal) =>
    console.log(`  ${label.padEnd(52)} median ${median(xs).toFixed(0).padStart(6)} ms   worst ${Math.max(...xs).toFixed(0).padStart(6)} ms   (goal: ${goal})`);
  console.log(`\nOver a slow line (1.6 Mbit/s down, 750 kbit/s up, 150 ms latency; ${runs} runs)`);
  line('first visit → interactive library', first, '2,500 ms');
  line('return visit, from the service worker', again, '300 ms');
  line('share link, first-time visitor → read-only preview', shared, '3,000 ms');
}

// ---- A large review: 5,000 events, 60 people -----------------------------------------------
function bigReview(events, people) {
  const kinds = ['alert', 'detection', 'observation', 'hypothesis', 'decision', 'action', 'escalation', 'communication', 'deploy_or_change', 'mitigation', 'resolution', 'other'];
  const start = Date.parse('2019-11-06T10:00:00Z');
  const persons = Array.from({ length: people }, (_, i) => ({
    id: `p${i}`, name: `Responder ${i}`, roles: ['responder'], team: `Team ${i % 7}`,
    tenure_months: 6 + (i % 40), time_zone: ['America/Los_Angeles', 'Europe/Berlin', 'Asia/Kolkata'][i % 3],
  }));
  const timeline = Array.from({ length: events }, (_, i) => ({
    id: `e${i}`,
    at: new Date(start + Math.floor((i * 10 * 3600 * 1000) / events)).toISOString(),
    text: `Event ${i}: ${['checked dashboards', 'restarted a host', 'posted an update', 'paged storage', 'rolled back deploy'][i % 5]} on ingest-${i % 13}`,
    kind: kinds[i % kinds.length],
    actor: i % 9 === 0 ? null : `p${i % people}`,
    key: i % 250 === 0,
    tags: i % 17 === 0 ? ['other-incident'] : [],
  }));
  const review = {
    id: 'big', title: 'A very long incident', created_at: new Date(start).toISOString(), updated_at: new Date(start).toISOString(),
    incident: { start: new Date(start).toISOString(), end: new Date(start + 10 * 3600e3).toISOString(), time_zone: 'America/Los_Angeles' },
    impact: { statement: 'Ingest brownouts', windows: [0, 3, 6].map((h, i) => ({ id: `w${i}`, start: new Date(start + h * 3600e3).toISOString(), end: new Date(start + (h + 0.5) * 3600e3).toISOString(), affected: 'ingest', magnitude: '2%' })) },
    people: persons, timeline,
    hypotheses: Array.from({ length: 5 }, (_, i) => ({ id: `h${i}`, statement: `Hypothesis ${i}`, raised_by: `p${i}`, raised_at: new Date(start + i * 3600e3).toISOString(), status: i % 2 ? 'falsified' : 'open', status_changed_at: i % 2 ? new Date(start + (i + 2) * 3600e3).toISOString() : null })),
  };
  const text = JSON.stringify({ format: 'debrief.review', schema_version: 1, review });
  const index = JSON.stringify({ format: 'debrief.index', schema_version: 1, reviews: [{ id: 'big', title: review.title, status: 'draft', severity: '', incident_start: review.incident.start, time_zone: 'America/Los_Angeles', services: [], tags: [], updated_at: review.updated_at }] });
  return { 'debrief:review:big': text, 'debrief:index': index };
}

const median1 = (xs) => median(xs).toFixed(1);
const worst = (xs) => Math.max(...xs).toFixed(1);

async function openBig(seed) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector('.event-row')) {
        window.__rowsAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const page = await seededPage(context, seed);
  await loadAt(page, '#/review/big/timeline');
  await page.waitForFunction(() => window.__rowsAt !== undefined, null, { timeout: 60000 });
  const ready = await page.evaluate(() => window.__rowsAt);
  return { context, page, ready };
}

/** Time for all the work one keystroke triggers (handlers, effects, DOM updates) to finish. */
async function keystrokes(page, selector, texts) {
  return page.evaluate(async ({ selector, texts }) => {
    const field = document.querySelector(selector);
    field.focus();
    const times = [];
    for (const text of texts) {
      const t0 = performance.now();
      field.value = text;
      field.dispatchEvent(new Event('input', { bubbles: true }));
      // Effects run as microtasks; a macrotask runs after all of them.
      await new Promise((resolve) => setTimeout(resolve, 0));
      times.push(performance.now() - t0);
      await new Promise((resolve) => requestAnimationFrame(() => resolve()));
    }
    return times;
  }, { selector, texts });
}

/**
 * For each keystroke: the time until a write-transaction that holds it has committed in
 * IndexedDB (the browser's own `complete` event), typing at a person's pace.
 */
async function commits(page, selector, texts) {
  const all = await page.evaluate(async ({ selector, texts }) => {
    const done = [];
    const transaction = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (stores, mode, ...rest) {
      const tx = transaction.call(this, stores, mode, ...rest);
      if (mode === 'readwrite') tx.addEventListener('complete', () => done.push(performance.now()));
      return tx;
    };
    const field = document.querySelector(selector);
    field.focus();
    const times = [];
    for (const text of texts) {
      const t0 = performance.now();
      field.value = text;
      field.dispatchEvent(new Event('input', { bubbles: true }));
      while (!done.some((t) => t > t0)) await new Promise((resolve) => setTimeout(resolve, 1));
      times.push(done.find((t) => t > t0) - t0);
      await new Promise((resolve) => setTimeout(resolve, 80));
    }
    IDBDatabase.prototype.transaction = transaction;
    return times;
  }, { selector, texts });
  const sorted = [...all].sort((a, b) => a - b);
  return { all, p95: sorted[Math.floor(sorted.length * 0.95)] };
}

const prefixes = (word) => Array.from({ length: word.length }, (_, i) => word.slice(0, i + 1));
if (want('review')) {
  const big = bigReview(5000, 60);
  console.log(`\nLarge review: 5,000 events, 60 people (${(big['debrief:review:big'].length / 1024).toFixed(0)} KB stored)`);
  const opens = [];
  for (let i = 0; i < Math.max(5, Math.floor(RUNS / 2)); i += 1) {
    const { context, ready } = await openBig(big);
    opens.push(ready);
    await context.close();
  }
  console.log(`  open the timeline (navigation to rows on screen)  median ${median1(opens)} ms   worst ${worst(opens)} ms   (goal: 300 ms)`);

  const { context, page } = await openBig(big);
  const typing = await keystrokes(page, '.quick-entry .qe-text input', prefixes('Storage team joins the call'));
  console.log(`  keystroke: typing a new event                     median ${median1(typing)} ms   worst ${worst(typing)} ms   (goal: 16 ms median)`);
  const committed = await commits(page, '.quick-entry .qe-text input', prefixes('Storage team joins the call again'));
  console.log(`  keystroke to committed in IndexedDB (draft)       median ${median1(committed.all)} ms   95th percentile ${committed.p95.toFixed(1)} ms   (goal: 50 ms)`);
  const filtering = await keystrokes(page, '.filters input[type=search]', prefixes('restarted'));
  console.log(`  keystroke: filtering the timeline                 median ${median1(filtering)} ms   worst ${worst(filtering)} ms`);
  await page.locator('.filters input[type=search]').fill('');
  await page.locator('.event-row button', { hasText: 'Edit' }).first().click();
  const editing = await keystrokes(page, '.event-editor textarea', prefixes('Event 0: checked dashboards again'));
  console.log(`  keystroke: editing one event                      median ${median1(editing)} ms   worst ${worst(editing)} ms`);
  const edits = await commits(page, '.event-editor textarea', prefixes('Event 0: checked the dashboards twice'));
  console.log(`  keystroke to committed in IndexedDB (event edit)  median ${median1(edits.all)} ms   95th percentile ${edits.p95.toFixed(1)} ms   (goal: 50 ms)`);
  const rows = await page.locator('.event-row').count();
  console.log(`  rows in the document while showing 5,000 events: ${rows}`);
  await context.close();

  const huge = bigReview(50000, 60);
  const hugeOpens = [];
  for (let i = 0; i < 3; i += 1) {
    const { context: hugeContext, ready } = await openBig(huge);
    hugeOpens.push(ready);
    await hugeContext.close();
  }
  console.log(`\nHuge review: 50,000 events (${(huge['debrief:review:big'].length / 1024 / 1024).toFixed(1)} MB stored)`);
  console.log(`  open the timeline (navigation to rows on screen)  median ${median1(hugeOpens)} ms   worst ${worst(hugeOpens)} ms   (goal: 1,000 ms)`);
}

// ---- A busy incident channel: 50,000 Slack messages, 60 people ---------------------------
if (want('chat')) {
  const MESSAGES = 50000;
  const exportZip = generatedExport(MESSAGES);
  const small = bigReview(0, 60);
  console.log(`\nChat import: a Slack export with ${MESSAGES.toLocaleString('en')} messages from 60 people (${(exportZip.length / 1024).toFixed(0)} KB zipped)`);

  async function chatPage() {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await seededPage(context, small);
    await loadAt(page, '#/review/big/chat');
    await page.getByLabel('Or paste a chat log').waitFor();
    return { context, page };
  }

  const imports = [];
  let triage = null;
  for (let i = 0; i < 3; i += 1) {
    const { context, page } = await chatPage();
    await page.getByLabel('Import a chat file…').setInputFiles({ name: 'export.zip', mimeType: 'application/zip', buffer: exportZip });
    await page.getByRole('checkbox', { name: /#incident/ }).check();
    const button = page.getByRole('button', { name: 'Import 1 channel' });
    await button.evaluate((el) => {
      el.addEventListener('click', () => { window.__importStart = performance.now(); }, { capture: true });
      new MutationObserver((_, observer) => {
        if (document.querySelector('.message-row') && document.body.textContent.includes('Imported 50,000 messages')) {
          window.__importDone = performance.now();
          observer.disconnect();
        }
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    await button.click();
    await page.waitForFunction(() => window.__importDone !== undefined, null, { timeout: 120000 });
    imports.push(await page.evaluate(() => window.__importDone - window.__importStart));
    if (i === 2) triage = { context, page };
    else await context.close();
  }
  console.log(`  import (click to messages listed; read, parse, store in IndexedDB)  median ${median1(imports)} ms   worst ${worst(imports)} ms   (goal: 1,000 ms)`);

  // Opening the triage view of a review that already has the transcript stored.
  const chat = triage.page;
  const opensTriage = [];
  for (let i = 0; i < 5; i += 1) {
    await loadAt(chat, '#/review/big/overview');
    await chat.getByLabel('Title').waitFor();
    const t0 = await chat.evaluate(() => performance.now());
    await chat.getByRole('navigation', { name: 'Sections of this review' }).getByRole('link', { name: 'Chat transcript', exact: true }).click();
    await chat.locator('.message-row').first().waitFor();
    opensTriage.push((await chat.evaluate(() => performance.now())) - t0);
  }
  console.log(`  open the triage view (stored transcript, section link to rows)      median ${median1(opensTriage)} ms   worst ${worst(opensTriage)} ms`);

  const frames = await chat.evaluate(async () => {
    const scroller = document.querySelector('.message-scroller');
    const times = [];
    let last = performance.now();
    for (let i = 0; i < 240; i += 1) {
      scroller.scrollTop += 900; // about fifteen rows a frame: a fast flick
      await new Promise((resolve) => requestAnimationFrame(() => resolve()));
      const now = performance.now();
      times.push(now - last);
      last = now;
    }
    return times;
  });
  frames.sort((a, b) => a - b);
  const p95 = frames[Math.floor(frames.length * 0.95)];
  console.log(`  scrolling 240 frames at ~15 rows a frame: frame time median ${median1(frames)} ms, 95th percentile ${p95.toFixed(1)} ms, rows in the document ${await chat.locator('.message-row').count()}`);
  const searching = await keystrokes(chat, '.triage .filters input[type=search]', prefixes('shard 42'));
  const participationOpens = [];
  for (let i = 0; i < 3; i += 1) {
    await chat.getByRole('navigation', { name: 'Sections of this review' }).getByRole('link', { name: 'Timeline', exact: true }).click();
    await chat.locator('.event-scroller').waitFor();
    const t0 = await chat.evaluate(() => performance.now());
    await chat.getByRole('navigation', { name: 'Sections of this review' }).getByRole('link', { name: 'Participation', exact: true }).click();
    await chat.getByRole('img', { name: /^Participation:/ }).waitFor({ timeout: 60000 });
    participationOpens.push((await chat.evaluate(() => performance.now())) - t0);
  }
  console.log(`  keystroke: finding words in 50,000 messages           median ${median1(searching)} ms   worst ${worst(searching)} ms`);
  console.log(`  open Participation (compute over 50,000 messages, draw)  median ${median1(participationOpens)} ms   worst ${worst(participationOpens)} ms`);
  await triage.context.close();
}

// ---- Long sections: 1,000 entries each --------------------------------------------------
/**
 * A review with `n` entries in every list section, linked to each other as real reviews
 * are: actions to factors, factors and learnings to events, evidence to events,
 * interviews to people. Every entry's words go through the language check.
 */
function longSections(n) {
  const start = Date.parse('2019-11-06T10:00:00Z');
  const at = (i) => new Date(start + i * 60e3).toISOString();
  const people = Array.from({ length: 300 }, (_, i) => ({ id: `p${i}`, name: `Responder ${i}`, kind: 'person', roles: ['responder'], team: `Team ${i % 7}` }));
  const timeline = Array.from({ length: n }, (_, i) => ({ id: `e${i}`, at: at(i), text: `Event ${i}: checked the ingest dashboards`, kind: 'observation', actor: `p${i % 300}` }));
  const review = {
    id: 'long', title: 'A review with long sections', created_at: at(0), updated_at: at(0),
    incident: { start: at(0), end: at(n), time_zone: 'UTC' },
    people,
    timeline,
    hypotheses: Array.from({ length: n }, (_, i) => ({
      id: `h${i}`, statement: `Hypothesis ${i}: the provider dropped connections`, raised_by: `p${i % 300}`, raised_at: at(i),
      raised_in_event: i % 3 ? null : `e${i}`, disproof: 'Hosts failing on their own.', status: ['open', 'falsified', 'supported'][i % 3],
      evidence: [{ id: `ev${i}`, stance: 'against', text: 'Memory rises in step on every host.', event: `e${(i * 7) % n}` }],
    })),
    factors: Array.from({ length: n }, (_, i) => ({ id: `f${i}`, description: `Factor ${i}: frequent deploys hid the leak for hours; someone should have looked sooner`, category: 'observability', events: [`e${i}`, `e${(i + 1) % n}`] })),
    learnings: {
      went_well: Array.from({ length: n }, (_, i) => ({ id: `lw${i}`, text: `Went well ${i}: the alert fired early`, events: [`e${i}`] })),
      got_lucky: Array.from({ length: n }, (_, i) => ({ id: `ll${i}`, text: `Got lucky ${i}: someone rested was online`, events: [] })),
      difficult: Array.from({ length: n }, (_, i) => ({ id: `ld${i}`, text: `Difficult ${i}: telling a provider problem from ours`, events: [] })),
    },
    interviews: Array.from({ length: n }, (_, i) => ({
      id: `i${i}`, participant: `p${i % 300}`, date: '2019-11-07', interviewer: 'Sam Reviewer',
      prompt_notes: [{ prompt: 'What did normal look like that week?', note: 'Deploys several times a day; the graphs were rarely checked.' }],
      quotes: [{ id: `q${i}`, text: 'At 3 AM the provider story was the one that fit.' }], notes: 'Second page that night.',
    })),
    actions: Array.from({ length: n }, (_, i) => ({
      id: `a${i}`, description: `Action ${i}: alert when memory grows across deploys`, owner: `Team ${i % 7}`, due: '2019-12-01',
      kind: 'detect', status: 'open', factors: [`f${i}`, `f${(i * 13) % n}`],
    })),
  };
  const text = JSON.stringify({ format: 'debrief.review', schema_version: 3, review });
  const index = JSON.stringify({ format: 'debrief.index', schema_version: 1, reviews: [{ id: 'long', title: review.title, status: 'draft', severity: '', incident_start: at(0), time_zone: 'UTC', services: [], tags: [], updated_at: at(0) }] });
  return { 'debrief:review:long': text, 'debrief:index': index };
}

if (want('sections')) {
  const ENTRIES = 1000;
  const seed = longSections(ENTRIES);
  console.log(`\nLong sections: ${ENTRIES.toLocaleString('en')} entries in every list, 300 people (${(seed['debrief:review:long'].length / 1024).toFixed(0)} KB stored)`);
  const sections = [
    ['People', 'Everyone involved'],
    ['Hypotheses', 'Hypotheses'],
    ['Contributing factors', 'Contributing factors'],
    ['Learnings', 'Learnings'],
    ['Interviews', 'Interviews'],
    ['Action items', 'Action items'],
    ['Language', 'Language'],
  ];
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await seededPage(context, seed);
  for (const [name, heading] of sections) {
    const times = [];
    for (let i = 0; i < 3; i += 1) {
      await loadAt(page, '#/review/long/overview');
      await page.getByLabel('Title').waitFor({ timeout: 120000 });
      // Timed in the page, from the click on the section's link until its heading is in
      // the document and the browser has laid out and painted the frame that shows it.
      times.push(await page.evaluate(async ({ name, heading }) => {
        const nav = document.querySelector('nav[aria-label="Sections of this review"]');
        const link = [...nav.querySelectorAll('a')].find((a) => a.textContent.trim() === name);
        const shown = () => [...document.querySelectorAll('h2')].some((h) => h.textContent.trim() === heading);
        const t0 = performance.now();
        link.click();
        await new Promise((resolve) => {
          const observer = new MutationObserver(() => {
            if (shown()) { observer.disconnect(); resolve(); }
          });
          observer.observe(document.body, { childList: true, subtree: true });
        });
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        return performance.now() - t0;
      }, { name, heading }));
      if (times[0] > 20000) break; // one slow run says enough
    }
    console.log(`  open ${name.padEnd(22)} median ${median1(times).padStart(8)} ms   worst ${worst(times).padStart(8)} ms   (goal: 300 ms)`);
  }
  await context.close();
}

// ---- A meta-review over 500 reviews ------------------------------------------------------
if (want('meta')) {
  const META_REVIEWS = 500;
  const metaSeed = generatedWorkbook(META_REVIEWS);
  metaSeed['debrief:meta:bench'] = JSON.stringify({
    format: 'debrief.meta_review',
    schema_version: 1,
    // An empty rule covers every review in the workbook.
    meta_review: { id: 'bench', title: 'Every incident', time_zone: 'America/Los_Angeles', selection: { picked: [], rule: {} } },
  });
  const metaOpens = [];
  for (let i = 0; i < Math.max(5, Math.floor(RUNS / 2)); i += 1) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await seededPage(context, metaSeed);
    // Open the library first (the heads are seeded), then time the navigation to the
    // meta-review: the whole app's module started (the library's module reloads into it,
    // src/modules.rs), read 500 reviews, cover, count, draw. Wall-clock time, since the
    // page reloads on the way.
    await page.reload();
    await page.getByRole('heading', { name: 'Reviews', exact: true }).waitFor();
    const t0 = await page.evaluate(() => Date.now());
    await page.evaluate(() => { window.location.hash = '#/meta/bench'; });
    await page.getByRole('table', { name: 'What triggered them' }).waitFor({ timeout: 60000 });
    metaOpens.push((await page.evaluate(() => Date.now())) - t0);
    await context.close();
  }
  console.log(`\nMeta-review over ${META_REVIEWS} reviews`);
  console.log(`  open from the library (start the whole app, read every review, cover, compute, draw)  median ${median1(metaOpens)} ms   worst ${worst(metaOpens)} ms   (goal: 200 ms)`);
}

await browser.close();
await server.close();
