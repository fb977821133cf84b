// Quick exit: leave at once for a neutral site, replacing this page in the history so the
// back button does not come back here. Esc pressed twice within a second does the same.
(function () {
  "use strict";
  var link = document.getElementById("quick-exit");
  if (!link) return;
  var target = link.getAttribute("href");
  function leave(event) {
    if (event) event.preventDefault();
    document.body.style.visibility = "hidden";
    try { document.title = "Weather"; } catch (e) { /* nothing to do */ }
    window.location.replace(target);
  }
  link.addEventListener("click", leave);
  var last = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var now = Date.now();
    if (now - last < 1000) leave(event);
    last = now;
  });
})();
