// Seed 000 §2: leaving the code page in the same tab cancels the pending login.
// Submitting one of the page's own forms is not leaving; switching tabs fires no pagehide.
(function () {
  var submitting = false;
  document.querySelectorAll("form[data-keep-page]").forEach(function (form) {
    form.addEventListener("submit", function () { submitting = true; });
  });
  window.addEventListener("pagehide", function () {
    if (submitting) { return; }
    var form = document.getElementById("abandon-form");
    if (form && navigator.sendBeacon) {
      navigator.sendBeacon(form.getAttribute("action"), new FormData(form));
    }
  });
})();
