// A form that failed shows an error summary: it takes focus on load, so a screen reader reads
// it at once and the next Tab reaches its links (GOV.UK Design System's error summary).
(function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }
})();
