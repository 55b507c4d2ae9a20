/* Progress page: draw the per-criterion line chart from the JSON in #progress-data (Chart.js, offline). */
(function () {
  "use strict";
  var PALETTE = ["#0f5c5a", "#c2571a", "#1f5fa8", "#6b2e91", "#1d7a46", "#8a5a00"];
  var DASHES = [[], [6, 4], [2, 3], [10, 3, 2, 3], [4, 4], [1, 2]];
  var POINTS = ["circle", "rectRot", "triangle", "rect", "star", "crossRot"];

  function draw() {
    var source = document.getElementById("progress-data");
    var canvas = document.getElementById("progress-chart");
    if (!source || !canvas || typeof window.Chart === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    // The table is open for readers without JavaScript; with the chart drawn it can fold away.
    var table = document.querySelector("details.chart-table");
    if (table && data.labels.length > 8) { table.open = false; }
    var datasets = data.series.map(function (series, index) {
      var overall = series.id === "overall";
      var colour = overall ? "#1d2733" : PALETTE[index % PALETTE.length];
      return {
        label: series.label, data: series.data, borderColor: colour, backgroundColor: colour,
        borderWidth: overall ? 3 : 2, borderDash: overall ? [] : DASHES[index % DASHES.length],
        pointStyle: overall ? "circle" : POINTS[index % POINTS.length], pointRadius: overall ? 5 : 4,
        spanGaps: true, tension: 0.2
      };
    });
    var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    new window.Chart(canvas, {
      type: "line",
      data: { labels: data.labels, datasets: datasets },
      options: {
        responsive: true, maintainAspectRatio: false, animation: reduce ? false : { duration: 400 },
        interaction: { mode: "index", intersect: false },
        scales: { y: { min: 0, max: 100, ticks: { stepSize: 20 } }, x: { ticks: { autoSkip: true, maxRotation: 0 } } },
        plugins: {
          legend: { position: "bottom", labels: { usePointStyle: true } },
          tooltip: { callbacks: { title: function (items) {
            var i = items[0].dataIndex;
            return data.labels[i] + " · " + ((data.titles || [])[i] || "");
          } } }
        }
      }
    });
  }

  document.addEventListener("DOMContentLoaded", draw);
})();
