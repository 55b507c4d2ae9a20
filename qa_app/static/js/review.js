// Reviewing pages. 1) AutoQA marks: pointing at a note lights up its span (as on the practice
// debrief), and following a mark's number opens the folded notes. 2) The scorecard is kept as a
// draft: after each change (debounced) the form, CSRF token included, is posted to the draft
// endpoint; without JS the "Save draft" button does the same.
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

  function say(text) { if (status) { status.textContent = text; } }

  function save() {
    timer = null;
    fetch(form.dataset.draftUrl, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    }).then(function (data) {
      say(form.dataset.draftSaved);
      var preview = document.getElementById("overall-preview");
      if (preview) { preview.textContent = data.overall_text || "–"; }
    }).catch(function () { say(form.dataset.draftFailed); });
  }

  function schedule() {
    if (timer) { window.clearTimeout(timer); }
    timer = window.setTimeout(save, DELAY_MS);
  }

  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
  // Leaving right after typing: send what is pending.
  window.addEventListener("pagehide", function () {
    if (timer && navigator.sendBeacon) {
      window.clearTimeout(timer);
      navigator.sendBeacon(form.dataset.draftUrl, new FormData(form));
    }
  });
  form.addEventListener("submit", function () { if (timer) { window.clearTimeout(timer); timer = null; } });
})();
