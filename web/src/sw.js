// Ponte's service worker. It precaches the app shell the build made (the list is written in at
// build time), answers navigations with the cached page when the network is down, and serves the
// hashed assets from the cache. API answers are never cached here: personal data stays out of
// caches unless a module marks content for offline use, in caches named "ponte-content-*", which
// are removed at logout (the page posts {type: 'logout'}).
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
      caches.keys().then((names) => Promise.all(names.filter((n) => n.startsWith('ponte-content-')).map((n) => caches.delete(n)))),
    );
  }
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    // Network first, so that a new version shows at once; the cached page when offline.
    event.respondWith(fetch(request).catch(() => caches.match('/', { cacheName: SHELL })));
    return;
  }
  event.respondWith(caches.match(request, { cacheName: SHELL }).then((cached) => cached || fetch(request)));
});
