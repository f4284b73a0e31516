// The page's side of the service worker (scripts/build/service-worker.js).

// Registers the worker and calls `onReady` once a new version has installed beside the one
// running: found when this page opened, while it is open, or taken over by another tab.
export function watch_for_new_versions(onReady) {
  const container = navigator.serviceWorker;
  if (!container) return;
  // A page that had no worker when it opened gets one at the first visit's install: that is
  // this version, not a new one.
  let controlled = !!container.controller;
  container.addEventListener('controllerchange', () => {
    if (controlled) onReady();
    controlled = true;
  });
  container
    .register('./sw.js', { updateViaCache: 'none' })
    .then((registration) => {
      const offer = (worker) => {
        if (worker && container.controller) onReady();
      };
      offer(registration.waiting);
      registration.addEventListener('updatefound', () => {
        const installing = registration.installing;
        installing?.addEventListener('statechange', () => {
          if (installing.state === 'installed') offer(installing);
        });
      });
      // A tab left open for days asks for a new deploy whenever it is looked at again.
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') registration.update().catch(() => {});
      });
    })
    .catch(() => {
      // Without a worker (private windows in some browsers, file://) the app still works,
      // online only.
    });
}

// Lets the waiting version take over, then reloads into it.
export function switch_to_new_version() {
  const container = navigator.serviceWorker;
  if (!container) return location.reload();
  container.getRegistration().then((registration) => {
    const waiting = registration?.waiting;
    if (!waiting) return location.reload();
    container.addEventListener('controllerchange', () => location.reload(), { once: true });
    waiting.postMessage('take-over');
  });
}
