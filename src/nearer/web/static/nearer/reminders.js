// Reminders: suggest this device's time zone until a reminder has been set. The form works
// the same without this script (the site's time zone is then the starting choice).
(function () {
  var select = document.querySelector("select[data-suggest=device]");
  if (!select || !window.Intl) return;
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone || zone === select.value) return;
  for (var i = 0; i < select.options.length; i++) {
    if (select.options[i].value === zone) {
      select.value = zone;
      var hint = document.getElementById(select.id + "_helptext");
      if (hint) hint.textContent = "Taken from this device's clock; change it if it is wrong. " + hint.textContent;
      return;
    }
  }
})();
