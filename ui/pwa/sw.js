/* Sammen's service worker: the offline page and the static shell, push notifications and their clicks.
   It caches ONLY the shell (its own offline page, the icons, NiceGUI's versioned static files): never a page,
   never /api, never anything with personal data. Pages always come from the network. */
'use strict';

const VERSION = '__VERSION__';
const CACHE = 'sammen-shell-' + VERSION;
const OFFLINE = '__OFFLINE__';
const ICON = '__ICON__';
const SHELL = [OFFLINE, __SHELL__];
// NiceGUI's own libraries carry its version in the path, so a cached copy never goes stale.
const STATIC = /^\/_nicegui\/[0-9][^/]*\/(static|libraries|components|esm)\//;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((n) => n.startsWith('sammen-') && n !== CACHE).map((n) => caches.delete(n)));
    if (self.registration.navigationPreload) await self.registration.navigationPreload.enable();
    await self.clients.claim();
  })());
});

async function page(event) {
  try {
    const preloaded = await event.preloadResponse;
    return preloaded || await fetch(event.request);
  } catch (offline) {
    // No network: the offline page (it reloads the address the person asked for once the network is back).
    return (await caches.match(OFFLINE, {cacheName: CACHE})) || Response.error();
  }
}

async function shell(request) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request);
  if (kept) return kept;
  const answer = await fetch(request);
  if (answer.ok && answer.type === 'basic') await cache.put(request, answer.clone());
  return answer;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(page(event));
  } else if (SHELL.includes(url.pathname) || STATIC.test(url.pathname)) {
    event.respondWith(shell(request));
  }
});

/* The link a notification opens: a path on this site only ("/beskeder/12"), anything else becomes the start page. */
function sameOriginPath(link) {
  if (typeof link !== 'string' || !link.startsWith('/') || link.startsWith('//') || link.includes('\\')) return '/';
  try {
    const url = new URL(link, self.location.origin);
    return url.origin === self.location.origin ? url.pathname + url.search + url.hash : '/';
  } catch (bad) {
    return '/';
  }
}

function text(value, limit) {
  return typeof value === 'string' ? value.slice(0, limit) : '';
}

self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch (notJson) {
    data = {};
  }
  const options = {body: text(data.body, 300), data: {link: sameOriginPath(data.link)}, icon: ICON, badge: ICON,
                   lang: 'da'};
  const tag = text(data.tag, 64);
  if (tag) options.tag = tag;
  event.waitUntil(self.registration.showNotification(text(data.title, 120) || 'Sammen', options));
});

/* Focus an open Sammen window and take it to the link, or open a new one. */
async function openLink(link) {
  const target = new URL(sameOriginPath(link), self.location.origin).href;
  const windows = await self.clients.matchAll({type: 'window', includeUncontrolled: true});
  for (const win of windows) {
    if (new URL(win.url).origin !== self.location.origin) continue;
    try {
      await win.focus();
    } catch (noClick) {
      // focusing needs the notification's click; the window is still taken to the link
    }
    try {
      const moved = await win.navigate(target);
      if (moved) return moved;
    } catch (notControlled) {
      // a window this worker does not control cannot be navigated from here: try the next, or open a new one
    }
  }
  return self.clients.openWindow(target);
}
self.sammenOpenLink = openLink;  // the e2e test's hook: headless Chromium cannot click a system notification

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(openLink(event.notification.data && event.notification.data.link));
});

/* The browser replaced the subscription (keys rotated, push service moved): tell Sammen the device's new address. */
self.addEventListener('pushsubscriptionchange', (event) => {
  const old = event.oldSubscription;
  if (!old) return;  // without the old address Sammen cannot tell which device this is: the profile's button fixes it
  event.waitUntil((async () => {
    const fresh = event.newSubscription || await self.registration.pushManager.subscribe(old.options);
    const json = fresh.toJSON();
    await fetch('/api/push/fornyet', {method: 'POST', headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({old: old.endpoint, endpoint: json.endpoint, p256dh: json.keys.p256dh,
                            auth: json.keys.auth})});
  })());
});
