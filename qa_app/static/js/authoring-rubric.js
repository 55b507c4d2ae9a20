// Rubric editor: keep the "weights together" total up to date while weights are typed.
// The server's check on save is the rule; this only shows the sum sooner.
(function () {
  "use strict";
  var output = document.querySelector("[data-weight-total]");
  if (!output) { return; }
  var box = output.closest(".rubric-total");
  var saved = output.textContent.trim();
  var unsaved = box ? box.querySelector("[data-weight-unsaved]") : null;
  var problems = box ? box.querySelector(".rubric-problems") : null;
  var locale = document.documentElement.lang || "en";
  var format = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });

  function update() {
    var total = 0;
    document.querySelectorAll("[data-weight]").forEach(function (input) {
      var value = parseFloat(input.value.replace(",", ".").replace(/\s/g, ""));
      if (!isNaN(value)) { total += value; }
    });
    var text = format.format(Math.round(total * 100) / 100);
    var changed = text !== saved;
    output.textContent = text;
    if (box) {
      box.classList.toggle("rubric-total--off", Math.abs(total - 100) > 0.01);
      // The saved check's message is about the saved weights: hide it once they are edited.
      box.classList.toggle("rubric-total--error", !changed && problems !== null);
    }
    if (problems) { problems.hidden = changed; }
    if (unsaved) { unsaved.hidden = !changed; }
  }

  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("[data-weight]")) { update(); }
  });
  update();
})();
