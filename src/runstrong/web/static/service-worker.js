// The service worker: keeps the app shell, and the pages and data the runner
// last fetched, so the player opens and plays with no network.
//
// The server puts VERSION and SHELL_FILES in front of this file.
// - Static files (the shell) and figures: from the cache first; they change
//   only with a new version or a new address.
// - Pages and API reads: from the network first, so they are never stale
//   when the network is there; the last answer is kept for when it is not.
//   Only what this browser itself fetched is kept, and it is dropped when the
//   runner logs out (or a page asks), so one runner's pages never reach another.
// - Writes (POST, PUT, PATCH, DELETE) pass straight through: the player keeps
//   its own queue of what is not saved yet.
"use strict";

const SHELL = `runstrong-shell-${VERSION}`;
const FIGURES = "runstrong-figures";
const VISITED = "runstrong-visited";
const NETWORK_PATIENCE_MS = 4000; // a gym's weak signal: fall back to what is kept after this

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(SHELL_FILES)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((name) => name.startsWith("runstrong-shell-") && name !== SHELL)
      .map((name) => caches.delete(name)));
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  const message = event.data || {};
  if (message.type === "keep" && Array.isArray(message.urls)) {
    // A page asks for what it will need offline: itself when it opened before this worker
    // looked after it, the player its timeline and the figures of every move.
    const name = message.kind === "figures" ? FIGURES : VISITED;
    event.waitUntil(keep(name, message.urls.filter(sameOrigin), message.kind !== "figures"));
  } else if (message.type === "forget") {
    event.waitUntil(forget());
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== "GET") {
    if (/\/logout\/?$/.test(url.pathname)) event.waitUntil(forget());
    return;
  }
  if (url.pathname.endsWith("/service-worker.js")) return;
  if (url.pathname.startsWith("/static/")) {
    event.respondWith(cacheFirst(request, SHELL));
  } else if (url.pathname.startsWith("/figures/")) {
    event.respondWith(cacheFirst(request, FIGURES));
  } else if (request.mode === "navigate" || url.pathname.startsWith("/api/")) {
    if (/\/logout\/?$/.test(url.pathname)) {
      event.waitUntil(forget());
      return;
    }
    event.respondWith(networkFirst(request, event));
  }
});

function sameOrigin(address) {
  try {
    return new URL(address, self.location.href).origin === self.location.origin;
  } catch {
    return false;
  }
}

async function forget() {
  await caches.delete(VISITED);
}

async function keep(name, urls, fresh) {
  const cache = await caches.open(name);
  await Promise.all(urls.map(async (address) => {
    if (!fresh && await cache.match(address)) return;
    try {
      const response = await fetch(address);
      if (response.ok) await cache.put(address, response);
    } catch {
      // Offline already: it is kept when it is next fetched online.
    }
  }));
}

async function cacheFirst(request, name) {
  const cache = await caches.open(name);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

async function networkFirst(request, event) {
  const cache = await caches.open(VISITED);
  const fromNetwork = fetch(request).then(async (response) => {
    // Only plain successful answers are kept: never an error, a redirect (a login page) or
    // a response marked private to one request.
    const storable = response.ok && !response.redirected && response.type === "basic"
      && !/no-store/.test(response.headers.get("Cache-Control") || "");
    if (storable) await cache.put(request, response.clone());
    return response;
  });
  event.waitUntil(fromNetwork.catch(() => {}));
  try {
    return await Promise.race([fromNetwork, patience()]);
  } catch {
    const kept = await cache.match(request);
    if (kept) return markedKept(kept);
    try {
      return await fromNetwork; // nothing kept: wait for the network after all
    } catch {
      return offlineAnswer(request);
    }
  }
}

function markedKept(response) {
  // Say the answer is the copy kept here, not the server's word now (the player then
  // trusts its own newer copy of a session over it).
  const headers = new Headers(response.headers);
  headers.set("x-runstrong-kept", "1");
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

function patience() {
  return new Promise((_, reject) => setTimeout(() => reject(new Error("slow network")), NETWORK_PATIENCE_MS));
}

function offlineAnswer(request) {
  if (request.mode === "navigate") {
    const page = "<!doctype html><meta charset=utf-8><meta name=viewport content='width=device-width'>"
      + "<title>Offline · runstrong</title><body style='font:18px system-ui;padding:1rem'>"
      + "<h1>No connection</h1><p>This page was not opened on this phone before, so there is no "
      + "copy of it here. Pages you have opened (such as a workout's player) work offline.</p>";
    return new Response(page, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
  }
  return Response.json({ detail: "offline: no copy of this kept on this device", errors: [] }, { status: 503 });
}
