// Live pages: on each server-sent `update`, fetch this page's fragment and swap it in.
(function () {
  "use strict";
  var live = document.getElementById("live");
  if (!live || !window.EventSource || !window.fetch) return;
  var status = document.getElementById("live-status");
  var position = Number(live.dataset.position);
  var busy = false;
  var again = false;

  function say(text) { if (status) status.textContent = text; }

  // Officials are told where in the log a page stands (to compare screens, to name an event);
  // spectators only that the page is live and when it last changed.
  var officials = live.hasAttribute("data-officials");
  function standing() { return officials ? " · log position " + position : ""; }
  function updated() { return "Live" + standing() + " · updated " + new Date().toLocaleTimeString(); }

  function loaded(images) {
    return Promise.all(Array.prototype.map.call(images, function (img) {
      return new Promise(function (done) {
        if (img.complete) return done();
        img.addEventListener("load", done);
        img.addEventListener("error", done);
        setTimeout(done, 3000);
      });
    }));
  }

  // What is being typed survives a swap: a field keeps its value and its focus in the new
  // content (matched by id); with nothing focused, the new content's autofocus field takes it.
  var FIELDS = "input[id]:not([type=hidden]), select[id], textarea[id]";

  function typed() {
    var kept = { values: {}, focus: null, range: null };
    Array.prototype.forEach.call(live.querySelectorAll(FIELDS), function (field) {
      if (field.value) kept.values[field.id] = field.value;
    });
    var active = document.activeElement;
    if (active && active !== document.body && live.contains(active)) {
      kept.focus = active.id || "";
      if (typeof active.selectionStart === "number") {
        kept.range = [active.selectionStart, active.selectionEnd];
      }
    }
    kept.idle = !active || active === document.body;
    return kept;
  }

  function restore(kept) {
    Array.prototype.forEach.call(live.querySelectorAll(FIELDS), function (field) {
      var value = kept.values[field.id];
      if (kept.clear && kept.clear.indexOf(field.id) >= 0) return;
      if (value === undefined) return;
      if (field.tagName === "SELECT") {
        var has = Array.prototype.some.call(field.options, function (o) { return o.value === value; });
        if (has) field.value = value;
      } else {
        field.value = value;
      }
    });
    var target = kept.focus ? document.getElementById(kept.focus) : null;
    if (!target && (kept.idle || kept.focus !== null)) target = live.querySelector("[autofocus]");
    if (target) {
      target.focus({ preventScroll: true });
      if (kept.range && target.id === kept.focus && typeof target.setSelectionRange === "function") {
        try { target.setSelectionRange(kept.range[0], kept.range[1]); } catch (e) { /* not text */ }
      }
    }
  }

  // Content may ask to be left alone (a question waiting for its answer): updates wait.
  var held = false;
  // Bumped by every swap: a refresh that was on its way while the desk swapped in its own
  // answer (or moved to another heat) is stale, whatever its position says.
  var generation = 0;

  // Swap in `html` from the server at log position `at`. Options: `keep` (default true: what
  // is typed and the focus survive), `clear` (ids of fields whose typed value is spent).
  function swap(html, at, options) {
    options = options || {};
    var kept = options.keep === false ? { values: {}, focus: null, range: null, idle: true } : typed();
    kept.clear = options.clear || [];
    generation += 1;
    var next = document.createElement("div");
    next.innerHTML = html;
    live.replaceChildren.apply(live, Array.prototype.slice.call(next.childNodes));
    var stale = at < position;
    position = Math.max(position, at);
    live.dataset.position = String(position);
    restore(kept);
    say(updated());
    if ((held || stale) && !live.querySelector("[data-live-hold]")) { held = false; refresh(); }
  }

  function refresh() {
    if (live.querySelector("[data-live-hold]")) { held = true; return; }
    if (busy) { again = true; return; }
    busy = true;
    var started = generation;
    fetch(live.dataset.fragment, { headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        var at = Number(response.headers.get("X-Log-Position"));
        return response.text().then(function (html) {
          if (started !== generation) { if (at > position) again = true; return; }
          if (at < position) return;
          // load the new charts before the swap, so a picture never blinks out
          var next = document.createElement("div");
          next.innerHTML = html;
          return loaded(next.querySelectorAll("img")).then(function () {
            if (at < position || started !== generation) return;
            if (live.querySelector("[data-live-hold]")) { held = true; return; }
            position = at;
            live.dataset.position = String(at);
            var kept = typed();
            generation += 1;
            live.replaceChildren.apply(live, Array.prototype.slice.call(next.childNodes));
            restore(kept);
            say(updated());
          });
        });
      })
      .catch(function () { say("Live · could not refresh; retrying on the next update"); })
      .finally(function () {
        busy = false;
        if (again) { again = false; refresh(); }
      });
  }

  // the server refused the stream (too many viewers): try again after its Retry-After
  var RETRY_REFUSED_MS = Number(live.dataset.retryRefusedMs) || 30000;

  function connect() {
    var source = new EventSource(live.dataset.events);
    source.addEventListener("open", function () { say("Live" + standing()); });
    source.addEventListener("error", function () {
      if (source.readyState !== EventSource.CLOSED) { say("Live · reconnecting…"); return; }
      // A refusal (503 at the viewer cap) closes the source for good: open a new one later,
      // and catch up on what was missed meanwhile.
      say("Live · the server is full; trying again in " + RETRY_REFUSED_MS / 1000 + " s");
      setTimeout(function () { refresh(); connect(); }, RETRY_REFUSED_MS);
    });
    source.addEventListener("update", function (event) {
      if (JSON.parse(event.data).position > position) refresh();
    });
  }
  connect();
  // for the console's desk (desk.js): its own answers are swapped in the same way
  window.pursuitLive = { swap: swap, refresh: refresh, say: say };
})();
