// Debrief's loader, inline at the end of index.html (scripts/build/finish.mjs writes MODULES
// above this text, with the build's file names): picks the one module the address needs
// and starts it, fetching its code and its wasm side by side.
//
// The reading of the address follows Route::parse (src/routing.rs): a share link is
// `#/shared/…`, the library is `#/` (or no fragment), anything else is the whole app's. The
// small modules check it again; if they ever disagree they call debriefStartModule('whole')
// instead of reloading, so a mismatch cannot loop.
(() => {
  const here = new URL('./', document.baseURI);

  function startModule(name) {
    const [code, wasm] = MODULES[name];
    const compiled = fetch(new URL(wasm, here));
    import(new URL(code, here).href)
      .then((module) => module.default({ module_or_path: compiled }))
      .catch(couldNotStart);
  }

  function couldNotStart() {
    // Plain text, in words: the module could not be fetched (offline before this browser
    // kept a copy of it) or could not start.
    const message = document.createElement('p');
    message.setAttribute('role', 'alert');
    message.className = 'banner banner-error banner-page';
    message.textContent = navigator.onLine
      ? 'Debrief could not start this page: its code did not load. Your reviews are safe in this browser. Reload the page to try again.'
      : 'Debrief could not load this page: the network is off and this browser has not kept a copy of it yet. Your reviews are safe in this browser. Reconnect and reload the page.';
    document.body.append(message);
  }

  function moduleFor(hash) {
    const path = hash.replace(/^#+/, '').replace(/^\/+/, '');
    if (path.startsWith('shared/')) return 'sharePreview';
    if (/^\/*$/.test(path)) return 'library';
    return 'whole';
  }

  // A small module hands over to the whole app through this, before it has mounted
  // anything (src/modules.rs).
  window.debriefStartModule = startModule;
  startModule(moduleFor(location.hash));
})();
