/* Accessibility helpers for every page (issue 16); loaded by base.html.
 *
 * 1. A table too wide for the screen scrolls sideways inside its box (.table-wrap and the
 *    editors' wide views). Such a box becomes a keyboard stop (tabindex 0) and a region named by
 *    the table's caption or the heading of its section, so keyboard users can scroll it with the
 *    arrow keys; a box that fits loses the stop again (checked on load, resize and htmx swaps).
 * 2. A form that came back with errors shows a linked summary (_macros.html error_summary):
 *    it takes the focus, so a screen reader reads it first and a keyboard user starts there;
 *    its links move the focus to the field they name.
 */
(function () {
  'use strict';
  var SCROLLERS = '.table-wrap, .bg-wrap, .yaml-view, .diff-lines';
  var counter = 0;

  function labelFor(box) {
    var caption = box.querySelector('caption');
    var section = box.closest('section, .card');
    var heading = section && section.querySelector('h2, h3');
    var source = (caption && caption.textContent.trim()) ? caption : heading;
    if (!source) { return null; }
    if (!source.id) { counter += 1; source.id = 'scroll-label-' + counter; }
    return source.id;
  }

  function markScrollers() {
    document.querySelectorAll(SCROLLERS).forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute('data-scroll-stop')) {
        box.setAttribute('data-scroll-stop', '');
        if (!box.hasAttribute('tabindex')) { box.setAttribute('tabindex', '0'); box.setAttribute('data-scroll-tabindex', ''); }
        var label = !box.hasAttribute('role') && labelFor(box);
        if (label) {
          box.setAttribute('role', 'region');
          box.setAttribute('aria-labelledby', label);
          box.setAttribute('data-scroll-role', '');
        }
      } else if (!scrolls && box.hasAttribute('data-scroll-stop')) {
        box.removeAttribute('data-scroll-stop');
        if (box.hasAttribute('data-scroll-tabindex')) { box.removeAttribute('tabindex'); box.removeAttribute('data-scroll-tabindex'); }
        if (box.hasAttribute('data-scroll-role')) {
          box.removeAttribute('role'); box.removeAttribute('aria-labelledby'); box.removeAttribute('data-scroll-role');
        }
      }
    });
  }

  function focusErrorSummary() {
    var summary = document.querySelector('[data-error-summary]');
    if (!summary) { return; }
    summary.focus();
    summary.addEventListener('click', function (event) {
      var link = event.target.closest('a[href^="#"]');
      var id = link && link.getAttribute('href').slice(1);
      var target = id && (document.getElementById(id) || document.querySelector('[name="' + CSS.escape(id) + '"]'));
      if (!target) { return; }
      event.preventDefault();
      var field = target.matches('input, select, textarea, button, [tabindex]') ? target
        : target.querySelector('input, select, textarea, button') || target;
      field.scrollIntoView({block: 'center'});
      field.focus();
    });
  }

  var pending = false;
  function later() {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () { pending = false; markScrollers(); });
  }

  function start() {
    markScrollers();
    focusErrorSummary();
    window.addEventListener('resize', later);
    document.body.addEventListener('htmx:afterSettle', later);
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
}());
