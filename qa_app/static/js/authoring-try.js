/* Try it: after htmx swaps in a result, move focus to it so keyboard and screen-reader users
   land on the score (or on the reason nothing was graded). Without JavaScript the form posts
   and the result comes on a page of its own. */
(function () {
  "use strict";
  document.addEventListener("htmx:afterSwap", function (event) {
    var region = event.detail && event.detail.target;
    if (!region || !region.classList || !region.classList.contains("try-result")) { return; }
    var first = region.querySelector("[role='alert'], .try-outcome__head");
    if (!first) { return; }
    first.setAttribute("tabindex", "-1");
    first.focus({ preventScroll: false });
  });
})();
