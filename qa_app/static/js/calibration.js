/* Calibration results: alpha per criterion, people and AutoQA, from the JSON in #calibration-data
   (Chart.js, offline, no inline script). The table below the chart has the same figures. */
(function () {
  "use strict";
  var canvas = document.querySelector("canvas[data-chart=alpha]");
  var source = document.getElementById("calibration-data");
  if (!canvas || !source || !window.Chart) { return; }
  var data = JSON.parse(source.textContent);
  var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  new window.Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [
        { label: data.names.people, data: data.people, backgroundColor: "#0f5c5a" },
        { label: data.names.autoqa, data: data.autoqa, backgroundColor: "#c2571a" }
      ]
    },
    options: {
      responsive: true, maintainAspectRatio: false, animation: still ? false : { duration: 400 },
      scales: { y: { suggestedMin: 0, max: 1, ticks: { stepSize: 0.2 } }, x: { ticks: { autoSkip: false, maxRotation: 30 } } },
      plugins: { legend: { position: "bottom" } }
    }
  });
})();
