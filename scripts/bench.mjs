// Debrief's benchmark: download sizes of the release build (raw and gzip) and the median
// cold-load time to an interactive library, empty and with a large generated workbook.
// Usage: node scripts/bench.mjs [--runs N] [--reviews N]   (needs a release build in dist/)
import { readdir, readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startServer } from '../tests/e2e/support/server.js';
import { launch } from '../tests/e2e/support/browser.js';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '15' }, reviews: { type: 'string', default: '300' } },
});
const RUNS = Number(values.runs);
const REVIEWS = Number(values.reviews);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// ---- Sizes ------------------------------------------------------------------------------
const dist = 'dist';
const files = (await readdir(dist)).filter((f) => /\.(wasm|js|css)$/.test(f));
let total = { raw: 0, gzip: 0 };
console.log('Release build (what a first visit downloads)');
for (const kind of ['wasm', 'js', 'css']) {
  for (const file of files.filter((f) => f.endsWith(`.${kind}`))) {
    const bytes = await readFile(join(dist, file));
    const gz = gzipSync(bytes, { level: 9 }).length;
    total.raw += bytes.length;
    total.gzip += gz;
    console.log(`  ${kind.padEnd(5)} ${kb(bytes.length).padStart(10)} raw ${kb(gz).padStart(10)} gzip`);
  }
}
console.log(`  total ${kb(total.raw).padStart(10)} raw ${kb(total.gzip).padStart(10)} gzip (goal: at most 250 KB gzip)`);

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

async function coldLoad(seed) {
  const context = await browser.newContext();
  await context.addInitScript((entries) => {
    if (entries && !localStorage.getItem('debrief:index')) {
      for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, value);
    }
    // The library is interactive once its "New review" button is in the document.
    new MutationObserver((_, observer) => {
      if (document.querySelector('button.primary')) {
        window.__interactiveAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  }, seed);
  const page = await context.newPage();
  await page.goto(server.subPath);
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

console.log('\nCold load to an interactive library (fresh browser context each run, localhost)');
await measure('empty workbook', null);
await measure(`${REVIEWS} stored reviews`, generatedWorkbook(REVIEWS));
await browser.close();
await server.close();
