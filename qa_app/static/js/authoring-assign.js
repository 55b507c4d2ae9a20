/* Assignment report: draw the score distribution from the canvas's data-* attributes (Chart.js,
   offline, no inline script). The table beside the chart has the same figures. */
(function () {
  "use strict";

  function reduceMotion() {
    return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  function draw(canvas) {
    var labels = JSON.parse(canvas.getAttribute("data-labels") || "[]");
    var values = JSON.parse(canvas.getAttribute("data-values") || "[]");
    if (!labels.length) { return; }
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: labels,
        datasets: [{ label: canvas.getAttribute("data-series-label"), data: values, backgroundColor: "#0f5c5a" }]
      },
      options: {
        responsive: true, maintainAspectRatio: false, animation: reduceMotion() ? false : { duration: 400 },
        scales: {
          y: { beginAtZero: true, ticks: { precision: 0 } },
          x: { title: { display: true, text: canvas.getAttribute("data-x-title") }, ticks: { autoSkip: true, maxRotation: 50 } }
        },
        plugins: { legend: { display: false } }
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (typeof window.Chart === "undefined") { return; }
    Array.prototype.forEach.call(document.querySelectorAll("canvas[data-assign-chart]"), draw);
  });
})();
