// A lure's page (sandbox/lures.py): the first character typed ends the drill at once.
// The fields have no name, so the form sends only its CSRF token; the field is emptied
// before sending all the same, so what was typed leaves no trace, even in the page.
(function () {
  "use strict";
  var form = document.querySelector("[data-lure-form]");
  if (!form) return;
  var sent = false;
  function end() {
    if (sent) return;
    sent = true;
    form.querySelectorAll("[data-lure-input]").forEach(function (input) { input.value = ""; });
    form.submit();
  }
  form.addEventListener("input", function (event) {
    if (event.target.matches("[data-lure-input]") && event.target.value) end();
  });
  form.addEventListener("submit", function () {
    sent = true;
    form.querySelectorAll("[data-lure-input]").forEach(function (input) { input.value = ""; });
  });
})();
