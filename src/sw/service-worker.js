/* Service worker: keeps the built app available offline. The build fills in this build's version
 * and the files to precache (see vite.config.ts). Only this site's own files are cached; data lives
 * in IndexedDB. */
// eslint-disable-next-line no-undef -- replaced at build time
const VERSION = __VERSION__;
// eslint-disable-next-line no-undef -- replaced at build time
const ASSETS = __ASSETS__;
const CACHE = `cswb-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(['./', ...ASSETS])).then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('cswb-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      const hit = await cache.match(request, { ignoreSearch: request.mode === 'navigate' });
      if (hit) return hit;
      try {
        return await fetch(request);
      } catch (error) {
        if (request.mode === 'navigate') {
          const page = await cache.match('./');
          if (page) return page;
        }
        throw error;
      }
    }),
  );
});
