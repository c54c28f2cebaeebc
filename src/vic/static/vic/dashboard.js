/* Stacked bar of the six statuses per lead unit, drawn in the page (no external service). */
(function () {
  var el = document.getElementById("by-unit");
  var data = document.getElementById("chart-data");
  if (!el || !data || !window.Chart) return;
  new window.Chart(el, {
    type: "bar",
    data: JSON.parse(data.textContent),
    options: { responsive: true, maintainAspectRatio: false, plugins: { legend: { position: "bottom" } },
               scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } }
  });
})();
