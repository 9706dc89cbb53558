// The browser player: plays a compiled timeline from the API.
//
// Time is kept as absolute performance.now() deadlines: every tick recomputes
// what is left from the clock, so timers never drift by adding up intervals,
// and a timed step that ends hands its exact deadline to the next one.
// `?speed=N` (a preview and test aid) makes N seconds of workout pass per
// real second; such a session is a preview the log never shows.
//
// The session lives on the server (in the training log), not in the page: a
// reload, a lost tab or another device comes back to the same step, paused.
// Each exercise's outcome carries an id made here, so resending it after a
// failed write is harmless; writes go in order and are retried until the
// server has them, and the page says when a set is not saved yet.
"use strict";

(() => {
  const root = document.getElementById("player");
  const speed = Number(root.dataset.speed) || 1;
  const workoutId = root.dataset.workout;
  const preview = speed !== 1;
  const prefsKey = "runstrong.player.prefs";
  const byId = (id) => document.getElementById(id);
  const ui = {
    block: byId("step-block"), round: byId("step-round"), count: byId("step-count"),
    kind: byId("step-kind"), label: byId("step-label"), side: byId("step-side"),
    dose: byId("step-dose"), countdown: byId("countdown"), next: byId("next-up"),
    bar: byId("progress"), left: byId("time-left"), pause: byId("pause-label"),
    easier: byId("btn-easier"), voice: byId("toggle-voice"), beeps: byId("toggle-beeps"),
    finished: byId("finished"), summary: byId("finished-summary"), logLink: byId("log-link"),
    discard: byId("btn-discard"), saving: byId("save-status"), error: byId("player-error"),
    figure: byId("step-figure"),
  };

  let timeline = null; // TimelineView from /api/timeline
  let session = null; // SessionView from /api/sessions (null until the runner starts)
  let index = 0;
  let spentBefore = 0; // workout seconds spent in this step before the current run
  let activeBefore = 0; // workout seconds of the steps already ended
  let runStart = null; // performance.now() when the current run began; null while paused
  let lastCue = null; // the countdown second last beeped, so each beep plays once
  let timer = null;
  let wakeLock = null;
  let audio = null;

  // ---- server --------------------------------------------------------------

  class Refused extends Error {} // the server answered 4xx: sending again would not help

  async function api(method, path, body) {
    const response = await fetch(path, {
      method,
      headers: body ? { "content-type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
      keepalive: method !== "GET", // a write under way still lands if the page goes away
    });
    if (response.status === 404 && method === "GET") return null;
    if (response.status >= 400 && response.status < 500) {
      const problem = await response.json().catch(() => ({}));
      throw new Refused(problem.detail || `${method} ${path}: ${response.status}`);
    }
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
    return response.status === 204 ? null : response.json();
  }

  // Writes go one at a time, in the order they happened. A write that fails for want
  // of a connection or a server is tried again (the same outcome with the same id)
  // until it lands; later writes wait behind it. Only the newest position is kept.
  const outbox = [];
  let sending = false;
  let failures = 0;
  let waiting = []; // resolved when the outbox is next empty

  function send(method, path, body, kind) {
    const last = outbox[outbox.length - 1];
    if (kind === "position" && last && last.kind === "position" && !last.sent) {
      last.body = body;
    } else {
      outbox.push({ method, path, body, kind, sent: false });
    }
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
        await api(job.method, job.path, job.body);
        outbox.shift();
        failures = 0;
      } catch (error) {
        if (error instanceof Refused) {
          outbox.shift(); // the server will never take it: say so, keep the rest going
          showError(`Not saved: ${error.message}`);
        } else {
          failures += 1;
          showSaving();
          await new Promise((resolve) => setTimeout(resolve, Math.min(10000, 500 * 2 ** failures)));
        }
      }
      showSaving();
    }
    sending = false;
    const resolved = waiting;
    waiting = [];
    resolved.forEach((resolve) => resolve());
  }

  function sendAllNow() {
    // The page is going away (reload, tab closed): send what waits, in order, without waiting.
    for (const job of outbox.filter((j) => !j.sent)) {
      job.sent = true;
      quietly(api(job.method, job.path, job.body));
    }
  }

  function showSaving() {
    root.dataset.saved = String(!outbox.length);
    const unsaved = outbox.filter((job) => job.kind === "set").length;
    ui.saving.hidden = !(failures && outbox.length);
    ui.saving.textContent = unsaved
      ? `${unsaved} ${unsaved === 1 ? "set is" : "sets are"} not saved yet: retrying…`
      : "Your place is not saved yet: retrying…";
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

  async function loadTimeline(variations) {
    const query = Object.entries(variations)
      .map(([exercise, variation]) => `variation=${encodeURIComponent(`${exercise}=${variation}`)}`)
      .join("&");
    timeline = await api("GET", `${root.dataset.api}${query ? `?${query}` : ""}`);
  }

  // ---- clock ---------------------------------------------------------------

  const step = () => timeline.steps[index];
  const now = () => performance.now();
  const elapsed = () => spentBefore + (runStart === null ? 0 : ((now() - runStart) * speed) / 1000);
  const remaining = () => step().seconds - elapsed();
  const timed = (s) => !s.waits_for_runner;

  function clock(seconds) {
    const whole = Math.max(0, Math.ceil(seconds - 1e-9));
    return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
  }

  function schedule() {
    clearTimeout(timer);
    if (runStart === null || index >= timeline.steps.length) return;
    // Wake at the next whole displayed second (or sooner, for a smooth bar).
    const left = timed(step()) ? remaining() : elapsed();
    const toNextSecond = ((left % 1) || 1) * 1000 / speed;
    timer = setTimeout(tick, Math.max(10, Math.min(250, toNextSecond + 2)));
  }

  function tick() {
    // Chain timed steps on their deadlines, so a throttled background tab catches up exactly.
    while (runStart !== null && index < timeline.steps.length && timed(step()) && remaining() <= 0) {
      const deadline = runStart + ((step().seconds - spentBefore) * 1000) / speed;
      finishStep("done", step().seconds);
      if (index >= timeline.steps.length) return complete();
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
      send("POST", `/api/sessions/${session.id}/sets`, {
        client_id: newId(), step_index: index, exercise_id: s.exercise_id, outcome,
        seconds: Math.min(Math.round(seconds * 1000) / 1000, 86400),
      }, "set");
    }
    activeBefore += Math.max(0, seconds);
    index += 1;
    spentBefore = 0;
    lastCue = null;
  }

  function enterStep() {
    announce();
    savePosition();
  }

  function go(outcome) {
    if (!timeline || index >= timeline.steps.length) return;
    const wasRunning = runStart !== null;
    finishStep(outcome, elapsed());
    if (index >= timeline.steps.length) return complete();
    runStart = wasRunning ? now() : null;
    enterStep();
    tick();
  }

  function back() {
    // Once the last step is over the session is finished on the server: it takes no more moves.
    if (!timeline || index >= timeline.steps.length) return;
    index = Math.max(0, index - 1);
    spentBefore = 0;
    lastCue = null;
    if (runStart !== null) runStart = now();
    enterStep();
    tick();
  }

  function togglePause() {
    if (!timeline || index >= timeline.steps.length) return;
    if (runStart === null) {
      unlockAudio();
      runStart = now();
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

  async function easier() {
    const current = index < timeline.steps.length ? step() : null;
    const target = current && current.exercise_id && timeline.easier[current.exercise_id];
    if (!target || timeline.variations[current.exercise_id] === target) return;
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

  async function complete() {
    clearTimeout(timer);
    runStart = null;
    releaseScreen();
    index = timeline.steps.length;
    speak("Workout complete. Well done.");
    beep(880, 0.6);
    render();
    if (!session) return;
    await drained();
    try {
      session = await api("POST", `/api/sessions/${session.id}/finish`, {
        completed: true, active_seconds: Math.min(activeBefore, 86400),
      });
    } catch (error) {
      showError(`The session could not be closed: ${error.message}`);
    }
    render();
  }

  async function discard() {
    if (!session || !window.confirm("Discard this session? It will not be kept in your log.")) return;
    await drained();
    try {
      await api("DELETE", `/api/sessions/${session.id}`);
    } catch (error) {
      return showError(`Could not discard it: ${error.message}`);
    }
    session = null;
    ui.summary.textContent = "Discarded: this session is not in your log.";
    ui.discard.hidden = true;
    ui.logLink.hidden = true;
    root.dataset.discarded = "true";
  }

  // ---- saving and resuming -------------------------------------------------

  function savePosition() {
    if (!session || index > timeline.steps.length) return;
    send("PUT", `/api/sessions/${session.id}/position`, {
      index, elapsed: Math.min(Math.max(0, elapsed()), 86400), paused: runStart === null,
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
      return true;
    }, (error) => {
      starting = null;
      showError(`Could not start the session: ${error.message}`);
      return false;
    });
    return starting;
  }

  function withSession(action) {
    return async () => {
      if (!timeline || index >= timeline.steps.length) return;
      if (!session && !(await startSession())) return;
      await action();
    };
  }

  async function resume() {
    const query = `workout_id=${encodeURIComponent(workoutId)}&preview=${preview}`;
    session = await api("GET", `/api/sessions/current?${query}`);
    await loadTimeline(session ? session.variations : JSON.parse(root.dataset.variations || "{}"));
    if (!session) return;
    index = session.index;
    spentBefore = session.elapsed;
    activeBefore = session.active_seconds;
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
    if (runStart === null || index >= timeline.steps.length) return;
    const s = step();
    const dose = s.kind === "work" ? doseText(s) : clock(s.seconds);
    const next = timeline.steps[index + 1];
    const tail = s.kind !== "work" && next ? `. Next: ${next.label}` : "";
    speak(`${s.label}, ${dose}${tail}`);
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

  // ---- drawing -------------------------------------------------------------

  function doseText(s) {
    if (s.reps) return `${s.reps} reps`;
    return `${Math.round(s.seconds)} seconds`;
  }

  function render() {
    const total = timeline.steps.length;
    const done = index >= total;
    root.dataset.index = String(index);
    root.dataset.state = done ? "finished" : runStart === null ? "paused" : "playing";
    ui.finished.hidden = !done;
    ui.pause.textContent = runStart !== null ? "Pause" : elapsed() > 0 || index > 0 ? "Resume" : "Start";
    const fraction = done ? 1 : (timeline.total_seconds - step().seconds_after - Math.max(0, remaining())) / timeline.total_seconds;
    ui.bar.setAttribute("aria-valuenow", String(Math.round(fraction * 100)));
    ui.bar.firstElementChild.style.width = `${(fraction * 100).toFixed(1)}%`;
    if (done) {
      ui.left.textContent = "0:00";
      ui.countdown.textContent = "0:00";
      if (!session) return;
      const sets = timeline.steps.filter((s) => s.kind === "work").length;
      const skipped = session.skipped ? `, ${session.skipped} skipped` : "";
      ui.summary.textContent = session.finished
        ? `${timeline.title}: ${session.done} of ${sets} sets done${skipped}.`
        : `${timeline.title}: saving…`;
      ui.discard.hidden = !session.finished || preview;
      if (session.finished && session.log_uid) {
        ui.logLink.href = root.dataset.logUrl.replace("LOG_UID", encodeURIComponent(session.log_uid));
        ui.logLink.hidden = false;
      }
      return;
    }
    const s = step();
    ui.block.textContent = s.block_name;
    ui.round.textContent = `Round ${s.round} of ${s.rounds}`;
    ui.count.textContent = `Step ${index + 1} of ${total}`;
    ui.kind.textContent = s.kind === "work" ? (s.variation_id ? "Easier variation" : "Work") : s.label;
    ui.label.textContent = s.exercise_name || s.label;
    ui.side.textContent = capitalise(s.how);
    ui.dose.textContent = s.kind === "work" ? doseText(s) : s.waits_for_runner ? "Press Done when you are ready" : "";
    ui.countdown.textContent = timed(s) ? clock(remaining()) : clock(elapsed());
    ui.countdown.classList.toggle("counting-up", !timed(s));
    const next = timeline.steps[index + 1];
    ui.next.textContent = next ? next.label : "the end";
    showFigure(s.figure_url ? s : next);
    ui.left.textContent = clock(s.seconds_after + Math.max(0, remaining()));
    const target = s.exercise_id && timeline.easier[s.exercise_id];
    ui.easier.disabled = !target || timeline.variations[s.exercise_id] === target;
    document.querySelectorAll(".instructions").forEach((section) => {
      section.hidden = !(section.dataset.exercise === s.exercise_id && section.dataset.variation === (s.variation_id || ""));
    });
    countdownBeeps();
  }

  const capitalise = (text) => text.charAt(0).toUpperCase() + text.slice(1);

  function showFigure(s) {
    // The move being done, or between moves the one coming up (mirrored for a left side).
    const url = s && s.figure_url;
    ui.figure.hidden = !url;
    if (!url || ui.figure.getAttribute("src") === url) return;
    ui.figure.src = url;
    ui.figure.alt = `How to do ${s.exercise_name}${s.side ? `, ${s.side} side` : ""}`;
  }

  // ---- input ---------------------------------------------------------------

  const actions = {
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
    reported(actions[button.dataset.action]());
  });
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.target.matches("input, textarea")) return;
    if ((event.key === " " || event.key === "Enter") && event.target.closest("button, a, summary")) return;
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    if (key === "v" || key === "m") return setPref(key === "v" ? "voice" : "beeps", !prefs[key === "v" ? "voice" : "beeps"]);
    const action = keys[key === " " ? " " : key];
    if (!action) return;
    event.preventDefault();
    reported(actions[action]());
  });
  ui.voice.addEventListener("change", () => setPref("voice", ui.voice.checked));
  ui.beeps.addEventListener("change", () => setPref("beeps", ui.beeps.checked));
  window.addEventListener("pagehide", sendAllNow);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && runStart !== null) {
      holdScreen();
      tick();
    } else if (timeline && index < timeline.steps.length) {
      savePosition();
    }
  });

  // ---- start ---------------------------------------------------------------

  (async () => {
    try {
      setPref("voice", prefs.voice);
      setPref("beeps", prefs.beeps);
      await resume();
      if (index >= timeline.steps.length) return complete();
      render();
    } catch (error) {
      ui.error.textContent = `The player could not start: ${error.message}`;
      ui.error.hidden = false;
    }
  })();
})();
