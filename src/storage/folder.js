// A folder on the person's disk, through the File System Access API (Chromium browsers):
// picking it, keeping the permission, and reading and writing whole files in it. What goes
// into which file is decided in Rust (debrief_core::folder); this file only speaks the API.
//
// Every function settles one promise; errors are the browser's DOMExceptions, named
// (NotAllowedError, NotFoundError, QuotaExceededError, …), for Rust to put into words.

export function folderSupported() {
  return typeof globalThis.showDirectoryPicker === "function";
}

// Resolves to the picked folder's handle, or null when the person closed the picker.
export async function pickFolder() {
  try {
    return await globalThis.showDirectoryPicker({ id: "debrief-workbook", mode: "readwrite" });
  } catch (err) {
    if (err && err.name === "AbortError") return null;
    throw err;
  }
}

export function folderName(handle) {
  return handle.name;
}

// "granted", "prompt" or "denied". Asking (`ask`) needs a click in progress: the browser
// shows its own question then.
export async function permission(handle, ask) {
  // Handles of the origin's private file system have no permission to ask for.
  if (typeof handle.queryPermission !== "function") return "granted";
  const options = { mode: "readwrite" };
  const state = await handle.queryPermission(options);
  if (state === "granted" || !ask) return state;
  return handle.requestPermission(options);
}

// [[name, lastModified, size], …] of the files whose name ends with `suffix`.
export async function listFiles(handle, suffix) {
  const files = [];
  for await (const [name, entry] of handle.entries()) {
    if (entry.kind !== "file" || !name.endsWith(suffix)) continue;
    let file;
    try {
      file = await entry.getFile();
    } catch (err) {
      // Removed between the listing and the look (a git checkout in progress): it is gone.
      if (err && err.name === "NotFoundError") continue;
      throw err;
    }
    files.push([name, file.lastModified, file.size]);
  }
  return files;
}

export async function readFile(handle, name) {
  const entry = await handle.getFileHandle(name);
  return (await entry.getFile()).text();
}

// Writes the whole text. The browser writes to a copy and swaps it in on close, so a crash
// half-way leaves the old file whole. Resolves to [lastModified, size] of the new file.
export async function writeFile(handle, name, text) {
  const entry = await handle.getFileHandle(name, { create: true });
  const writable = await entry.createWritable();
  try {
    await writable.write(text);
    await writable.close();
  } catch (err) {
    await writable.abort().catch(() => {});
    throw err;
  }
  const file = await entry.getFile();
  return [file.lastModified, file.size];
}

export async function removeFile(handle, name) {
  try {
    await handle.removeEntry(name);
  } catch (err) {
    if (!err || err.name !== "NotFoundError") throw err;
  }
}

// Holds a lock shared by this site's tabs, so two tabs never bring one folder in step at
// the same moment. Resolves, once the lock is held, to the function that lets it go.
export function holdLock(name) {
  if (!globalThis.navigator || !navigator.locks) return Promise.resolve(() => {});
  return new Promise((held) => {
    navigator.locks.request(name, () => new Promise((release) => held(release)));
  });
}
