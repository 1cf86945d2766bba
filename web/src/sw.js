// Ponte's service worker. It precaches the app shell the build made (the list is written in at
// build time), answers navigations with the cached page when the network is down, and serves the
// hashed assets from the cache. API answers are never cached here: personal data stays out of
// caches unless a module marks content for offline use, by putting it in a cache named
// "ponte-content-<module>", which this worker then answers from when offline. At sign-out and at
// the quick exit every cache but the shell is removed (the page posts {type: 'logout'} and
// deletes them itself too; this worker finishes the job if the page has left meanwhile).
const PRECACHE = self.__PRECACHE__;
const VERSION = self.__VERSION__;
const SHELL = `ponte-shell-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(SHELL).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith('ponte-shell-') && n !== SHELL).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'logout') {
    event.waitUntil(
      caches.keys().then((names) => Promise.all(names.filter((n) => !n.startsWith('ponte-shell-')).map((n) => caches.delete(n)))),
    );
  }
});

// What a module put in its offline cache (ponte-content-*), for a request the network cannot answer.
async function offlineContent(request) {
  for (const name of await caches.keys()) {
    if (!name.startsWith('ponte-content-')) continue;
    const cached = await caches.match(request, { cacheName: name });
    if (cached) return cached;
  }
  return Response.error();
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/')) {
    // Always the network; offline, only what a module marked for offline use.
    event.respondWith(fetch(request).catch(() => offlineContent(request)));
    return;
  }
  if (request.mode === 'navigate') {
    // Network first, so that a new version shows at once; the cached page when offline.
    event.respondWith(fetch(request).catch(() => caches.match('/', { cacheName: SHELL })));
    return;
  }
  event.respondWith(caches.match(request, { cacheName: SHELL }).then((cached) => cached || fetch(request)));
});
