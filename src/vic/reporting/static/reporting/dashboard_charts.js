/* The dashboard's monthly trend: six statuses stacked per month, the on-time rate as a line on its own
   0–100 axis. Drawn in the page with the bundled Chart.js (no external service; CSP allows 'self'). */
(function () {
  function draw() {
    var el = document.getElementById("trend-chart");
    var data = document.getElementById("trend-data");
    if (!el || !data || !window.Chart || window.Chart.getChart(el)) return;
    new window.Chart(el, {
      data: JSON.parse(data.textContent),
      options: {
        responsive: true, maintainAspectRatio: false,
        plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } },
        scales: {
          x: { stacked: true },
          y: { stacked: true, beginAtZero: true, position: "left" },
          rate: { min: 0, max: 100, position: "right", grid: { drawOnChartArea: false } }
        }
      }
    });
  }
  // The trend arrives after the page (HTMX, reporting:dashboard_trend); draw it when it lands.
  document.addEventListener("htmx:afterSettle", draw);
  draw();
})();
