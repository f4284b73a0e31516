// A static file server for the release build in dist/, on loopback only. It serves the same
// files at the root and under /debrief/, the way GitHub Pages serves a project site, so the
// sub-path set-up is tested rather than hoped for. Unknown paths get Pages' behaviour: 404.html.
// `deploy(folder)` swaps the files served, as a new deploy does under an open tab. Like Pages,
// it compresses with gzip for browsers that accept it, so timings over a throttled line are
// those of the real site.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export const DIST = resolve(import.meta.dirname, '../../../dist');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
};

export async function startServer({ subPath = '/debrief/' } = {}) {
  let served = DIST;
  const compressed = new Map();
  const server = createServer(async (req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    if (path.startsWith(subPath)) path = '/' + path.slice(subPath.length);
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(served, path));
    if (!file.startsWith(served)) {
      res.writeHead(403).end();
      return;
    }
    try {
      let body = await readFile(file);
      const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' };
      if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '') && extname(file) !== '.png') {
        const key = `${file}:${body.length}`;
        if (!compressed.has(key)) compressed.set(key, gzipSync(body, { level: 6 }));
        body = compressed.get(key);
        headers['content-encoding'] = 'gzip';
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    root: `http://127.0.0.1:${port}/`,
    subPath: `http://127.0.0.1:${port}${subPath}`,
    deploy: (folder) => {
      served = resolve(folder);
    },
    close: () => new Promise((ok) => server.close(ok)),
  };
}
