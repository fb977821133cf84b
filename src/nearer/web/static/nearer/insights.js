// Weekly charts on the insights page, drawn with the vendored uPlot from the figures embedded
// in the page (a JSON script element): no network, no CDN.
(function () {
  var holder = document.getElementById("charts");
  var source = document.getElementById("chart-data");
  if (!holder || !source || typeof uPlot === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var colors = ["#8c2f4f", "#2f6f9f"];
  function width() { return Math.max(260, Math.min(holder.clientWidth, 900)); }
  var plots = [];
  data.charts.forEach(function (chart) {
    var figure = document.createElement("figure");
    figure.className = "chart";
    var caption = document.createElement("figcaption");
    caption.textContent = chart.unit ? chart.title + " (" + chart.unit + ")" : chart.title;
    figure.appendChild(caption);
    holder.appendChild(figure);
    var options = {
      width: width(),
      height: 200,
      legend: { live: false },
      series: [
        { label: "Week" },
        { label: data.names[0], stroke: colors[0], width: 2, spanGaps: false },
        { label: data.names[1], stroke: colors[1], width: 2, dash: [6, 3], spanGaps: false }
      ],
      axes: [{}, { size: 48 }],
      scales: { x: { time: true } }
    };
    plots.push(new uPlot(options, [data.x, chart.a, chart.b], figure));
  });
  var pending = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(function () {
      plots.forEach(function (p) { p.setSize({ width: width(), height: 200 }); });
    }, 150);
  });
})();
