// Guided mode. The server offers the steps that can happen on this page, in order; the page
// outlines the first whose element it shows, tells the server which one it picked, and
// refreshes when the trainee comes back to this tab (the other tab may have moved on).
(function () {
  var panel = document.querySelector("[data-guided-source]");
  if (!panel) { return; }
  var source = panel.getAttribute("data-guided-source");
  var total = (panel.querySelector("[data-guided-number]").textContent.split("/")[1] || "").trim();
  var shown = null;

  // The step names its element as a person reads it (role and accessible name, or a field by
  // its label), exactly as the walkthrough runner finds it with Playwright.
  var ROLE_SELECTORS = {
    button: "button, input[type=submit], input[type=button], [role=button]",
    link: "a[href], [role=link]", checkbox: "input[type=checkbox], [role=checkbox]",
    radio: "input[type=radio], [role=radio]", "switch": "[role=switch]",
    heading: "h1, h2, h3, h4, h5, h6, [role=heading]", region: "section[aria-label], section[aria-labelledby], [role=region]",
    img: "img, svg, [role=img]", status: "[role=status], output", alert: "[role=alert]",
    row: "tr, [role=row]", cell: "td, [role=cell]", table: "table, [role=table]",
    list: "ul, ol, [role=list]", listitem: "li, [role=listitem]", figure: "figure",
    combobox: "select, [role=combobox]"
  };

  function squash(text) { return (text || "").replace(/[\u00a0\u202f]/g, " ").replace(/\s+/g, " ").trim(); }

  function accessibleName(el) {
    var by = el.getAttribute("aria-labelledby");
    if (by) {
      return squash(by.split(/\s+/).map(function (id) {
        var ref = document.getElementById(id); return ref ? ref.textContent : "";
      }).join(" "));
    }
    if (el.getAttribute("aria-label")) { return squash(el.getAttribute("aria-label")); }
    if (el.labels && el.labels.length) { return squash(el.labels[0].textContent); }
    if (el.tagName === "INPUT" && el.value) { return squash(el.value); }
    if (el.tagName === "IMG") { return squash(el.alt); }
    return squash(el.innerText || el.textContent);
  }

  function sameName(found, wanted, exact) {
    return exact === false ? found.indexOf(squash(wanted)) !== -1 : found === squash(wanted);
  }

  function visible(el) { return !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length); }

  function present(locator) {
    if (!locator) { return null; }
    var kind = Object.keys(locator).filter(function (k) { return k !== "exact" && k !== "why"; })[0];
    var name = locator[kind], exact = locator.exact, candidates;
    try {
      if (kind === "css") { return document.querySelector(name); }
      if (kind === "field") {
        candidates = Array.prototype.slice.call(document.querySelectorAll("input, select, textarea"))
          .filter(function (el) { return el.labels && el.labels.length && sameName(squash(el.labels[0].textContent), name, exact); });
      } else if (kind === "text") {
        candidates = Array.prototype.slice.call(document.querySelectorAll("body *"))
          .filter(function (el) { return !el.closest(".guided-panel") && sameName(squash(el.innerText), name, exact); });
        candidates = candidates.slice(-1);  // the innermost element with exactly that text
      } else {
        candidates = Array.prototype.slice.call(document.querySelectorAll(ROLE_SELECTORS[kind] || "none"))
          .filter(function (el) { return !el.closest(".guided-panel") && sameName(accessibleName(el), name, exact); });
      }
    } catch (e) { return null; }
    return candidates.filter(visible)[0] || null;
  }

  // Done: the trainee used the outlined element, so the next step is the one to show, even
  // when the page stays the same (« Recevoir l'invitation » leaves the login page in place).
  function reportDone(number) {
    var data = new FormData();
    data.append("csrf_token", panel.getAttribute("data-guided-csrf"));
    data.append("etape", String(number));
    navigator.sendBeacon(panel.getAttribute("data-guided-done"), data);
  }

  function show(candidates, here) {
    var pick = candidates[0], element = null;
    for (var i = 0; i < candidates.length; i++) {
      element = present(candidates[i].target);
      if (element) { pick = candidates[i]; break; }
    }
    document.querySelectorAll("[data-guided]").forEach(function (old) {
      old.classList.remove("sim-highlight"); old.removeAttribute("data-guided");
    });
    if (element) {
      element.classList.add("sim-highlight"); element.setAttribute("data-guided", "1");
      var number = pick.number;
      element.addEventListener("click", function () { reportDone(number); }, { once: true });
    }
    panel.querySelector("[data-guided-number]").textContent = pick.number + "/" + total;
    panel.querySelector("[data-testid=guided-caption]").innerHTML =
      (here === false ? "<em>Étape suivante, sur une autre page :</em> " : "") + pick.caption;
    panel.querySelector("[data-guided-link]").setAttribute("href", pick.guide_url);
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
        var picked = show(step.candidates, step.here);
        if (picked !== shown) { shown = picked; refresh(); }
      })
      .catch(function () {});
  }

  shown = show(JSON.parse(panel.getAttribute("data-guided-candidates")),
               panel.getAttribute("data-guided-here") === "1");
  refresh();
  document.addEventListener("visibilitychange", refresh);
  window.addEventListener("focus", refresh);
  setInterval(refresh, 3000);
})();
