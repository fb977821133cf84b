// Home page: your own closeness over the last weeks, drawn with the vendored uPlot from the
// figures embedded in the page (no network). Only the home page loads this script.
(function () {
  var holder = document.getElementById("closeness-chart");
  var source = document.getElementById("closeness-data");
  if (!holder || !source || typeof uPlot === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  // Each day's dot is coloured by its area: pleasant days green, unpleasant days blue.
  function dots(u) {
    var ctx = u.ctx;
    ctx.save();
    data.x.forEach(function (x, i) {
      var cx = u.valToPos(x, "x", true);
      var cy = u.valToPos(data.closeness[i], "y", true);
      ctx.beginPath();
      ctx.fillStyle = data.pleasant[i] > 0 ? "#1f6b3a" : (data.pleasant[i] < 0 ? "#1a4fb5" : "#4f4a45");
      ctx.arc(cx, cy, 4 * devicePixelRatio, 0, 2 * Math.PI);
      ctx.fill();
    });
    ctx.restore();
  }
  // Dates as the rest of the page writes them ("7 Oct"), read in UTC: the figures are days.
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  function days(u, splits) {
    return splits.map(function (s) {
      var d = new Date(s * 1000);
      return d.getUTCDate() + " " + MONTHS[d.getUTCMonth()];
    });
  }
  function width() { return Math.max(240, holder.clientWidth || 600); }
  var plot = new uPlot({
    width: width(),
    height: 200,
    legend: { show: false },
    cursor: { show: false },
    scales: { x: { time: true }, y: { range: [1, 10] } },
    axes: [{ size: 30, values: days, space: 60 }, { size: 34, splits: function () { return [1, 4, 7, 10]; } }],
    series: [{}, { label: "closeness", stroke: "#8c2f4f", width: 2, spanGaps: true, points: { show: false } }],
    hooks: { draw: [dots] },
  }, [data.x, data.closeness], holder);
  window.addEventListener("resize", function () { plot.setSize({ width: width(), height: 200 }); });
})();
