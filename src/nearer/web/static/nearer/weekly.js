// Weekly talk: one step at a time with a countdown. Without this script all steps show.
(function () {
  "use strict";
  var steps = Array.prototype.slice.call(document.querySelectorAll("#guide .step"));
  var timer = document.getElementById("timer");
  var controls = document.getElementById("timer-controls");
  var start = document.getElementById("start");
  var next = document.getElementById("next");
  if (!steps.length || !timer) return;
  var index = 0, left = 0, tick = null;
  document.getElementById("guide").classList.add("js-steps");
  timer.hidden = false;
  controls.hidden = false;
  function show() {
    steps.forEach(function (s, i) { s.classList.toggle("current", i === index); });
    left = Number(steps[index].getAttribute("data-minutes")) * 60;
    draw();
  }
  function draw() {
    var m = Math.floor(left / 60), s = left % 60;
    timer.textContent = m + ":" + (s < 10 ? "0" : "") + s;
  }
  function run() {
    if (tick) { clearInterval(tick); tick = null; start.textContent = "Resume"; return; }
    start.textContent = "Pause";
    tick = setInterval(function () {
      left = Math.max(0, left - 1);
      draw();
      if (left === 0) { clearInterval(tick); tick = null; start.textContent = "Start the timer"; }
    }, 1000);
  }
  start.addEventListener("click", run);
  next.addEventListener("click", function () {
    if (tick) { clearInterval(tick); tick = null; start.textContent = "Start the timer"; }
    index = Math.min(index + 1, steps.length - 1);
    show();
    steps[index].querySelector("h3").focus();
  });
  steps.forEach(function (s) { s.querySelector("h3").setAttribute("tabindex", "-1"); });
  show();
})();
