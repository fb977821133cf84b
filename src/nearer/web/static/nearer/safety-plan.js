// The safety plan's Print button (hidden without this script: the browser's own Print works).
(function () {
  "use strict";
  var button = document.getElementById("print-plan");
  if (!button) return;
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
})();
