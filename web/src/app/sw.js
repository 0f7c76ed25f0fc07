// Offline once loaded: every same-origin GET is answered from the network when it can be (and the
// copy kept), from the cache when it cannot. The app's own files are fetched at install.
const CACHE = 'selfcrm-vault-v1';
const SHELL = ['./', './index.html', './main.js', './consent.js', './explain.js', './dom.js', './charts.js', './vault-view.js',
  './import-view.js', './insights-view.js', './style.css', './display.html', './display.js', './manifest.webmanifest', './icon.svg', './build-info.json',
  '../index.js', '../selfcrm.mjs', '../selfcrm.wasm'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)).catch(() => undefined).then(() => self.skipWaiting()));
});
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith(fetch(event.request).then((res) => {
    if (res.ok) {
      const copy = res.clone();
      caches.open(CACHE).then((c) => c.put(event.request, copy));
    }
    return res;
  }).catch(() => caches.match(event.request).then((hit) => hit ?? Response.error())));
});
