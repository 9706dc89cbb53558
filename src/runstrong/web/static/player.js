// The browser player: plays a compiled timeline from the API, made for a phone in a gym.
//
// Time is kept as absolute performance.now() deadlines: every tick recomputes
// what is left from the clock, so timers never drift by adding up intervals,
// and a timed step that ends hands its exact deadline to the next one.
// `?speed=N` (a preview and test aid) makes N seconds of workout pass per
// real second; such a session is a preview the log never shows.
//
// The session lives on the server (in the training log): a reload, a lost tab
// or another device comes back to the same step, paused. The phone keeps its
// own copy too (localStorage), with every write not yet saved: each set's
// outcome carries an id made here, so resending it is harmless. Writes go in
// order and are retried until the server has them, across reloads and with
// no network at all; a badge counts the sets not saved yet.
//
// After each loaded or rep set the dock shows what will be logged (reps from
// the plan, weight from the advice, last time's beside them): one tap logs it,
// the steppers change it, and left alone it is logged as shown when the next
// set begins.
"use strict";

(() => {
  const root = document.getElementById("player");
  const speed = Number(root.dataset.speed) || 1;
  const workoutId = root.dataset.workout;
  const preview = speed !== 1;
  const prefsKey = "runstrong.player.prefs";
  const stateKey = `runstrong.player.${preview ? "preview." : ""}${workoutId}`;
  const SETTLE_MS = 400; // taps this soon after a step change are ignored: no double-tap slips
  const byId = (id) => document.getElementById(id);
  const ui = {
    block: byId("step-block"), round: byId("step-round"), count: byId("step-count"),
    kind: byId("step-kind"), label: byId("step-label"), side: byId("step-side"),
    dose: byId("step-dose"), countdown: byId("countdown"), clockNote: byId("step-clock-note"),
    next: byId("next-up"), bar: byId("progress"), left: byId("time-left"),
    primary: byId("btn-primary"), primaryLabel: byId("primary-label"), pause: byId("pause-label"),
    pauseButton: byId("btn-pause"),
    paused: byId("paused-banner"), easier: byId("btn-easier"),
    voice: byId("toggle-voice"), beeps: byId("toggle-beeps"),
    finished: byId("finished"), summary: byId("finished-summary"), finishedSets: byId("finished-sets"),
    logLink: byId("log-link"), discard: byId("btn-discard"), saving: byId("save-status"),
    unsaved: byId("unsaved"), error: byId("player-error"), figure: byId("step-figure"),
    check: byId("set-check"), checkName: byId("set-check-name"), checkLast: byId("set-check-last"),
    checkReps: byId("set-check-reps"), checkWeight: byId("set-check-weight"),
    checkRepsField: byId("set-check-reps-field"), checkWeightField: byId("set-check-weight-field"),
    checkOk: byId("set-check-ok"),
  };

  let timeline = null; // TimelineView from /api/timeline
  let plans = {}; // exercise id -> SetPlanView: the weight to use, and last time's numbers
  let session = null; // SessionView from /api/sessions (null until the runner starts)
  let index = 0;
  let spentBefore = 0; // workout seconds spent in this step before the current run
  let activeBefore = 0; // workout seconds of the steps already ended
  let runStart = null; // performance.now() when the current run began; null while paused
  let started = false; // the runner has pressed Start (a paused session shows as paused)
  let tally = { done: 0, skipped: 0 }; // sets recorded, here or on the server
  let check = null; // the set just done, waiting to be logged: {body, step, plan}
  let settleUntil = 0;
  let lastCue = null; // the countdown second last beeped, so each beep plays once
  let timer = null;
  let wakeLock = null;
  let audio = null;

  // ---- server --------------------------------------------------------------

  class Refused extends Error {} // the server answered 4xx: sending again would not help
  class Unreachable extends Error {} // no network, or only this phone's kept copy answered

  async function api(method, path, body, { keptWillDo = false } = {}) {
    let response;
    try {
      response = await fetch(path, {
        method,
        headers: body ? { "content-type": "application/json" } : {},
        body: body ? JSON.stringify(body) : undefined,
        keepalive: method !== "GET", // a write under way still lands if the page goes away
      });
    } catch (error) {
      throw new Unreachable(error.message);
    }
    if (response.headers.get("x-runstrong-kept") && !keptWillDo) throw new Unreachable("offline");
    if (response.status === 404 && method === "GET") return null;
    if (response.status === 503) throw new Unreachable(`${method} ${path}: offline`);
    if (response.status >= 400 && response.status < 500) {
      const problem = await response.json().catch(() => ({}));
      throw new Refused(problem.detail || `${method} ${path}: ${response.status}`);
    }
    if (!response.ok) throw new Unreachable(`${method} ${path}: ${response.status}`);
    return response.status === 204 ? null : response.json();
  }

  // Writes go one at a time, in the order they happened, and are kept on the phone until
  // the server has them. One that fails for want of a connection is tried again (the same
  // outcome with the same id) until it lands; later writes wait behind it.
  let outbox = [];
  let sending = false;
  let failures = 0;
  let waiting = []; // resolved when the outbox is next empty
  let wake = null; // cuts a retry wait short (the connection came back)

  function send(method, path, body, kind) {
    const last = outbox[outbox.length - 1];
    if (kind === "position" && last && last.kind === "position" && !last.sent) {
      last.body = body; // only the newest place matters
    } else {
      outbox.push({ method, path, body, kind, sent: false });
    }
    keepLocal();
    showSaving();
    flush();
  }

  function drained() {
    if (!outbox.length) return Promise.resolve();
    return new Promise((resolve) => waiting.push(resolve));
  }

  async function flush() {
    if (sending) return;
    sending = true;
    while (outbox.length) {
      const job = outbox[0];
      job.sent = true;
      try {
        const answer = await api(job.method, job.path, job.body);
        outbox.shift();
        failures = 0;
        if (job.kind === "finish" && answer) session = answer;
      } catch (error) {
        if (error instanceof Refused) {
          outbox.shift(); // the server will never take it: say so, keep the rest going
          showError(`Not saved: ${error.message}`);
        } else {
          job.sent = false;
          failures += 1;
          showSaving();
          await new Promise((resolve) => {
            wake = resolve;
            setTimeout(resolve, Math.min(10000, 500 * 2 ** Math.min(failures, 5)));
          });
          wake = null;
        }
      }
      keepLocal();
      showSaving();
    }
    sending = false;
    if (timeline && index >= timeline.steps.length) render();
    const resolved = waiting;
    waiting = [];
    resolved.forEach((resolve) => resolve());
  }

  function retryNow() {
    failures = 0;
    if (wake) wake();
    flush();
  }

  function sendAllNow() {
    // The page is going away (reload, tab closed): try what waits, in order, without waiting.
    // It stays on the phone too; a resend after the reload is harmless.
    keepLocal();
    for (const job of outbox.filter((j) => !j.sent)) quietly(api(job.method, job.path, job.body));
  }

  const unsavedSets = () => outbox.filter((job) => job.kind === "set").length + (check ? 1 : 0);

  function showSaving() {
    root.dataset.saved = String(!outbox.length);
    const queued = outbox.filter((job) => job.kind === "set").length;
    const stuck = outbox.length > 0 && (failures > 0 || !navigator.onLine);
    ui.unsaved.hidden = !(stuck && queued);
    ui.unsaved.textContent = `${plural(queued, "set")} not saved${navigator.onLine ? "" : " · offline"}`;
    ui.unsaved.title = `${plural(queued, "set")} kept on this phone, sent when the connection is back`;
    ui.saving.hidden = !stuck;
    const why = navigator.onLine ? "retrying" : "no connection: they are kept on this phone and sent when it is back";
    ui.saving.textContent = queued
      ? `${plural(queued, "set")} not saved yet (${why}).`
      : `Your place is not saved yet (${why}).`;
  }

  function showError(message) {
    ui.error.textContent = message;
    ui.error.hidden = false;
  }

  function quietly(promise) {
    promise.catch(() => {});
  }

  function newId() {
    // crypto.randomUUID needs https; this works on a phone reaching the laptop by its address.
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  function timelineUrl(variations) {
    const query = Object.entries(variations)
      .map(([exercise, variation]) => `variation=${encodeURIComponent(`${exercise}=${variation}`)}`)
      .join("&");
    return `${root.dataset.api}${query ? `?${query}` : ""}`;
  }

  async function loadTimeline(variations) {
    const url = timelineUrl(variations);
    timeline = await api("GET", url, undefined, { keptWillDo: true });
    keepForOffline([url, root.dataset.setsApi], "visited");
    const figures = new Set(timeline.steps.map((s) => s.figure_url).filter(Boolean));
    keepForOffline([...figures], "figures");
  }

  async function loadPlans() {
    try {
      const found = await api("GET", root.dataset.setsApi, undefined, { keptWillDo: true });
      plans = Object.fromEntries((found || []).map((plan) => [plan.exercise_id, plan]));
    } catch {
      plans = {}; // no advice to hand: sets start from the plan's reps alone
    }
  }

  function keepForOffline(urls, kind) {
    // Ask the service worker to keep what a session needs, even if this page opened before it.
    if (!("serviceWorker" in navigator) || !urls.length) return;
    quietly(navigator.serviceWorker.ready.then((ready) => {
      if (ready.active) ready.active.postMessage({ type: "keep", kind, urls });
    }));
  }

  // ---- the phone's own copy ------------------------------------------------

  function keepLocal() {
    if (!session || !timeline) return;
    const state = {
      sessionId: session.id, variations: timeline.variations, index,
      elapsed: Math.max(0, elapsed()), active: activeBefore, tally, check,
      outbox: outbox.map(({ method, path, body, kind }) => ({ method, path, body, kind, sent: false })),
    };
    try {
      localStorage.setItem(stateKey, JSON.stringify(state));
    } catch {
      // Storage full or refused (private mode): the server copy still works while online.
    }
  }

  function readLocal() {
    try {
      return JSON.parse(localStorage.getItem(stateKey) || "null");
    } catch {
      return null;
    }
  }

  function forgetLocal() {
    localStorage.removeItem(stateKey);
  }

  // ---- clock ---------------------------------------------------------------

  const step = () => timeline.steps[index];
  const now = () => performance.now();
  const elapsed = () => spentBefore + (runStart === null ? 0 : ((now() - runStart) * speed) / 1000);
  const remaining = () => step().seconds - elapsed();
  const timed = (s) => !s.waits_for_runner;
  const finished = () => index >= timeline.steps.length;

  function clock(seconds) {
    const whole = Math.max(0, Math.ceil(seconds - 1e-9));
    return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
  }

  function schedule() {
    clearTimeout(timer);
    if (runStart === null || finished()) return;
    // Wake at the next whole displayed second (or sooner, for a smooth bar).
    const left = timed(step()) ? remaining() : elapsed();
    const toNextSecond = ((left % 1) || 1) * 1000 / speed;
    timer = setTimeout(tick, Math.max(10, Math.min(250, toNextSecond + 2)));
  }

  function tick() {
    // Chain timed steps on their deadlines, so a throttled background tab catches up exactly.
    while (runStart !== null && !finished() && timed(step()) && remaining() <= 0) {
      const deadline = runStart + ((step().seconds - spentBefore) * 1000) / speed;
      finishStep("done", step().seconds);
      if (finished()) return complete();
      runStart = deadline;
      enterStep();
    }
    render();
    schedule();
  }

  // ---- moving through the steps --------------------------------------------

  function finishStep(outcome, seconds) {
    const s = step();
    if (s.kind === "work") {
      logCheck(); // an earlier set left unconfirmed is logged as it was shown
      const body = {
        client_id: newId(), step_index: index, exercise_id: s.exercise_id, outcome,
        seconds: Math.min(Math.round(seconds * 1000) / 1000, 86400),
      };
      const plan = plans[s.exercise_id];
      const asks = outcome === "done" && (s.reps || (plan && plan.weighted));
      if (asks && !preview) {
        if (s.reps) body.reps = s.reps;
        if (plan && plan.weighted && plan.load) Object.assign(body, { load: plan.load, unit: plan.unit });
        check = { body, index };
      } else {
        record(body);
      }
    }
    activeBefore += Math.max(0, seconds);
    index += 1;
    spentBefore = 0;
    lastCue = null;
  }

  function record(body) {
    tally[body.outcome === "done" ? "done" : "skipped"] += 1;
    send("POST", `/api/sessions/${session.id}/sets`, body, "set");
  }

  function logCheck() {
    if (!check) return;
    const { body } = check;
    check = null;
    record(body);
    renderCheck();
  }

  function adjustCheck(field, direction) {
    if (!check) return;
    const { body } = check;
    if (field === "reps") {
      body.reps = Math.max(0, Math.min(999, (body.reps || 0) + direction));
    } else {
      const unit = body.unit || (plans[body.exercise_id] || {}).unit || "kg";
      const stepSize = unit === "lb" ? 2.5 : 1;
      const next = Math.max(0, Math.min(500, (body.load || 0) + direction * stepSize));
      body.load = Math.round(next * 10) / 10;
      body.unit = unit;
    }
    keepLocal();
    renderCheck();
  }

  function enterStep() {
    settleUntil = now() + SETTLE_MS;
    root.classList.add("settling");
    setTimeout(() => root.classList.remove("settling"), SETTLE_MS);
    if (step().kind === "work") logCheck();
    if (runStart !== null && navigator.vibrate) navigator.vibrate(step().kind === "work" ? 200 : [80, 80, 80]);
    announce();
    savePosition();
  }

  function go(outcome) {
    if (!timeline || finished()) return;
    const wasRunning = runStart !== null;
    finishStep(outcome, elapsed());
    if (finished()) return complete();
    runStart = wasRunning ? now() : null;
    enterStep();
    tick();
  }

  function back() {
    // Once the last step is over the session is finished on the server: it takes no more moves.
    if (!timeline || finished()) return;
    index = Math.max(0, index - 1);
    spentBefore = 0;
    lastCue = null;
    if (runStart !== null) runStart = now();
    enterStep();
    tick();
  }

  function togglePause() {
    if (!timeline || finished()) return;
    if (runStart === null) {
      unlockAudio();
      runStart = now();
      started = true;
      if (spentBefore === 0) announce();
      holdScreen();
    } else {
      spentBefore = elapsed();
      runStart = null;
      releaseScreen();
    }
    savePosition();
    tick();
  }

  function primary() {
    // What the step waits for: Start or Resume when paused, Done on rep work and rest as
    // needed, Pause on timed work.
    if (runStart !== null && step().waits_for_runner) return go("done");
    return togglePause();
  }

  async function easier() {
    const current = finished() ? null : step();
    const target = current && current.exercise_id && timeline.easier[current.exercise_id];
    if (!target || timeline.variations[current.exercise_id] === target) return;
    if (!navigator.onLine) return showError("Switching to the easier move needs the connection: try again when it is back.");
    logCheck();
    savePosition();
    await drained(); // the server moves the position by the one rule both players share
    const variations = { ...timeline.variations, [current.exercise_id]: target };
    try {
      session = await api("PUT", `/api/sessions/${session.id}/variations`, { variations });
    } catch (error) {
      return showError(`Could not switch: ${error.message}`);
    }
    await loadTimeline(session.variations);
    index = session.index;
    spentBefore = session.elapsed;
    if (runStart !== null) runStart = now();
    enterStep();
    tick();
  }

  function complete() {
    clearTimeout(timer);
    runStart = null;
    releaseScreen();
    index = timeline.steps.length;
    logCheck();
    speak("Workout complete. Well done.");
    beep(880, 0.6);
    if (session && !session.finished && !outbox.some((job) => job.kind === "finish")) {
      send("POST", `/api/sessions/${session.id}/finish`, {
        completed: true, active_seconds: Math.min(activeBefore, 86400),
      }, "finish");
    }
    render();
    quietly(drained().then(showLogged));
  }

  async function showLogged() {
    // The sets as the log has them, in the same units as History.
    if (!session || !session.finished) return;
    forgetLocal();
    render();
    if (!session.log_uid) return; // a preview: nothing in the log
    let entry;
    try {
      entry = await api("GET", `/api/log/${encodeURIComponent(session.log_uid)}`);
    } catch {
      return;
    }
    if (!entry) return;
    const names = Object.fromEntries(timeline.steps.filter((s) => s.exercise_id).map((s) => [s.exercise_id, s.exercise_name]));
    const byExercise = new Map();
    for (const set of entry.sets.filter((s) => s.outcome === "done")) {
      const row = byExercise.get(set.exercise_id) || { sets: 0, loads: new Set(), reps: new Set() };
      row.sets += 1;
      if (set.load_kg) row.loads.add(weightText(set.load_kg, set.load_unit || "kg"));
      if (set.reps_done != null) row.reps.add(set.reps_done);
      byExercise.set(set.exercise_id, row);
    }
    ui.finishedSets.replaceChildren(...[...byExercise].map(([id, row]) => {
      const item = document.createElement("li");
      const parts = [plural(row.sets, "set")];
      if (row.reps.size) parts.push(`${[...row.reps].join("/")} reps`);
      if (row.loads.size) parts.push([...row.loads].join(", "));
      item.textContent = `${names[id] || id}: ${parts.join(" · ")}`;
      return item;
    }));
  }

  function weightText(kilograms, unit) {
    const amount = unit === "lb" ? kilograms / 0.45359237 : kilograms;
    return `${Math.round(amount * 10) / 10} ${unit}`;
  }

  async function discard() {
    if (!session || !window.confirm("Discard this session? It will not be kept in your log.")) return;
    await drained();
    try {
      await api("DELETE", `/api/sessions/${session.id}`);
    } catch (error) {
      return showError(`Could not discard it: ${error.message}`);
    }
    forgetLocal();
    session = null;
    ui.summary.textContent = "Discarded: this session is not in your log.";
    ui.finishedSets.replaceChildren();
    ui.discard.hidden = true;
    ui.logLink.hidden = true;
    root.dataset.discarded = "true";
  }

  // ---- saving and resuming -------------------------------------------------

  function savePosition() {
    if (!session || index > timeline.steps.length) return;
    send("PUT", `/api/sessions/${session.id}/position`, {
      index: Math.min(index, timeline.steps.length),
      elapsed: Math.min(Math.max(0, elapsed()), 86400), paused: runStart === null,
      active_seconds: Math.min(activeBefore, 86400),
    }, "position");
  }

  let starting = null;

  function startSession() {
    // The session begins with the runner's first key: a page only looked at leaves nothing.
    starting = starting || api("POST", "/api/sessions", {
      workout_id: workoutId, variations: timeline.variations, speed,
    }).then((view) => {
      session = view;
      keepLocal();
      return true;
    }, (error) => {
      starting = null;
      const why = error instanceof Unreachable ? "there is no connection" : error.message;
      showError(`Could not start the session: ${why}. Try again when the connection is back.`);
      return false;
    });
    return starting;
  }

  function withSession(action) {
    return async () => {
      if (!timeline || finished()) return;
      if (!session && !(await startSession())) return;
      await action();
    };
  }

  async function resume() {
    const local = readLocal();
    const query = `workout_id=${encodeURIComponent(workoutId)}&preview=${preview}`;
    let found = null;
    let reached = true;
    try {
      found = await api("GET", `/api/sessions/current?${query}`);
    } catch (error) {
      if (!(error instanceof Unreachable)) throw error;
      reached = false;
    }
    const same = local && found && found.id === local.sessionId;
    // The phone's copy wins when it holds what the server has not seen yet, or when the
    // server cannot be reached; otherwise the server's (another device may have moved on).
    const pending = local && (local.outbox.length || local.check);
    if (local && local.sessionId && ((same && pending) || !reached)) {
      session = found || { id: local.sessionId, variations: local.variations, finished: false, done: 0, skipped: 0 };
      outbox = local.outbox;
      check = local.check;
      tally = local.tally || tally;
      await loadTimeline(local.variations);
      index = local.index;
      spentBefore = local.elapsed;
      activeBefore = local.active;
    } else {
      if (local && local.outbox.length) outbox = local.outbox; // another session's writes: still send them
      session = found;
      await loadTimeline(session ? session.variations : JSON.parse(root.dataset.variations || "{}"));
      if (!session) return;
      tally = { done: session.done, skipped: session.skipped };
      index = session.index;
      spentBefore = session.elapsed;
      activeBefore = session.active_seconds;
    }
    started = index > 0 || spentBefore > 0;
    if (outbox.length) flush();
  }

  // ---- cues: voice, beeps, screen ------------------------------------------

  const prefs = Object.assign({ voice: true, beeps: true }, JSON.parse(localStorage.getItem(prefsKey) || "{}"));

  function setPref(name, value) {
    prefs[name] = value;
    localStorage.setItem(prefsKey, JSON.stringify(prefs));
    ui[name].checked = value;
    if (name === "voice" && !value && window.speechSynthesis) speechSynthesis.cancel();
  }

  function speak(text) {
    if (!prefs.voice || !window.speechSynthesis) return;
    speechSynthesis.cancel();
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.rate = 1.05;
    speechSynthesis.speak(utterance);
  }

  function unlockAudio() {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!audio && Context) audio = new Context();
    if (audio && audio.state === "suspended") audio.resume();
  }

  function beep(frequency, seconds) {
    if (!prefs.beeps || !audio) return;
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.25, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + seconds);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start();
    oscillator.stop(audio.currentTime + seconds);
  }

  function countdownBeeps() {
    if (runStart === null || !timed(step())) return;
    const second = Math.ceil(remaining());
    if (second >= 1 && second <= 3 && second !== lastCue) {
      lastCue = second;
      beep(660, 0.12);
    }
  }

  function announce() {
    if (runStart === null || finished()) return;
    const s = step();
    const next = nextWork();
    const tail = s.kind !== "work" && next ? `. Next: ${next.label}` : "";
    speak(`${s.label}, ${s.kind === "work" ? spokenWork(s) : clock(s.seconds)}${tail}`);
    beep(s.kind === "work" ? 990 : 520, 0.25);
  }

  async function holdScreen() {
    try {
      if ("wakeLock" in navigator && !wakeLock) {
        wakeLock = await navigator.wakeLock.request("screen");
        wakeLock.addEventListener("release", () => { wakeLock = null; });
      }
    } catch {
      wakeLock = null; // Not allowed (battery saver, no user gesture): the player still works.
    }
  }

  function releaseScreen() {
    if (wakeLock) quietly(wakeLock.release());
    wakeLock = null;
  }

  // ---- words ---------------------------------------------------------------

  const capitalise = (text) => text.charAt(0).toUpperCase() + text.slice(1);
  const plural = (count, noun) => `${count} ${noun}${count === 1 ? "" : "s"}`;

  function weightOf(s) {
    // The weight to use, from the advice: "12 kg"; "" for bodyweight or nothing to go on.
    const plan = s.exercise_id && plans[s.exercise_id];
    return plan && plan.weighted && plan.load ? `${plan.load} ${plan.unit}` : "";
  }

  function workText(s) {
    // "8 reps · 12 kg", "30 s · 16 kg", "20 s".
    const amount = s.reps ? plural(s.reps, "rep") : `${Math.round(s.seconds)} s`;
    return [amount, weightOf(s)].filter(Boolean).join(" · ");
  }

  function spokenWork(s) {
    // "8 reps with 12 kilograms", "20 seconds".
    const amount = s.reps ? plural(s.reps, "rep") : `${Math.round(s.seconds)} seconds`;
    const plan = s.exercise_id && plans[s.exercise_id];
    const unit = plan && plan.unit === "lb" ? "pounds" : "kilograms";
    return plan && plan.weighted && plan.load ? `${amount} with ${plan.load} ${unit}` : amount;
  }

  function nextWork() {
    return timeline.steps.slice(index + 1).find((s) => s.kind === "work") || null;
  }

  function nextText() {
    // "B Squat · right leg · 8 reps · 12 kg": the next thing to do, whatever comes between.
    const s = nextWork();
    if (!s) return "the end";
    return [s.exercise_name, s.how, workText(s)].filter(Boolean).join(" · ");
  }

  // ---- drawing -------------------------------------------------------------

  function render() {
    const total = timeline.steps.length;
    const done = finished();
    root.dataset.index = String(index);
    root.dataset.state = done ? "finished" : runStart === null ? "paused" : "playing";
    root.dataset.started = String(started);
    ui.finished.hidden = !done;
    const fraction = done ? 1 : (timeline.total_seconds - step().seconds_after - Math.max(0, remaining())) / timeline.total_seconds;
    ui.bar.setAttribute("aria-valuenow", String(Math.round(fraction * 100)));
    ui.bar.firstElementChild.style.width = `${(fraction * 100).toFixed(1)}%`;
    renderCheck();
    showSaving();
    if (done) return renderFinished();
    const s = step();
    const running = runStart !== null;
    ui.block.textContent = s.block_name;
    ui.round.textContent = `Round ${s.round} of ${s.rounds}`;
    ui.count.textContent = `Step ${index + 1} of ${total}`;
    ui.kind.textContent = s.kind === "work" ? (s.variation_id ? "Easier variation" : "Work") : s.label;
    ui.label.textContent = s.exercise_name || s.label;
    ui.side.textContent = capitalise(s.how || "");
    ui.paused.hidden = running || !started;
    // The Pause button is for steps whose big button is Done; elsewhere the big button pauses.
    ui.pause.textContent = "Pause";
    ui.pauseButton.disabled = !(running && s.waits_for_runner);
    ui.primaryLabel.textContent = running
      ? (s.waits_for_runner ? (s.kind === "work" ? "Done" : "Done resting") : "Pause")
      : started ? "Resume" : "Start";
    ui.primary.setAttribute("aria-keyshortcuts", running && s.waits_for_runner ? "D Enter" : "Space");
    drawNumbers(s);
    ui.next.textContent = nextText();
    showFigure(s.figure_url ? s : nextWork());
    ui.left.textContent = clock(s.seconds_after + Math.max(0, remaining()));
    const target = s.exercise_id && timeline.easier[s.exercise_id];
    ui.easier.disabled = !target || timeline.variations[s.exercise_id] === target;
    document.querySelectorAll(".instructions").forEach((section) => {
      section.hidden = !(section.dataset.exercise === s.exercise_id && section.dataset.variation === (s.variation_id || ""));
    });
    countdownBeeps();
  }

  function drawNumbers(s) {
    ui.countdown.classList.remove("over");
    if (s.kind === "work" && s.reps) {
      // Rep work: the reps and the weight large, the time spent small.
      root.dataset.waits = "reps";
      ui.dose.textContent = workText(s);
      ui.countdown.textContent = clock(elapsed());
      ui.clockNote.textContent = "Press Done when the reps are done";
    } else if (s.kind === "rest as needed") {
      // A target rest (the workout's estimate) counting down, then the time over it.
      root.dataset.waits = "rest";
      const left = remaining();
      ui.dose.textContent = "";
      ui.countdown.textContent = left > 0 ? clock(left) : `+${clock(-left)}`;
      ui.countdown.classList.toggle("over", left <= 0);
      ui.clockNote.textContent = left > 0
        ? `Target rest ${clock(s.seconds)}: press Done when you are ready`
        : `Over the ${clock(s.seconds)} target: press Done when you are ready`;
    } else {
      root.dataset.waits = "";
      ui.dose.textContent = s.kind === "work" ? weightOf(s) : "";
      ui.countdown.textContent = clock(remaining());
      ui.clockNote.textContent = s.kind === "work" ? `${Math.round(s.seconds)} s` : "";
    }
  }

  function renderCheck() {
    ui.check.hidden = !check;
    root.classList.toggle("checking", Boolean(check));
    if (!check) return;
    const { body } = check;
    const s = timeline.steps[check.index] || {};
    const plan = plans[body.exercise_id] || {};
    ui.checkName.textContent = `${[s.exercise_name, s.how].filter(Boolean).join(", ")}:`;
    const last = plan.last;
    const lastParts = [];
    if (last && plan.weighted && last.load) lastParts.push(`${last.load} ${last.unit}`);
    if (last && s.reps && last.reps != null) lastParts.push(plural(last.reps, "rep"));
    ui.checkLast.textContent = lastParts.length ? `last time ${lastParts.join(" × ")}` : "";
    ui.checkRepsField.hidden = body.reps === undefined;
    ui.checkReps.textContent = body.reps === undefined ? "" : plural(body.reps, "rep");
    ui.checkWeightField.hidden = !plan.weighted;
    ui.checkWeight.textContent = body.load ? `${body.load} ${body.unit}` : "no weight";
  }

  function renderFinished() {
    ui.left.textContent = "0:00";
    ui.countdown.textContent = "0:00";
    if (!session) return;
    const sets = timeline.steps.filter((s) => s.kind === "work").length;
    const counts = session.finished ? { done: session.done, skipped: session.skipped } : tally;
    const skipped = counts.skipped ? `, ${counts.skipped} skipped` : "";
    const saving = session.finished ? "" : outbox.length ? " Saving…" : "";
    ui.summary.textContent = `${timeline.title}: ${counts.done} of ${sets} sets done${skipped}.${saving}`;
    ui.discard.hidden = !session.finished || preview;
    if (session.finished && session.log_uid) {
      ui.logLink.href = root.dataset.logUrl.replace("LOG_UID", encodeURIComponent(session.log_uid));
      ui.logLink.hidden = false;
    }
  }

  function showFigure(s) {
    // The move being done, or between moves the one coming up (mirrored for a left side).
    const url = s && s.figure_url;
    ui.figure.hidden = !url;
    if (!url || ui.figure.getAttribute("src") === url) return;
    ui.figure.src = url;
    ui.figure.alt = `How to do ${s.exercise_name}${s.how ? `, ${s.how}` : ""}`;
  }

  // ---- input ---------------------------------------------------------------

  const actions = {
    primary: withSession(primary),
    pause: withSession(togglePause),
    done: withSession(() => go("done")),
    skip: withSession(() => go("skipped")),
    back: withSession(back),
    easier: withSession(easier),
  };
  const reported = (promise) => promise.catch((error) => showError(error.message));
  ui.discard.addEventListener("click", () => reported(discard()));
  const keys = {
    " ": "pause", k: "pause", Enter: "done", d: "done", s: "skip", ArrowRight: "skip",
    b: "back", ArrowLeft: "back", e: "easier",
  };

  document.querySelector(".controls").addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (!button || button.disabled) return;
    button.blur(); // so Space and Enter go on meaning pause and done, not "press this again"
    if (now() < settleUntil) return; // a second tap meant for the step that just ended
    reported(actions[button.dataset.action]());
  });
  ui.check.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    if (button === ui.checkOk) return logCheck();
    const [field, direction] = (button.dataset.adjust || "").split(":");
    if (field) adjustCheck(field, Number(direction));
  });
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.target.matches("input, textarea")) return;
    if ((event.key === " " || event.key === "Enter") && event.target.closest("button, a, summary")) return;
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    if (key === "v" || key === "m") return setPref(key === "v" ? "voice" : "beeps", !prefs[key === "v" ? "voice" : "beeps"]);
    if (key === "l") return logCheck();
    const action = keys[key];
    if (!action) return;
    event.preventDefault();
    reported(actions[action]());
  });
  ui.voice.addEventListener("change", () => setPref("voice", ui.voice.checked));
  ui.beeps.addEventListener("change", () => setPref("beeps", ui.beeps.checked));
  window.addEventListener("pagehide", sendAllNow);
  window.addEventListener("online", () => { retryNow(); showSaving(); });
  window.addEventListener("offline", showSaving);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && runStart !== null) {
      holdScreen();
      tick();
    } else if (timeline && !finished()) {
      savePosition();
    }
  });

  // ---- start ---------------------------------------------------------------

  (async () => {
    try {
      setPref("voice", prefs.voice);
      setPref("beeps", prefs.beeps);
      await Promise.all([resume(), loadPlans()]);
      if (finished()) return complete();
      render();
    } catch (error) {
      showError(`The player could not start: ${error.message}`);
    }
  })();
})();
