// Rubric editor: keep the "weights together" total up to date while weights are typed.
// The server's check on save is the rule; this only shows the sum sooner.
(function () {
  "use strict";
  var output = document.querySelector("[data-weight-total]");
  if (!output) { return; }
  var box = output.closest(".rubric-total");
  var locale = document.documentElement.lang || "en";
  var format = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });

  function update() {
    var total = 0;
    document.querySelectorAll("[data-weight]").forEach(function (input) {
      var value = parseFloat(input.value.replace(",", ".").replace(/\s/g, ""));
      if (!isNaN(value)) { total += value; }
    });
    output.textContent = format.format(Math.round(total * 100) / 100);
    if (box) { box.classList.toggle("rubric-total--off", Math.abs(total - 100) > 0.01); }
  }

  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("[data-weight]")) { update(); }
  });
  update();
})();
