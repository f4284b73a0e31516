// What a first visit downloads, gzip-compressed as a server would send it, file by file; and
// what each other module weighs. With --check, fails when the first load is over the budget
// in size-budget.json (lower that number as the load shrinks; never raise it to pass).
//
//   node scripts/size.mjs [--check] [--json] [dist]
import { gzipSync } from 'node:zlib';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const args = process.argv.slice(2);
const check = args.includes('--check');
const asJson = args.includes('--json');
const dist = resolve(args.find((a) => !a.startsWith('--')) ?? join(import.meta.dirname, '../dist'));
const budgetFile = join(import.meta.dirname, '../size-budget.json');

const read = (path) => readFileSync(join(dist, path));
const gzipped = (path) => gzipSync(read(path), { level: 9 }).length;

// The first load: what index.html links or loads, and every module those import
// statically, followed to the end. (Icons and the manifest are fetched too, but they are
// tiny and off the critical path; the service worker installs after the app is running.)
function firstLoad() {
  const html = read('index.html').toString();
  const found = new Set();
  const queue = [];
  const add = (path) => {
    const clean = path.replace(/^\.\//, '');
    if (!found.has(clean) && existsSync(join(dist, clean))) {
      found.add(clean);
      queue.push(clean);
    }
  };
  add('index.html');
  for (const [, rel, href] of html.matchAll(/<link\b[^>]*\brel="([^"]+)"[^>]*\bhref="([^"]+)"/g)) {
    if (['stylesheet', 'modulepreload', 'preload'].includes(rel)) add(href);
  }
  for (const [, path] of html.matchAll(/(?:from|module_or_path:)\s*'([^']+)'/g)) add(path);
  while (queue.length) {
    const path = queue.shift();
    if (!path.endsWith('.js')) continue;
    const text = read(path).toString();
    for (const [, spec] of text.matchAll(/(?:^|[;\s])(?:import|export)\b[^'"]*?from\s*['"](\.[^'"]+)['"]/g)) {
      add(relative(dist, resolve(join(dist, dirname(path)), spec)));
    }
  }
  return [...found];
}

function allFiles(dir = dist) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [relative(dist, path)];
  });
}

const first = firstLoad();
const rows = first.map((path) => ({ path, raw: read(path).length, gzip: gzipped(path) }));
const total = rows.reduce((sum, row) => sum + row.gzip, 0);
const others = allFiles()
  .filter((path) => !first.includes(path) && /\.(wasm|js)$/.test(path))
  .map((path) => ({ path, raw: read(path).length, gzip: gzipped(path) }));
const budget = JSON.parse(readFileSync(budgetFile, 'utf8')).first_load_gzip_bytes;

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
if (asJson) {
  console.log(JSON.stringify({ first_load: rows, first_load_gzip: total, budget, later: others }));
} else {
  console.log('First load (gzip -9):');
  for (const row of rows.sort((a, b) => b.gzip - a.gzip)) {
    console.log(`  ${kb(row.gzip).padStart(10)}  (${kb(row.raw).padStart(10)} raw)  ${row.path}`);
  }
  console.log(`  ${kb(total).padStart(10)}  in all; budget ${kb(budget)}`);
  if (others.length) {
    console.log('Loaded later, when needed (gzip -9):');
    for (const row of others) console.log(`  ${kb(row.gzip).padStart(10)}  (${kb(row.raw).padStart(10)} raw)  ${row.path}`);
  }
}
if (check && total > budget) {
  console.error(`size: the first load is ${total} bytes gzip, over the budget of ${budget} (size-budget.json).`);
  process.exit(1);
}
