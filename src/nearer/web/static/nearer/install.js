// Register the service worker that shows the offline page (see /sw.js: it stores no pages).
if ("serviceWorker" in navigator) {
  window.addEventListener("load", function () {
    navigator.serviceWorker.register("/sw.js").catch(function () {});
  });
}
