// Every page: start the service worker that keeps the app for offline use, and
// say plainly on pages that need them when offline use or a screen held awake
// cannot work here, and why.
"use strict";

(() => {
  const notice = document.getElementById("context-notice");
  const problems = [];

  if (!window.isSecureContext) {
    problems.push("Offline use and keeping the screen on are off: this page came over plain "
      + "http from another computer, and browsers allow both only on https pages (or on the "
      + "computer itself). Start runstrong with --cert and --key and open its https address; "
      + "the web guide (docs/web.md) shows how.");
  } else {
    if (!("serviceWorker" in navigator)) {
      problems.push("This browser cannot keep the player for offline use: keep the phone "
        + "connected during the session.");
    }
    if (!("wakeLock" in navigator)) {
      problems.push("This browser cannot keep the screen on: set a longer screen time-out "
        + "for the session.");
    }
  }

  function show() {
    if (!notice || !problems.length) return;
    notice.textContent = problems.join(" ");
    notice.hidden = false;
  }

  if (window.isSecureContext && "serviceWorker" in navigator) {
    const script = document.documentElement.dataset.serviceWorker;
    const firstVisit = !navigator.serviceWorker.controller;
    navigator.serviceWorker.register(script, { scope: "/" }).then(async () => {
      // This page opened before the worker looked after it: have it kept for offline use.
      const ready = await navigator.serviceWorker.ready;
      if (firstVisit && ready.active) ready.active.postMessage({ type: "keep", urls: [location.href] });
    }).catch((error) => {
      problems.push(`Offline use is off: the browser would not keep the player (${error.message}).`);
      show();
    });
  }
  show();
})();
