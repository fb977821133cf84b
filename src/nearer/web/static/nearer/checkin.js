// Daily check-in: when a saved word sits low in its scrolling list, bring it into view.
// Everything else (showing only the picked area's words) is CSS, so the form works without
// this script.
(function () {
  "use strict";
  var form = document.getElementById("checkin");
  if (!form) return;
  var picked = form.querySelector('input[name="feeling"]:checked');
  if (picked) picked.parentElement.scrollIntoView({ block: "nearest" });
})();
