// Daily check-in: show only the words of the area picked first. Without this script every
// word is shown, grouped by area, and the form still works.
(function () {
  "use strict";
  var form = document.getElementById("checkin");
  if (!form) return;
  var groups = form.querySelectorAll("[data-words-for]");
  function update() {
    var picked = form.querySelector("input[data-quadrant]:checked");
    groups.forEach(function (group) {
      group.hidden = !!picked && group.getAttribute("data-words-for") !== picked.value;
    });
  }
  form.querySelectorAll("input[data-quadrant]").forEach(function (input) {
    input.addEventListener("change", update);
  });
  update();
})();
