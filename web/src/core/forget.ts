// Forgetting on this device what the app kept of a person: the caches the service worker and the
// modules fill (everything but the public shell), and, on the quick exit, every storage of this
// origin too.
//
// The shell cache (ponte-shell-<version>) stays: it holds only the build's public files, the same
// for every visitor and listed in sw.js, and keeping it lets the sign-in page open offline.

// True for the caches that may hold something of the person: every cache of the app but the shell.
export const isPersonalCache = (name: string) => !name.startsWith('ponte-shell-');

// Deletes those caches, here and through the service worker (which finishes even after the page
// has left).
export async function forgetCaches() {
  navigator.serviceWorker?.controller?.postMessage({ type: 'logout' });
  if (!('caches' in window)) return;
  const names = await caches.keys();
  await Promise.all(names.filter(isPersonalCache).map((name) => caches.delete(name)));
}

// Deletes every IndexedDB database of this origin.
async function forgetDatabases() {
  if (!('indexedDB' in window) || typeof indexedDB.databases !== 'function') return;
  const databases = await indexedDB.databases();
  await Promise.all(databases.map(({ name }) => name && new Promise<void>((done) => {
    const request = indexedDB.deleteDatabase(name);
    // A deletion blocked by another tab finishes when that tab closes; nothing to wait for here.
    request.onsuccess = request.onerror = request.onblocked = () => done();
  })));
}

// Everything: local and session storage at once, then caches and databases.
export async function forgetEverything() {
  for (const storage of [() => localStorage, () => sessionStorage]) {
    try {
      storage().clear();
    } catch {
      // storage disabled by the browser: nothing was kept there
    }
  }
  await Promise.allSettled([forgetCaches(), forgetDatabases()]);
}
