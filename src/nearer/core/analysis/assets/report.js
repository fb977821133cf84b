// Draws one chart per metric from the aggregates embedded in the page (no network).
(function () {
  var data = JSON.parse(document.getElementById("nearer-data").textContent);
  var colors = ["#b4456e", "#2f6f9f"];
  var people = data.participants;
  var weeks = [];
  var seen = {};
  data.weekly.forEach(function (row) {
    if (!(row.week_start in seen)) { seen[row.week_start] = weeks.length; weeks.push(row.week_start); }
  });
  var xs = weeks.map(function (d) { return Date.parse(d + "T00:00:00Z") / 1000; });
  function series(metric, person) {
    var ys = new Array(weeks.length).fill(null);
    data.weekly.forEach(function (row) {
      if (row.person === person) { ys[seen[row.week_start]] = row[metric]; }
    });
    return ys;
  }
  var recentStart = xs.length > data.settings.recent_weeks ? xs[xs.length - data.settings.recent_weeks] : null;
  function marker(u) {
    if (recentStart === null) { return; }
    var x = u.valToPos(recentStart, "x", true);
    var ctx = u.ctx;
    ctx.save();
    ctx.fillStyle = "rgba(180,69,110,0.10)";
    ctx.fillRect(x, u.bbox.top, u.bbox.left + u.bbox.width - x, u.bbox.height);
    ctx.restore();
  }
  var plots = [];
  document.querySelectorAll(".chart").forEach(function (el) {
    var metric = el.getAttribute("data-metric");
    var ys;
    var sets = [{}];
    if (metric === "lsm") {
      ys = [data.couple_weekly.map(function (r) { return r.lsm; })];
      sets.push({ label: "both", stroke: "#555", width: 2, spanGaps: false });
    } else {
      ys = people.map(function (p) { return series(metric, p); });
      people.forEach(function (p, i) { sets.push({ label: p, stroke: colors[i], width: 2, spanGaps: false }); });
    }
    var width = Math.max(240, el.clientWidth || 600);
    plots.push([el, new uPlot({
      width: width,
      height: 180,
      legend: { show: false },
      cursor: { show: true, drag: { x: false, y: false } },
      scales: { x: { time: true } },
      axes: [{ size: 30 }, { size: 44 }],
      series: sets,
      hooks: { draw: [marker] },
    }, [xs].concat(ys), el)]);
  });
  // Phones turn sideways and windows resize: keep every chart as wide as its column.
  window.addEventListener("resize", function () {
    plots.forEach(function (p) { p[1].setSize({ width: Math.max(240, p[0].clientWidth), height: 180 }); });
  });
})();
