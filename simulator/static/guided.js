// Guided mode. The server says which step the trainee is at (one step, always the current one)
// and, for this tab and page, whether it happens here, in another tab or on another page; the
// page outlines the step's element. Progress moves only by the step's own action: the outlined
// element used (or its form sent), or « J'ai compris » on a step that only shows something.
// The panel refreshes when the trainee comes back to this tab (the other tab may have moved on).
(function () {
  var panel = document.querySelector("[data-guided-source]");
  if (!panel) { return; }
  var source = panel.getAttribute("data-guided-source");
  var TOOL_PATHS = JSON.parse(panel.getAttribute("data-guided-tabs") || "{}");
  var current = null;

  // The tab's name: the one the sandbox bar gave it (target="messagerie"…), else the tool its
  // page belongs to, else the portal's (the list is the server's, procedures/tabs.py).
  function tabName() {
    if (window.name === "portail" || Object.prototype.hasOwnProperty.call(TOOL_PATHS, window.name)) { return window.name; }
    var path = location.pathname;
    for (var key in TOOL_PATHS) {
      if (path === TOOL_PATHS[key] || path.indexOf(TOOL_PATHS[key] + "/") === 0) { return key; }
    }
    return "portail";
  }
  var tab = tabName();
  // named once: the first tab stays « portail » when it goes on to the mailbox's pages
  if (!window.name) { window.name = tab; }

  // The step names its element as a person reads it (role and accessible name, or a field by
  // its label), exactly as the walkthrough runner finds it with Playwright. The elements of each
  // role are the server's table (procedures/model.py KINDS), served with the page.
  var ROLE_SELECTORS = JSON.parse(panel.getAttribute("data-guided-kinds") || "{}");

  var squash = window.SimNames.squash, accessibleName = window.SimNames.accessibleName;

  function sameName(found, wanted, exact) {
    return exact === false ? found.indexOf(squash(wanted)) !== -1 : found === squash(wanted);
  }

  // shown to the trainee: not in a closed <details> menu, as Playwright's visibility reads it
  function visible(el) {
    if (el.checkVisibility) { return el.checkVisibility({ visibilityProperty: true }); }
    return !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  }

  function present(locator) {
    if (!locator) { return null; }
    var kind = Object.keys(locator).filter(function (k) { return k !== "exact" && k !== "why"; })[0];
    var name = locator[kind], exact = locator.exact, candidates;
    try {
      if (kind === "css") { return document.querySelector(name); }
      if (kind === "field") {
        candidates = Array.prototype.slice.call(document.querySelectorAll("input, select, textarea"))
          .filter(function (el) { return sameName(accessibleName(el), name, exact); });
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

  // Step N done: a beacon (it outlives the page the click leaves). The next page asks again
  // a few times until the server has it, rather than trust its own guess.
  function reportDone(number) {
    var data = new FormData();
    data.append("csrf_token", panel.getAttribute("data-guided-csrf"));
    data.append("etape", String(number));
    store("done", title + ":" + number);
    return navigator.sendBeacon(panel.getAttribute("data-guided-done"), data);
  }

  function outline(element, step) {
    document.querySelectorAll("[data-guided]").forEach(function (old) {
      if (old === element) { return; }
      old.classList.remove("sim-highlight"); old.removeAttribute("data-guided");
      describe(old, false);
    });
    if (!element || element.getAttribute("data-guided") === "1") { return; }
    element.classList.add("sim-highlight"); element.setAttribute("data-guided", "1");
    describe(element, true);
    if (!step.here || step.reading) { return; }  // the bar's link opens a tab: not the step itself
    var number = step.number, said = false;
    function done() { if (!said) { said = true; reportDone(number); } }
    element.addEventListener("click", done, { once: true });
    // a button that sends a form: Enter in one of its fields does the step too
    if (element.form && /^(submit|image)$/.test(element.type || "submit") && element.tagName !== "A") {
      element.form.addEventListener("submit", done, { once: true });
    }
  }

  var numberShown = panel.querySelector("[data-guided-number]");
  var captionShown = panel.querySelector("[data-testid=guided-caption]");
  var understood = panel.querySelector("[data-guided-understood]");
  var finished = panel.querySelector("[data-guided-finished]");

  function show(step) {
    var changed = !current || step.number !== current.number || step.finished !== current.finished;
    current = step;
    var element = step.finished ? null : present(step.target);
    outline(element, step);
    numberShown.textContent = step.number + "/" + step.total + (step.finished ? ", terminée" : "");
    var html = (step.where ? "<em>" + escapeHtml(step.where) + "</em> " : "") + step.caption;
    if (captionShown.innerHTML !== html) { captionShown.innerHTML = html; }
    understood.hidden = !step.reading;
    finished.hidden = !step.finished;
    panel.querySelector("[data-guided-link]").setAttribute("href", step.guide_url);
    if (changed) { announce(step); }
    if (panel.classList.contains("guided-folded")) { fold(true, false); }
    dock();
    if (changed && element) { reveal(element); }
  }

  function escapeHtml(text) {
    var div = document.createElement("div"); div.textContent = text; return div.innerHTML;
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
  function announce(step) {
    var key = title + ":" + step.number + (step.finished ? ":fin" : "");
    if (store("announced") === key) { return; }
    store("announced", key);
    var text = step.finished ? squash(captionShown.textContent)
      : "Étape " + step.number + " sur " + step.total + " : " + squash(captionShown.textContent);
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

  understood.addEventListener("click", function () {
    if (!current || !current.reading) { return; }
    var data = new FormData();
    data.append("csrf_token", panel.getAttribute("data-guided-csrf"));
    data.append("etape", String(current.number));
    understood.disabled = true;
    fetch(panel.getAttribute("data-guided-done"), { method: "POST", body: data, credentials: "same-origin" })
      .then(function () { understood.disabled = false; refresh(); })
      .catch(function () { understood.disabled = false; });
  });

  // Folded to a small button, and it stays folded on the next pages (the choice is the trainee's).
  var toggle = panel.querySelector("[data-guided-toggle]");
  var body = panel.querySelector("#guided-body");
  function fold(folded, moveFocus) {
    panel.classList.toggle("guided-folded", folded);
    body.hidden = folded;
    toggle.setAttribute("aria-expanded", folded ? "false" : "true");
    toggle.innerHTML = folded
      ? "Afficher le pas à pas <span class=\"guided-toggle-step\">(étape " + numberShown.textContent + ")</span>"
      : "Réduire<span class=\"visually-hidden\"> le pas à pas</span>";
    store("folded", folded ? "1" : "0");
    if (moveFocus) { toggle.focus(); }
    dock();
  }
  toggle.addEventListener("click", function () { fold(!panel.classList.contains("guided-folded"), true); });

  // At phone width the panel is docked at the bottom: the page gets room under its content,
  // and the outlined element is scrolled above the panel instead of hiding behind it.
  function dock() {
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

  var tries = 0;
  function refresh() {
    if (document.visibilityState !== "visible") { return; }
    fetch(source + "&onglet=" + encodeURIComponent(tab), { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (step) {
        if (!step || !step.active) { return; }
        show(step);
        // the step just done here may not have reached the server yet: ask again shortly
        if (store("done") === title + ":" + step.number && tries < 8) {
          tries += 1;
          window.setTimeout(refresh, 250);
        } else { tries = 0; }
      })
      .catch(function () {});
  }

  if (store("folded") === "1") { fold(true, false); }
  show(JSON.parse(panel.getAttribute("data-guided-state")));
  refresh();
  document.addEventListener("visibilitychange", refresh);
  window.addEventListener("focus", refresh);
  setInterval(refresh, 3000);
})();
