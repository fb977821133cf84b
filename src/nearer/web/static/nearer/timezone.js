// Sign-up: the device knows its time zone; the server cannot see it. Fill the hidden field
// so the person's check-ins are dated by their own day from the first one. Without script
// the field stays blank and the site's zone applies until they choose one in settings.
(function () {
  var field = document.querySelector('input[name="time_zone"]');
  if (!field || field.value) return;
  try {
    field.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (e) {
    field.value = "";
  }
})();
