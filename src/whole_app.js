// Starts the whole app's module, which Trunk builds beside the first-load one (index.html).
export function start_whole_app() {
  const here = new URL('./', document.baseURI);
  import(new URL('debrief-web.js', here).href)
    .then((module) => module.default({ module_or_path: new URL('debrief-web_bg.wasm', here) }))
    .catch(() => {
      // Plain text, in words: the module could not be fetched (offline before this browser
      // kept a copy) or started.
      const message = document.createElement('p');
      message.setAttribute('role', 'alert');
      message.className = 'banner banner-error banner-page';
      message.textContent =
        'Debrief could not load this page: the network is off and this browser has not kept a copy of it yet. Your reviews are safe in this browser. Reconnect and reload the page.';
      document.body.append(message);
    });
}
