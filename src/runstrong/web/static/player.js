// The browser player: plays a compiled timeline from the API.
//
// Time is kept as absolute performance.now() deadlines: every tick recomputes
// what is left from the clock, so timers never drift by adding up intervals,
// and a timed step that ends hands its exact deadline to the next one.
// `?speed=N` (a preview and test aid) makes N seconds of workout pass per
// real second. Position is saved to localStorage and the server, so a reload
// or a lost tab comes back at the same step, paused.
"use strict";

(() => {
  const root = document.getElementById("player");
  const speed = Number(root.dataset.speed) || 1;
  const workoutId = root.dataset.workout;
  const storeKey = `runstrong.player.${workoutId}`;
  const prefsKey = "runstrong.player.prefs";
  const byId = (id) => document.getElementById(id);
  const ui = {
    block: byId("step-block"), round: byId("step-round"), count: byId("step-count"),
    kind: byId("step-kind"), label: byId("step-label"), side: byId("step-side"),
    dose: byId("step-dose"), countdown: byId("countdown"), next: byId("next-up"),
    bar: byId("progress"), left: byId("time-left"), pause: byId("pause-label"),
    easier: byId("btn-easier"), voice: byId("toggle-voice"), beeps: byId("toggle-beeps"),
    finished: byId("finished"), summary: byId("finished-summary"), logLink: byId("log-link"),
    error: byId("player-error"), figure: byId("step-figure"),
  };

  let timeline = null; // TimelineView from /api/timeline
  let session = null; // SessionView from /api/sessions
  let index = 0;
  let spentBefore = 0; // workout seconds spent in this step before the current run
  let runStart = null; // performance.now() when the current run began; null while paused
  let lastCue = null; // the countdown second last beeped, so each beep plays once
  let timer = null;
  let wakeLock = null;
  let audio = null;
  let lastSaved = 0;

  // ---- server --------------------------------------------------------------

  async function api(method, path, body) {
    const response = await fetch(path, {
      method,
      headers: body ? { "content-type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
    return response.json();
  }

  let outbox = Promise.resolve();

  function send(method, path, body) {
    // Writes go one at a time, so the server sees sets and positions in the order
    // they happened (parallel requests can overtake each other); a failed write
    // does not hold up the next.
    const sent = outbox.then(() => api(method, path, body));
    outbox = sent.catch(() => null);
    return sent;
  }

  function quietly(promise) {
    // The workout goes on when the server is unreachable; localStorage still has it.
    promise.catch(() => {});
  }

  async function loadTimeline() {
    const query = Object.entries(session.variations)
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
    saveLocal(false);
    schedule();
  }

  // ---- moving through the steps --------------------------------------------

  function finishStep(outcome, seconds) {
    quietly(send("POST", `/api/sessions/${session.id}/sets`, {
      step_index: index, outcome, seconds: Math.round(seconds * 1000) / 1000,
    }));
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
    if (!target || session.variations[current.exercise_id] === target) return;
    const variations = { ...session.variations, [current.exercise_id]: target };
    const updated = await send("PUT", `/api/sessions/${session.id}/variations`, { variations });
    if (!updated) return;
    session = updated;
    await loadTimeline();
    index = session.index;
    spentBefore = 0;
    if (runStart !== null) runStart = now();
    enterStep();
    tick();
  }

  function complete() {
    clearTimeout(timer);
    runStart = null;
    releaseScreen();
    index = timeline.steps.length;
    quietly(send("POST", `/api/sessions/${session.id}/finish`, { completed: true }).then((view) => {
      session = view || session;
      render();
    }));
    localStorage.removeItem(storeKey);
    speak("Workout complete. Well done.");
    beep(880, 0.6);
    render();
  }

  // ---- saving and resuming -------------------------------------------------

  function saveLocal(force) {
    // A finished session is not kept: a reload starts afresh instead of finishing it again.
    if (index >= timeline.steps.length) return;
    if (!force && now() - lastSaved < 1000) return;
    lastSaved = now();
    const state = { session: session.id, index, elapsed: elapsed(), variations: session.variations };
    localStorage.setItem(storeKey, JSON.stringify(state));
  }

  function savePosition() {
    saveLocal(true);
    quietly(send("PUT", `/api/sessions/${session.id}/position`, {
      index, elapsed: Math.min(elapsed(), 86400), paused: runStart === null,
    }));
  }

  function readLocal() {
    try {
      return JSON.parse(localStorage.getItem(storeKey)) || null;
    } catch {
      return null;
    }
  }

  async function resumeOrStart() {
    const saved = readLocal();
    if (saved && /^[0-9a-f]{32}$/.test(saved.session)) {
      session = await api("GET", `/api/sessions/${saved.session}`);
    }
    session = session || (await api("GET", `/api/sessions/current?workout_id=${workoutId}`));
    if (session && session.finished) session = null;
    if (!session) {
      // A server restart forgets sessions; the position saved here still counts.
      const variations = (saved && saved.variations) || JSON.parse(root.dataset.variations || "{}");
      session = await api("POST", "/api/sessions", { workout_id: workoutId, variations });
      if (!saved) return;
    }
    const local = saved && (saved.session === session.id || !session.index);
    index = local ? saved.index : session.index;
    spentBefore = local ? saved.elapsed : session.elapsed;
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
      const skipped = session.skipped ? `, ${session.skipped} skipped` : "";
      ui.summary.textContent = session.finished
        ? `${timeline.title}: ${session.done} of ${total} steps done${skipped}.`
        : `${timeline.title}: ${total} steps.`;
      if (session.log_uid) {
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
    ui.easier.disabled = !target || session.variations[s.exercise_id] === target;
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
    pause: togglePause,
    done: () => go("done"),
    skip: () => go("skipped"),
    back,
    easier: () => quietly(easier()),
  };
  const keys = {
    " ": "pause", k: "pause", Enter: "done", d: "done", s: "skip", ArrowRight: "skip",
    b: "back", ArrowLeft: "back", e: "easier",
  };

  document.querySelector(".controls").addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (!button || button.disabled) return;
    button.blur(); // so Space and Enter go on meaning pause and done, not "press this again"
    actions[button.dataset.action]();
  });
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.target.matches("input, textarea")) return;
    if ((event.key === " " || event.key === "Enter") && event.target.closest("button, a, summary")) return;
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    if (key === "v" || key === "m") return setPref(key === "v" ? "voice" : "beeps", !prefs[key === "v" ? "voice" : "beeps"]);
    const action = keys[key === " " ? " " : key];
    if (!action) return;
    event.preventDefault();
    actions[action]();
  });
  ui.voice.addEventListener("change", () => setPref("voice", ui.voice.checked));
  ui.beeps.addEventListener("change", () => setPref("beeps", ui.beeps.checked));
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && runStart !== null) {
      holdScreen();
      tick();
    } else if (timeline && session) {
      saveLocal(true);
    }
  });

  // ---- start ---------------------------------------------------------------

  (async () => {
    try {
      setPref("voice", prefs.voice);
      setPref("beeps", prefs.beeps);
      await resumeOrStart();
      await loadTimeline();
      index = Math.min(Math.max(0, Math.trunc(index) || 0), timeline.steps.length);
      spentBefore = Number.isFinite(spentBefore) && spentBefore > 0 ? spentBefore : 0;
      if (index >= timeline.steps.length) return complete();
      savePosition();
      render();
    } catch (error) {
      ui.error.textContent = `The player could not start: ${error.message}`;
      ui.error.hidden = false;
    }
  })();
})();
