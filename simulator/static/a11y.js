// A form that failed shows an error summary: it takes focus on load, so a screen reader reads
// it at once and the next Tab reaches its links (GOV.UK Design System's error summary).
// Otherwise, arriving on a flow's next page (from another page of the sandbox, not by reloading
// or going back), the focus goes to the page's heading in main, as GOV.UK does: a screen reader
// reads where the trainee is, and the next Tab reaches the page's first field, not the twelve
// links of the sandbox bar. The heading is focusable by script only (tabindex=-1).
(function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); return; }
  var heading = document.querySelector("main h1");
  if (!heading || !document.referrer) { return; }
  var from;
  try { from = new URL(document.referrer); } catch (e) { return; }
  var entry = window.performance && performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
  var how = entry ? entry.type : "navigate";
  if (from.origin !== location.origin || how !== "navigate") { return; }
  var active = document.activeElement;
  if (active && active !== document.body && active !== document.documentElement) { return; }  // autofocus kept
  if (!heading.hasAttribute("tabindex")) { heading.setAttribute("tabindex", "-1"); }
  heading.classList.add("sim-arrival");
  heading.focus({ preventScroll: true });
})();
