// The review page: keep a half-filled scorecard as a draft. After each change (debounced), the
// form (with its CSRF token) is posted to the draft endpoint; without JS, "Save draft" does it.
(function () {
  "use strict";
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
      say(form.dataset.draftSaved);
    }).catch(function () { say(form.dataset.draftFailed); });
  }

  function schedule() {
    if (timer) { window.clearTimeout(timer); }
    timer = window.setTimeout(save, DELAY_MS);
  }

  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
  // Leaving quickly after typing: save what is pending.
  window.addEventListener("pagehide", function () {
    if (timer && navigator.sendBeacon) {
      window.clearTimeout(timer);
      navigator.sendBeacon(form.dataset.draftUrl, new FormData(form));
    }
  });
  form.addEventListener("submit", function () { if (timer) { window.clearTimeout(timer); timer = null; } });
})();
