// Screenshots of Debrief's screens, wide and phone-sized, light and dark, for looking at what
// a person sees (and for the README). Usage: node scripts/screenshots.mjs [OUT_DIR]
// Needs a release build in dist/.
import { mkdir } from 'node:fs/promises';
import { startServer } from '../tests/e2e/support/server.js';
import { launch } from '../tests/e2e/support/browser.js';
import { Library } from '../tests/e2e/support/app.js';

const out = process.argv[2] ?? 'bench-results/screens';
await mkdir(out, { recursive: true });
const server = await startServer();
const browser = await launch();

async function fillExample(library) {
  const editor = await library.createTitled('Ingest brownouts from a slow memory leak', 'Full analysis');
  await editor.fill('Severity', 'SEV-2');
  await editor.fill('Services', 'ingest, storage');
  await editor.fill('Time zone', 'America/Los_Angeles');
  await editor.fill('Incident start', '2019-11-06 02:20');
  await editor.fill('Incident end', '2019-11-06 09:45');
  await editor.fill('Summary', 'A dependency upgrade leaked memory at the same rate on every ingest host, so hosts crashed within minutes of each other, four times.');
  await editor.fill('Impact statement', '1–3% of telemetry rejected at ingest during four periods of about 20 minutes.');
  await editor.page.getByRole('button', { name: 'Add impact window' }).click();
  await editor.fill('Start', '02:20');
  await editor.fill('End', '02:40');
  await editor.fill('What was affected', 'ingest API');
  await editor.fill('How much', '1–3% of requests rejected');
  await editor.page.getByRole('radio', { name: /self-change-caused/i }).check();
  await editor.saved();
  return editor;
}

for (const scheme of ['light', 'dark']) {
  for (const [name, viewport] of [['wide', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
    const context = await browser.newContext({ viewport, colorScheme: scheme, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const library = new Library(page);
    await library.open(server.subPath);
    await page.screenshot({ path: `${out}/library-empty-${name}-${scheme}.png`, fullPage: true });
    const editor = await fillExample(library);
    await page.screenshot({ path: `${out}/overview-${name}-${scheme}.png`, fullPage: true });
    await editor.backToLibrary();
    await page.screenshot({ path: `${out}/library-${name}-${scheme}.png`, fullPage: true });
    await context.close();
  }
}
await browser.close();
await server.close();
console.log(`screenshots in ${out}`);
