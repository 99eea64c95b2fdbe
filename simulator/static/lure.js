// A lure's page (sandbox/lures.py): the first character typed ends the drill at once.
// The fields have no name, so the form sends only its CSRF token; they are emptied and
// made read-only as well, so what was typed leaves no trace, even in the page. The fact is
// posted at once; the page says so (role="alert") and offers the debrief (the same form,
// posted again: the server keeps the first answer).
(function () {
  "use strict";
  var form = document.querySelector("[data-lure-form]");
  if (!form) return;
  var inputs = form.querySelectorAll("[data-lure-input]");
  var notice = document.querySelector("[data-lure-ended]");
  var sent = false;
  function forget() {
    inputs.forEach(function (input) { input.value = ""; input.readOnly = true; });
  }
  function end() {
    forget();
    if (sent) return;
    sent = true;
    if (notice) notice.hidden = false;
    var body = new FormData();
    body.append("csrf_token", form.querySelector("[name=csrf_token]").value);
    fetch(form.action, { method: "POST", body: body, credentials: "same-origin", redirect: "manual" })
      .catch(function () { form.submit(); });
  }
  form.addEventListener("input", function (event) {
    if (event.target.matches("[data-lure-input]") && event.target.value) end();
  });
  form.addEventListener("submit", forget);
})();
