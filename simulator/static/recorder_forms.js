// The recorder's forms: an error summary takes focus, so a screen reader reads it first.
(function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }
})();
