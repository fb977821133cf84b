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
  // While quick exit is on, moving between nearer's pages by link replaces the page in the
  // history too, so the back button after a quick exit leads out of nearer, not into it.
  // (A form sent adds an entry as usual.)
  document.addEventListener("click", function (event) {
    var a = event.target && event.target.closest ? event.target.closest("a[href]") : null;
    if (!a || a === link || a.target || a.hasAttribute("download")) return;
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (a.origin !== window.location.origin || a.getAttribute("href").charAt(0) === "#") return;
    event.preventDefault();
    window.location.replace(a.href);
  });
  var last = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var now = Date.now();
    if (now - last < 1000) leave(event);
    last = now;
  });
})();
