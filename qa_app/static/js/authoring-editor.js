// Scenario editor, progressive enhancement only: the page works without this script.
// A row whose "Remove" box is ticked is dimmed, so it is clear what the next save drops.
(function () {
  "use strict";
  function mark(box) {
    var row = box.closest("fieldset");
    if (row) row.classList.toggle("ed-row--removing", box.checked);
  }
  document.querySelectorAll(".ed-remove input[type=checkbox]").forEach(function (box) {
    mark(box);
    box.addEventListener("change", function () { mark(box); });
  });
})();
