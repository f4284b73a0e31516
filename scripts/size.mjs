// What a first visit downloads (opening the library; opening a share link), gzip-compressed
// as a server would send it, file by file; and what the modules loaded later weigh. With
// --check, fails when either first visit is over the budget in size-budget.json (lower that
// number as the load shrinks; never raise it to pass).
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

// A first load: index.html, what it links (the stylesheet), the module the loader starts
// for the address (scripts/build/loader.js: its code and its wasm), and every module that
// code imports statically, followed to the end. (Icons and the manifest are fetched too, but
// they are tiny and off the critical path; the service worker installs after the app runs.)
const html = read('index.html').toString();
const modules = JSON.parse(html.match(/const MODULES = (\{.*?\});/)?.[1] ?? 'null');
if (!modules) throw new Error('index.html has no loader (is this a Trunk build with scripts/build/finish.mjs?)');

function firstLoad(module) {
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
  modules[module].forEach(add);
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

// The two first visits: someone opening the library, someone opening a share link.
const visits = { library: 'opening the library', sharePreview: 'opening a share link' };
const measured = (path) => ({ path, raw: read(path).length, gzip: gzipped(path) });
const loads = Object.entries(visits).map(([module, what]) => {
  const rows = firstLoad(module).map(measured);
  return { what, rows, total: rows.reduce((sum, row) => sum + row.gzip, 0) };
});
const firstFiles = new Set(loads.flatMap((load) => load.rows.map((row) => row.path)));
const others = allFiles()
  .filter((path) => !firstFiles.has(path) && /\.(wasm|js)$/.test(path))
  .map(measured);
const largest = Math.max(...loads.map((load) => load.total));
const budget = JSON.parse(readFileSync(budgetFile, 'utf8')).first_load_gzip_bytes;

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
if (asJson) {
  console.log(JSON.stringify({ first_loads: loads, largest_first_load_gzip: largest, budget, later: others }));
} else {
  const show = (row) => console.log(`  ${kb(row.gzip).padStart(10)}  (${kb(row.raw).padStart(10)} raw)  ${row.path}`);
  for (const load of loads) {
    console.log(`First visit, ${load.what} (gzip -9):`);
    [...load.rows].sort((a, b) => b.gzip - a.gzip).forEach(show);
    console.log(`  ${kb(load.total).padStart(10)}  in all; budget ${kb(budget)}`);
  }
  if (others.length) {
    console.log('Loaded later, when needed (gzip -9):');
    others.forEach(show);
  }
}
if (check && largest > budget) {
  console.error(`size: a first visit downloads ${largest} bytes gzip, over the budget of ${budget} (size-budget.json).`);
  process.exit(1);
}
