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

  var squash = window.SimNames.squash, accessibleName = window.SimNames.accessibleName;

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
    var changed = pick.number !== shown;
    document.querySelectorAll("[data-guided]").forEach(function (old) {
      if (old === element && !changed) { return; }
      old.classList.remove("sim-highlight"); old.removeAttribute("data-guided");
      describe(old, false);
    });
    if (element && element.getAttribute("data-guided") !== "1") {
      element.classList.add("sim-highlight"); element.setAttribute("data-guided", "1");
      describe(element, true);
      var number = pick.number;
      element.addEventListener("click", function () { reportDone(number); }, { once: true });
    }
    panel.querySelector("[data-guided-number]").textContent = pick.number + "/" + total;
    var caption = panel.querySelector("[data-testid=guided-caption]");
    var html = (here === false ? "<em>Étape suivante, sur une autre page :</em> " : "") + pick.caption;
    if (caption.innerHTML !== html) { caption.innerHTML = html; }
    panel.querySelector("[data-guided-link]").setAttribute("href", pick.guide_url);
    if (changed) { announce(pick.number, caption); }
    if (panel.classList.contains("guided-folded")) { fold(true, false); }
    dock();
    if (changed && element) { reveal(element); }
    return pick.number;
  }

  // The outlined element is also described by the caption, for screen readers.
  function describe(el, on) {
    var ids = (el.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (id) {
      return id && id !== "guided-caption";
    });
    if (on) { ids.push("guided-caption"); }
    if (ids.length) { el.setAttribute("aria-describedby", ids.join(" ")); } else { el.removeAttribute("aria-describedby"); }
  }

  // Each new step is spoken once, by the polite live region: not at every poll, and not
  // again in the other tab that shows the same step.
  var live = panel.querySelector("[data-guided-live]");
  var title = squash(panel.querySelector("#guided-title").textContent.split("·")[1]);
  function announce(number, caption) {
    var key = title + ":" + number;
    if (store("announced") === key) { return; }
    store("announced", key);
    var text = "Étape " + number + " sur " + total + " : " + squash(caption.textContent);
    live.textContent = "";
    window.setTimeout(function () { live.textContent = text; }, 150);
  }

  function store(name, value) {
    try {
      if (value === undefined) { return window.localStorage.getItem("sim-guided-" + name); }
      window.localStorage.setItem("sim-guided-" + name, value);
    } catch (e) { return null; }
    return value;
  }

  // Folded to a small button, and it stays folded on the next pages (the choice is the trainee's).
  var toggle = panel.querySelector("[data-guided-toggle]");
  var body = panel.querySelector("#guided-body");
  function fold(folded, moveFocus) {
    panel.classList.toggle("guided-folded", folded);
    body.hidden = folded;
    toggle.setAttribute("aria-expanded", folded ? "false" : "true");
    toggle.innerHTML = folded
      ? "Afficher le pas à pas <span class=\"guided-toggle-step\">(étape " + panel.querySelector("[data-guided-number]").textContent + ")</span>"
      : "Réduire<span class=\"visually-hidden\"> le pas à pas</span>";
    store("folded", folded ? "1" : "0");
    if (moveFocus) { toggle.focus(); }
    dock();
  }
  toggle.addEventListener("click", function () { fold(!panel.classList.contains("guided-folded"), true); });

  // At phone width the panel is docked at the bottom: the page gets room under its content,
  // and the outlined element is scrolled above the panel instead of hiding behind it.
  function dock() {
    if (!toggle) { return; }
    var docked = window.matchMedia("(max-width: 640px)").matches;
    document.body.style.paddingBottom = panel.offsetHeight + (docked ? 16 : 32) + "px";
  }
  function reveal(element) {
    var box = element.getBoundingClientRect(), cover = panel.getBoundingClientRect();
    var overlaps = box.bottom > cover.top && box.top < cover.bottom && box.right > cover.left && box.left < cover.right;
    if (box.top < 0 || box.bottom > window.innerHeight || overlaps) {
      window.scrollBy(0, box.top - Math.max(16, (cover.top - box.height) / 2));
    }
  }
  window.addEventListener("resize", dock);

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

  if (store("folded") === "1") { fold(true, false); }
  shown = show(JSON.parse(panel.getAttribute("data-guided-candidates")),
               panel.getAttribute("data-guided-here") === "1");
  refresh();
  document.addEventListener("visibilitychange", refresh);
  window.addEventListener("focus", refresh);
  setInterval(refresh, 3000);
})();
