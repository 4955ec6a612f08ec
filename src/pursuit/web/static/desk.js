// The console's desk: its forms post without a page load and the answer (the desk's live part,
// with what was recorded or why not) is swapped in by live.js; links and the heat picker move
// between heats the same way. Without this script every form still posts and redirects.
(function () {
  "use strict";
  var live = document.getElementById("live");
  if (!live || !live.hasAttribute("data-desk") || !window.fetch || !window.pursuitLive) return;
  var base = live.dataset.fragment.split("?")[0];
  var page = location.pathname;
  var sending = false;

  // The view (heat, side, what was just recorded) the live updates keep showing.
  function remember(query) {
    live.dataset.fragment = base + (query ? "?" + query : "");
    var shown = new URLSearchParams(query || "");
    shown.delete("done");
    shown.delete("focus");
    var text = shown.toString();
    history.replaceState(null, "", page + (text ? "?" + text : ""));
  }

  function answer(response, options) {
    var at = Number(response.headers.get("X-Log-Position"));
    var query = response.headers.get("X-Desk-Query");
    if (query === null) return null; // not the desk's answer (logged out, not allowed…)
    return response.text().then(function (html) {
      remember(query);
      window.pursuitLive.swap(html, at, options(response));
      return true;
    });
  }

  function navigate(query) {
    fetch(base + (query ? "?" + query : ""), { headers: { Accept: "text/html" } })
      .then(function (response) {
        var done = answer(response, function () { return { keep: false }; });
        if (done === null) location.href = page + "?" + query;
      })
      .catch(function () { location.href = page + "?" + query; });
  }

  function native(form, submitter) {
    form.dataset.native = "1";
    if (submitter) form.requestSubmit(submitter); else form.submit();
  }

  // A form other than a time entry, recorded: what was typed in it is spent (a line-up, a
  // correction's time and reason…) and the fields show what the desk renders again; refused,
  // it stays to be looked at.
  function typedIn(form) {
    if (form.hasAttribute("data-desk-entry")) return [];
    var ids = [];
    Array.prototype.forEach.call(form.querySelectorAll("textarea[id], input[id]"), function (f) {
      if (f.type !== "hidden" && f.type !== "checkbox") ids.push(f.id);
    });
    return ids;
  }

  // What a form sends: read when it is submitted, so a form submitted while another is on its
  // way sends what the operator saw and chose then.
  function sent(form, submitter) {
    var action = (submitter && submitter.getAttribute("formaction")) || form.getAttribute("action");
    var data = new URLSearchParams(new FormData(form));
    if (submitter && submitter.name) data.append(submitter.name, submitter.value);
    return { action: action, data: data };
  }

  function post(form, submitter, captured) {
    var what = captured || sent(form, submitter);
    var action = what.action;
    var data = what.data;
    var entry = form.hasAttribute("data-desk-entry") ? form.querySelector("input[name=time]") : null;
    var typedTime = entry ? entry.value : "";
    sending = true;
    fetch(action, {
      method: "POST",
      body: data,
      headers: { "X-Desk": "fragment", Accept: "text/html" },
      credentials: "same-origin",
    })
      .then(function (response) {
        var done = answer(response, function (r) {
          // the time sent is spent; one typed meanwhile stays
          var now = entry ? document.getElementById(entry.id) : null;
          var spent = r.ok && now && now.value === typedTime;
          var clear = spent ? [entry.id] : r.ok ? typedIn(form) : [];
          return { clear: clear, keep: !form.closest("[data-live-hold]") };
        });
        if (done === null && form.isConnected) native(form, submitter);
        else if (done === null) location.reload(); // its form has gone: show what is now true
      })
      .catch(function () { window.pursuitLive.say("Not sent: the server did not answer; try again"); })
      .finally(function () {
        sending = false;
        sendNext();
      });
  }

  // Forms submitted while one is on its way are sent in turn, none lost. An entry typed
  // meanwhile is sent once the desk shows the half lap it is for (the form's hidden half_lap is
  // what the operator saw, so never sent stale); any other form sends what it held when it was
  // submitted.
  var waiting = [];

  function sendNext() {
    while (waiting.length && !sending) {
      var next = waiting.shift();
      if (!next.field) { post(next.form, next.submitter, next.captured); return; }
      var field = document.getElementById(next.field);
      if (!field || !field.form || !field.value) continue; // spent or gone with its heat
      var button = null;
      Array.prototype.forEach.call(field.form.querySelectorAll("button"), function (b) {
        if (!button && (b.getAttribute("formaction") || "") === next.formaction) button = b;
      });
      post(field.form, button);
    }
  }

  live.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset.native) return;
    if ((form.getAttribute("method") || "get").toLowerCase() === "get") {
      if (!form.hasAttribute("data-desk-nav")) return;
      event.preventDefault();
      navigate(new URLSearchParams(new FormData(form)).toString());
      return;
    }
    event.preventDefault();
    if (sending) {
      var field = form.querySelector("input[name=time][id]");
      if (field && form.hasAttribute("data-desk-entry")) {
        var by = event.submitter ? event.submitter.getAttribute("formaction") || "" : "";
        waiting = waiting.filter(function (w) { return w.field !== field.id; });
        waiting.push({ field: field.id, formaction: by });
      } else {
        waiting.push({ form: form, submitter: event.submitter, captured: sent(form, event.submitter) });
      }
      return;
    }
    post(form, event.submitter);
  });

  live.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-desk-nav]") : null;
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    navigate(link.search.replace(/^\?/, ""));
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var cancel = live.querySelector("[data-cancel]");
    if (cancel) { event.preventDefault(); cancel.click(); }
  });
})();
