// Progress of an upload: asks the status endpoint every two seconds and updates the page.
// Without JavaScript the page refreshes itself instead (a noscript meta refresh).
(function () {
  var box = document.getElementById("job");
  if (!box) { return; }
  var url = box.getAttribute("data-status-url");
  if (!url) { return; }  // the picker of a group chat: nothing to follow
  var bar = document.getElementById("job-progress");
  var message = document.getElementById("job-message");
  var title = document.getElementById("progress-title");
  function show(body) {
    if (body.status === "choosing" || body.status === "cancelled") {
      // A group chat now waits for its two people: the page draws the picker.
      window.location.reload();
      return true;
    }
    var cancel = document.getElementById("job-cancel");
    if (cancel && body.status !== "queued") { cancel.remove(); }  // too late to cancel
    bar.value = body.percent;
    bar.textContent = body.percent + "%";
    message.textContent = body.message;
    if (body.status === "done") {
      title.textContent = "Done";
      var done = document.getElementById("job-done");
      if (body.insights_url) {
        done.innerHTML = "";
        var link = document.createElement("a");
        link.className = "button";
        link.href = body.insights_url;
        link.textContent = "See your insights";
        done.appendChild(link);
      }
      done.hidden = false;
    } else if (body.status === "failed") {
      title.textContent = "It did not work";
      document.getElementById("job-failed").hidden = false;
    } else {
      title.textContent = body.status === "running" ? "Analysing" : "Waiting in line";
    }
    return body.status === "done" || body.status === "failed";
  }
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (body) {
        if (body === null || !show(body)) { window.setTimeout(poll, 2000); }
      })
      .catch(function () { window.setTimeout(poll, 4000); });
  }
  if (!document.getElementById("job-done").hidden || !document.getElementById("job-failed").hidden) {
    return;
  }
  window.setTimeout(poll, 1000);
})();
