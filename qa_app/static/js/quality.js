/* Quality dashboard: draw the charts from the JSON in #quality-data (Chart.js, offline, no inline script).
   Each <canvas data-chart="trend|histogram|compliance"> names its series; the table beside it has the same figures. */
(function () {
  "use strict";
  var PALETTE = ["#0f5c5a", "#c2571a", "#1f5fa8", "#6b2e91"];
  var DASHES = [[], [6, 4], [2, 3], [10, 3, 2, 3]];
  var POINTS = ["circle", "rectRot", "triangle", "rect"];

  function reduceMotion() {
    return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  function trend(canvas, data) {
    var datasets = data.series.map(function (series, index) {
      var colour = PALETTE[index % PALETTE.length];
      return {
        label: series.label, data: series.data, borderColor: colour, backgroundColor: colour,
        borderWidth: index === 0 ? 3 : 2, borderDash: DASHES[index % DASHES.length],
        pointStyle: POINTS[index % POINTS.length], pointRadius: 4, spanGaps: true, tension: 0.2
      };
    });
    return {
      type: "line",
      data: { labels: data.labels, datasets: datasets },
      options: {
        responsive: true, maintainAspectRatio: false, animation: reduceMotion() ? false : { duration: 400 },
        interaction: { mode: "index", intersect: false },
        scales: { y: { min: 0, max: 100, ticks: { stepSize: 20 } }, x: { ticks: { autoSkip: true, maxRotation: 0 } } },
        plugins: { legend: { position: "bottom", labels: { usePointStyle: true } } }
      }
    };
  }

  function bars(canvas, data, percent) {
    return {
      type: "bar",
      data: { labels: data.labels, datasets: [{ label: data.label, data: data.data, backgroundColor: PALETTE[0] }] },
      options: {
        responsive: true, maintainAspectRatio: false, animation: reduceMotion() ? false : { duration: 400 },
        scales: { y: percent ? { min: 0, max: 100 } : { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { display: false } }
      }
    };
  }

  function draw() {
    var source = document.getElementById("quality-data");
    if (!source || typeof window.Chart === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    var canvases = document.querySelectorAll("canvas[data-chart]");
    Array.prototype.forEach.call(canvases, function (canvas) {
      var kind = canvas.getAttribute("data-chart");
      var series = data[kind];
      if (!series || !series.labels.length) { return; }
      var config = kind === "trend" ? trend(canvas, series) : bars(canvas, series, kind === "compliance");
      new window.Chart(canvas, config);
    });
  }

  document.addEventListener("DOMContentLoaded", draw);
})();
