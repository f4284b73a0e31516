// Debrief's service worker: the app works offline after one visit.
//
// scripts/build/finish.mjs writes VERSION and FILES above this text on every build: FILES is
// the build's real file list, VERSION a hash of all of it. Everything is served from the
// cache of the version the browser installed, cache first; the network is asked only for
// what the cache lacks. A new deploy installs beside the old one and waits: the page offers
// "A new version is ready — reload", and only that button tells it to take over, so code is
// never swapped under an open editor.

const CACHE = `debrief-${VERSION}`;
const scope = new URL(self.registration.scope);
const INDEX = new URL('index.html', scope).href;
const PRECACHE = FILES.map((file) => new URL(file, scope).href);

self.addEventListener('install', (event) => {
  // A file whose name carries its content's hash can come from the HTTP cache (the first
  // visit has just downloaded it: no second download); any other file is asked of the
  // server, so an older build's copy cannot be taken for this one's.
  const hashed = /-[0-9a-f]{8,16}(_bg)?\.[a-z]+$|\/snippets\/[^/]+-[0-9a-f]{8,16}\//;
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) =>
        cache.addAll(PRECACHE.map((url) => new Request(url, { cache: hashed.test(url) ? 'default' : 'reload' }))),
      ),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('debrief-') && name !== CACHE) await caches.delete(name);
      }
      // The first visit's page starts using the worker at once, so it is offline-ready
      // without a reload.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'take-over') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== scope.origin || !url.href.startsWith(scope.href)) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // Every page of the app is index.html: routes live in the fragment.
      const key = request.mode === 'navigate' ? INDEX : request;
      const cached = await cache.match(key, { ignoreSearch: true });
      return cached ?? fetch(request);
    })(),
  );
});
