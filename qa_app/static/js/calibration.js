/* Calibration charts from the JSON in #calibration-data (Chart.js, offline, no inline script):
   results: alpha per criterion for the people and for AutoQA; sessions: the agreement trend.
   The table next to each chart has the same figures. */
(function () {
  "use strict";
  var source = document.getElementById("calibration-data");
  if (!source || !window.Chart) { return; }
  var data = JSON.parse(source.textContent);
  var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var animation = still ? false : { duration: 400 };
  var alphaAxis = { suggestedMin: 0, max: 1, ticks: { stepSize: 0.2 } };

  var perCriterion = document.querySelector("canvas[data-chart=alpha]");
  if (perCriterion) {
    new window.Chart(perCriterion, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: [
          { label: data.names.people, data: data.people, backgroundColor: "#0f5c5a" },
          { label: data.names.autoqa, data: data.autoqa, backgroundColor: "#c2571a" }
        ]
      },
      options: {
        responsive: true, maintainAspectRatio: false, animation: animation,
        scales: { y: alphaAxis, x: { ticks: { autoSkip: false, maxRotation: 30 } } },
        plugins: { legend: { position: "bottom" } }
      }
    });
  }

  var trend = document.querySelector("canvas[data-chart=trend]");
  if (trend) {
    new window.Chart(trend, {
      type: "line",
      data: {
        labels: data.labels,
        datasets: [
          { label: data.names.overall, data: data.overall, borderColor: "#0f5c5a", backgroundColor: "#0f5c5a",
            borderWidth: 3, pointRadius: 4, spanGaps: true },
          { label: data.names.criteria, data: data.criteria, borderColor: "#c2571a", backgroundColor: "#c2571a",
            borderWidth: 2, borderDash: [6, 4], pointStyle: "rectRot", pointRadius: 4, spanGaps: true }
        ]
      },
      options: {
        responsive: true, maintainAspectRatio: false, animation: animation,
        scales: { y: alphaAxis },
        plugins: { legend: { position: "bottom", labels: { usePointStyle: true } } }
      }
    });
  }
})();
