/* Practice page: reply timer (display only; the server measures), keyboard sending, drafts kept
   over a language switch or reload, focus and announcements after an htmx turn, and linking marks
   to notes on the debrief. */
(function () {
  "use strict";
  var timer = { started: 0, handle: null };

  function format(seconds) {
    seconds = Math.max(0, Math.floor(seconds));
    var h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
    var mm = h ? String(m).padStart(2, "0") : String(m);
    return (h ? h + ":" : "") + mm + ":" + String(s).padStart(2, "0");
  }

  function tick() {
    var box = document.querySelector("[data-timer]");
    if (!box) { return; }
    var elapsed = (Date.now() - timer.started) / 1000;
    var target = Number(box.getAttribute("data-target")) || 0;
    var value = box.querySelector("[data-timer-value]");
    if (value) { value.textContent = format(elapsed); }
    var over = target > 0 && elapsed > target;
    box.classList.toggle("timer--over", over);
    var flag = box.querySelector("[data-timer-over]");
    if (flag) { flag.hidden = !over; }
  }

  function startTimer() {
    var box = document.querySelector("[data-timer]");
    if (!box) { return; }
    timer.started = Date.now() - (Number(box.getAttribute("data-elapsed")) || 0) * 1000;
    tick();
    if (!timer.handle) { timer.handle = window.setInterval(tick, 1000); }
  }

  function sendOnCtrlEnter(event) {
    var area = event.target;
    if (!area.matches || !area.matches("[data-reply]")) { return; }
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      var form = area.form;
      // One send at a time: htmx disables the button while a reply is on its way.
      var button = form.querySelector("button[type='submit']");
      if (button && button.disabled) { return; }
      if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
    }
  }

  function countWords(event) {
    var area = event && event.target && event.target.matches && event.target.matches("[data-reply]") ?
      event.target : document.querySelector("[data-reply]");
    var out = document.querySelector("[data-word-count]");
    if (!area || !out) { return; }
    var words = area.value.trim() ? area.value.trim().split(/\s+/).length : 0;
    out.textContent = (out.getAttribute("data-label") || "Words") + ": " + words;
    if (event && event.type === "input") { unsent = words > 0; }
  }

  // Warn before leaving with a typed but unsent reply; sending (plain or htmx) clears the flag.
  var unsent = false;
  window.addEventListener("beforeunload", function (event) {
    if (unsent) { event.preventDefault(); event.returnValue = ""; }
  });

  // Drafts: the reply is saved per attempt and turn as it is typed, in sessionStorage (this tab
  // only, gone when it closes: practice computers are often shared). It is put back when the page
  // is shown again (a language switch, a reload) and dropped once the reply is stored, which the
  // page shows by moving to a later turn or to the debrief (data-drafts-done).
  var DRAFT = "kohtaamo:draft:";
  var drafts = (function () {
    try {
      window.sessionStorage.setItem(DRAFT + "probe", "1");
      window.sessionStorage.removeItem(DRAFT + "probe");
      return window.sessionStorage;
    } catch (error) { return null; }  // storage switched off: the draft lives only in the page
  }());

  function draftKey(area) {
    return DRAFT + area.getAttribute("data-draft-attempt") + ":" + area.getAttribute("data-draft-turn");
  }

  function dropDrafts(attempt, beforeTurn) {
    if (!drafts || !attempt) { return; }
    var prefix = DRAFT + attempt + ":";
    for (var i = drafts.length - 1; i >= 0; i -= 1) {
      var key = drafts.key(i);
      if (key && key.indexOf(prefix) === 0 && (beforeTurn === undefined || Number(key.slice(prefix.length)) < beforeTurn)) {
        drafts.removeItem(key);
      }
    }
  }

  function saveDraft(event) {
    var area = event.target;
    if (!drafts || !area.matches || !area.matches("[data-reply][data-draft-attempt]")) { return; }
    try {
      if (area.value) { drafts.setItem(draftKey(area), area.value); } else { drafts.removeItem(draftKey(area)); }
    } catch (error) { /* storage full: the text is still in the textarea */ }
  }

  function restoreDraft() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-drafts-done]"), function (el) {
      dropDrafts(el.getAttribute("data-drafts-done"));
    });
    var area = document.querySelector("[data-reply][data-draft-attempt]");
    if (!area || !drafts) { return; }
    dropDrafts(area.getAttribute("data-draft-attempt"), Number(area.getAttribute("data-draft-turn")));
    var saved = drafts.getItem(draftKey(area));
    if (!area.value && saved) {
      area.value = saved;
      unsent = true;
    } else if (area.value) {
      saveDraft({ target: area });  // text the server put back (an error, a kept reply) is the draft now
    }
  }

  // With JavaScript the draft is kept here, so the language buttons post their own header form
  // again; without it they post the reply form, draft included, and the server keeps the draft.
  function plainLanguageSwitch() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-draft-lang]"), function (button) {
      button.removeAttribute("form");
      button.removeAttribute("formaction");
    });
  }

  document.addEventListener("submit", function (event) {
    unsent = false;
    var form = event.target;
    // "Leave it and start a new one": the left attempt's draft will never be sent.
    if (form && form.getAttribute && form.hasAttribute("data-drop-drafts")) { dropDrafts(form.getAttribute("data-drop-drafts")); }
  });

  function afterTurn() {
    startTimer();
    restoreDraft();
    countWords();
    var invalid = document.querySelector("[data-reply][aria-invalid='true']");
    if (invalid) { invalid.focus(); return; }
    var message = document.getElementById("current-message");
    if (!message) { return; }
    message.focus();
    var announcer = document.getElementById("practice-announcer");
    var status = document.querySelector(".conversation__status");
    if (announcer) {
      announcer.textContent = "";
      window.setTimeout(function () {
        announcer.textContent = message.innerText.replace(/\s+/g, " ").trim() +
          (status ? " — " + status.innerText.replace(/\s+/g, " ").trim() : "");
      }, 50);
    }
  }

  function markLinks(event) {
    var link = event.target.closest && event.target.closest("[data-mark]");
    var active = document.querySelectorAll(".hl--active");
    Array.prototype.forEach.call(active, function (el) { el.classList.remove("hl--active"); });
    if (!link || event.type === "focusout" || event.type === "mouseout") { return; }
    var key = link.getAttribute("data-mark");
    Array.prototype.forEach.call(document.querySelectorAll("mark[data-marks]"), function (mark) {
      if ((" " + mark.getAttribute("data-marks") + " ").indexOf(" " + key + " ") >= 0) { mark.classList.add("hl--active"); }
    });
  }

  document.documentElement.classList.add("js");
  document.addEventListener("DOMContentLoaded", function () { plainLanguageSwitch(); restoreDraft(); startTimer(); countWords(); });
  document.addEventListener("input", countWords);
  document.addEventListener("input", saveDraft);
  document.addEventListener("keydown", sendOnCtrlEnter);
  ["focusin", "focusout", "mouseover", "mouseout"].forEach(function (type) { document.addEventListener(type, markLinks); });
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.detail && event.detail.elt && event.detail.elt.id === "practice-session") { afterTurn(); }
  });
  document.addEventListener("htmx:responseError", function () {
    var announcer = document.getElementById("practice-announcer");
    var box = document.querySelector(".reply__bar");
    var note = document.createElement("p");
    note.className = "field__error";
    note.setAttribute("role", "alert");
    note.textContent = (box && box.getAttribute("data-error")) || "Sending failed. Please try again.";
    if (box) { box.parentNode.insertBefore(note, box); }
    if (announcer) { announcer.textContent = note.textContent; }
  });
})();
