// Trunk's post-build hook (Trunk.toml): the last touches to a build in its staging folder.
//
// 1. The loader: the app is three modules (src/modules.rs); Trunk builds them, this names
//    each after its content and writes scripts/build/loader.js inline at the end of
//    index.html with those names, to start the one the address needs.
// 2. The app's Content-Security-Policy, as a meta tag at the top of index.html: nothing from
//    other origins, and of inline script only the loader, by its hash.
// 3. sw.js: the service worker (service-worker.js beside this file) with the build's real
//    file list and a version hashed from all of it, so any change to any file is a new
//    version and nothing unchanged is downloaded twice under a new name.
import { createHash } from 'node:crypto';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error('finish.mjs runs as a Trunk hook (TRUNK_STAGING_DIR is not set)');
const release = process.env.TRUNK_PROFILE === 'release';

async function filesUnder(dir) {
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await filesUnder(path)));
    else found.push(path);
  }
  return found;
}

const sha256 = (data, encoding) => createHash('sha256').update(data).digest(encoding);

// --- the loader, and content-named modules

const indexPath = join(staging, 'index.html');
let index = await readFile(indexPath, 'utf8');

// Trunk names its main module (the library's) after its content already; its "worker"
// modules keep their bin names, so they are renamed here the same way. A content name lets
// the HTTP cache and the service worker keep a file for good: a new build is a new name.
const stagedNames = await readdir(staging);
async function contentNamed(bin) {
  const hashed = stagedNames.find((name) => new RegExp(`^${bin}-[0-9a-f]+\\.js$`).test(name));
  if (hashed) return [hashed, hashed.replace(/\.js$/, '_bg.wasm')];
  const [code, wasm] = [`${bin}.js`, `${bin}_bg.wasm`];
  const digest = createHash('sha256');
  for (const name of [code, wasm]) digest.update(await readFile(join(staging, name)));
  const stem = `${bin}-${digest.digest('hex').slice(0, 16)}`;
  await rename(join(staging, code), join(staging, `${stem}.js`));
  await rename(join(staging, wasm), join(staging, `${stem}_bg.wasm`));
  return [`${stem}.js`, `${stem}_bg.wasm`];
}
const modules = {
  library: await contentNamed('debrief-library'),
  sharePreview: await contentNamed('debrief-share-preview'),
  whole: await contentNamed('debrief-web'),
};
const loader = await readFile(join(import.meta.dirname, 'loader.js'), 'utf8');
const loaderScript = `<script>\nconst MODULES = ${JSON.stringify(modules)};\n${loader}</script>`;
if (!/<\/body>/i.test(index)) throw new Error('index.html has no </body> for the loader');
index = index.replace(/<\/body>/i, (end) => `${loaderScript}\n${end}`);

// --- the Content-Security-Policy (before the service worker: it changes index.html)

const inlineScripts = [...index.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
  (match) => `'sha256-${sha256(match[1], 'base64')}'`,
);
const policy = [
  "default-src 'none'",
  // Only this site's scripts, the loader above (by hash), and compiling the wasm modules.
  `script-src 'self' 'wasm-unsafe-eval' ${inlineScripts.join(' ')}`.trim(),
  // Inline style is allowed: the share preview is a sandboxed, script-less srcdoc frame,
  // which inherits this policy, and a report carries its styles inline. Styles run no code.
  "style-src 'self' 'unsafe-inline'",
  // Reports embed their images as data: URLs; downloads are blob: URLs.
  "img-src 'self' data: blob:",
  // The wasm module, the service worker and the worker module, from here only. `trunk serve`
  // reloads the page over a WebSocket; release builds have no such socket.
  `connect-src 'self'${release ? '' : ' ws://127.0.0.1:* ws://localhost:*'}`,
  "worker-src 'self'",
  "manifest-src 'self'",
  "frame-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');
const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
if (index.includes('http-equiv="Content-Security-Policy"')) {
  throw new Error('index.html already has a Content-Security-Policy; this hook writes it');
}
// Right after <head>, before anything it governs.
index = index.replace(/<head>/i, (head) => `${head}\n    ${meta}`);
await writeFile(indexPath, index);

// --- the service worker

const files = (await filesUnder(staging))
  .map((path) => relative(staging, path).split(sep).join('/'))
  .filter((path) => path !== 'sw.js')
  .sort();
const version = createHash('sha256');
for (const file of files) {
  version.update(file);
  version.update(sha256(await readFile(join(staging, file)), 'hex'));
}
const template = await readFile(join(import.meta.dirname, 'service-worker.js'), 'utf8');
const header =
  `// Written by scripts/build/finish.mjs for this build.\n` +
  `const VERSION = ${JSON.stringify(version.digest('hex').slice(0, 16))};\n` +
  `const FILES = ${JSON.stringify(files, null, 1)};\n\n`;
await writeFile(join(staging, 'sw.js'), header + template);
