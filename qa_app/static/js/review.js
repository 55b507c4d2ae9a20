// Reviewing pages. 1) AutoQA marks: pointing at a note lights up its span (as on the practice
// debrief), and following a mark's number opens the folded notes. 2) The scorecard is kept as a
// draft: after each change (debounced) the form, CSRF token included, is posted to the draft
// endpoint; without JS the "Save draft" button does the same. When the save fails (the connection
// or the server is down) the fields are kept in localStorage and put back on the next load of the
// same revision's form, then saved; a saved draft, or the server's answer to a submit, removes that copy.
(function () {
  "use strict";

  function markLinks(event) {
    var link = event.target.closest && event.target.closest("[data-mark]");
    Array.prototype.forEach.call(document.querySelectorAll(".hl--active"), function (el) { el.classList.remove("hl--active"); });
    if (!link || event.type === "focusout" || event.type === "mouseout") { return; }
    var key = " " + link.getAttribute("data-mark") + " ";
    Array.prototype.forEach.call(document.querySelectorAll("mark[data-marks]"), function (mark) {
      if ((" " + mark.getAttribute("data-marks") + " ").indexOf(key) >= 0) { mark.classList.add("hl--active"); }
    });
  }

  function openNote(event) {
    var link = event.target.closest && event.target.closest("a.ref");
    if (!link) { return; }
    var note = document.getElementById(link.getAttribute("href").slice(1));
    var folded = note && note.closest("details");
    if (folded) { folded.open = true; }
    if (note) { window.setTimeout(function () { note.focus(); }, 0); }
  }

  ["focusin", "focusout", "mouseover", "mouseout"].forEach(function (type) { document.addEventListener(type, markLinks); });
  document.addEventListener("click", openNote);

  var form = document.getElementById("scorecard");
  if (!form || !form.dataset.draftUrl || !window.fetch) { return; }
  var status = document.getElementById("draft-status");
  var timer = null;
  var DELAY_MS = 800;
  var base = form.elements.draft_base ? form.elements.draft_base.value : "0";
  var LOCAL_KEY = "kohtaamo.scorecard:" + form.dataset.draftUrl;

  function say(text) { if (status) { status.textContent = text; } }

  function fields() {
    var kept = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "csrf_token" || el.type === "submit" || el.type === "hidden") { return; }
      kept[el.name] = (el.type === "checkbox" || el.type === "radio") ? el.checked : el.value;
    });
    return kept;
  }

  function keepLocally() {
    try {
      window.localStorage.setItem(LOCAL_KEY, JSON.stringify({ base: base, fields: fields() }));
    } catch (e) { /* storage full or refused: the status line already says to save by hand */ }
  }

  function forgetLocal() {
    try { window.localStorage.removeItem(LOCAL_KEY); } catch (e) { /* nothing kept */ }
  }

  function restoreLocal() {
    var kept = null;
    try { kept = JSON.parse(window.localStorage.getItem(LOCAL_KEY) || "null"); } catch (e) { kept = null; }
    if (!kept || kept.base !== base || !kept.fields) { forgetLocal(); return false; }  // made on an older revision
    Object.keys(kept.fields).forEach(function (name) {
      var el = form.elements[name];
      if (!el || el.type === "hidden") { return; }
      if (el.type === "checkbox" || el.type === "radio") { el.checked = !!kept.fields[name]; } else { el.value = kept.fields[name]; }
    });
    return true;
  }

  function save() {
    timer = null;
    fetch(form.dataset.draftUrl, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      if (response.status === 409) { forgetLocal(); }  // the review was saved since: this copy is stale
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    }).then(function (data) {
      forgetLocal();
      say(form.dataset.draftSaved);
      var preview = document.getElementById("overall-preview");
      if (preview) { preview.textContent = data.overall_text || "–"; }
    }).catch(function (error) {
      if (String(error && error.message) !== "409") { keepLocally(); }
      say(form.dataset.draftFailed);
    });
  }

  function schedule() {
    if (timer) { window.clearTimeout(timer); }
    timer = window.setTimeout(save, DELAY_MS);
  }

  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
  window.addEventListener("online", function () { if (window.localStorage && window.localStorage.getItem(LOCAL_KEY)) { save(); } });
  // The answer to a submit (a form with errors) holds what was posted and the server kept it as a
  // draft: the copy made on submit is not needed, and putting it back could overwrite what is
  // typed into the answer before this script runs.
  if (form.hasAttribute("data-posted")) {
    forgetLocal();
  } else if (restoreLocal()) {  // typed while the last save failed: back in the form, and saved again now
    if (form.dataset.draftRestored) { say(form.dataset.draftRestored); }
    save();
  }
  // Leaving right after typing: send what is pending.
  window.addEventListener("pagehide", function () {
    if (timer && navigator.sendBeacon) {
      window.clearTimeout(timer);
      navigator.sendBeacon(form.dataset.draftUrl, new FormData(form));
    }
  });
  // A submit that never arrives (the connection drops) leaves the copy; once it is stored, the
  // revision number moves on and the next load of the form drops the copy as older.
  form.addEventListener("submit", function () {
    if (timer) { window.clearTimeout(timer); timer = null; }
    keepLocally();
  });
})();
