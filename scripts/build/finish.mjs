// Trunk's post-build hook (Trunk.toml): the last touches to a build in its staging folder.
//
// 1. sw.js: the service worker (service-worker.js beside this file) with the build's real
//    file list and a version hashed from all of it, so any change to any file is a new
//    version and nothing unchanged is downloaded twice under a new name.
// 2. The app's Content-Security-Policy, as a meta tag at the top of index.html: nothing from
//    other origins, and of inline script only what Trunk's loader writes, by its hash.
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
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

// --- the Content-Security-Policy (first, since it changes index.html, which is precached)

const indexPath = join(staging, 'index.html');
let index = await readFile(indexPath, 'utf8');
const inlineScripts = [...index.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
  (match) => `'sha256-${sha256(match[1], 'base64')}'`,
);
const policy = [
  "default-src 'none'",
  // Only this site's scripts, the loader Trunk writes inline (by hash), and compiling the
  // wasm module.
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
