// Guided mode. The server offers the steps that can happen on this page, in order; the page
// outlines the first whose element it shows, tells the server which one it picked, and
// refreshes when the trainee comes back to this tab (the other tab may have moved on).
(function () {
  var panel = document.querySelector("[data-guided-source]");
  if (!panel) { return; }
  var source = panel.getAttribute("data-guided-source");
  var total = (panel.querySelector("[data-guided-number]").textContent.split("/")[1] || "").trim();
  var shown = null;

  function present(selector) {
    if (!selector) { return null; }
    try { return document.querySelector(selector); } catch (e) { return null; }
  }

  function show(candidates) {
    var pick = candidates[0], element = null;
    for (var i = 0; i < candidates.length; i++) {
      element = present(candidates[i].target);
      if (element) { pick = candidates[i]; break; }
    }
    document.querySelectorAll("[data-guided]").forEach(function (old) {
      old.classList.remove("sim-highlight"); old.removeAttribute("data-guided");
    });
    if (element) { element.classList.add("sim-highlight"); element.setAttribute("data-guided", "1"); }
    panel.querySelector("[data-guided-number]").textContent = pick.number + "/" + total;
    panel.querySelector("[data-testid=guided-caption]").innerHTML = pick.caption;
    panel.querySelector("[data-guided-link]").setAttribute("href", pick.guide_url);
    panel.setAttribute("data-guided-target", pick.target || "");
    return pick.number;
  }

  function refresh() {
    if (document.visibilityState !== "visible") { return; }
    var url = source + (shown ? "&etape=" + shown : "");
    fetch(url, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (step) {
        if (!step || !step.active) { return; }
        total = step.total;
        var picked = show(step.candidates);
        if (picked !== shown) { shown = picked; refresh(); }
      })
      .catch(function () {});
  }

  shown = show(JSON.parse(panel.getAttribute("data-guided-candidates")));
  refresh();
  document.addEventListener("visibilitychange", refresh);
  window.addEventListener("focus", refresh);
  setInterval(refresh, 3000);
})();
