// Record mode. While the sandbox records a procedure, every page reports what the writer
// does, as a person reads it: a field by its label, a box by its label, a button or a link by
// its role and accessible name (the names Playwright's get_by_role finds), and the page path.
// The server turns known values into placeholders and never keeps a password in clear.
(function () {
  // Each report has the shape procedures/events.py declares (served as JSON Schema at
  // /enregistrer/evenements.schema.json); the server refuses any other.
  var bar = document.querySelector("[data-recorder-events]");
  if (!bar) { return; }
  var url = bar.getAttribute("data-recorder-events");
  var csrf = bar.getAttribute("data-recorder-csrf");
  var IGNORED = ".recorder-bar, .sandbox-bar, .guided-panel, .training-banner";

  // Each browser tab has a name (the sandbox bar opens « messagerie », « telephone »,
  // « authentificateur »); the first tab is the portal's. It becomes the step's `tab:`.
  function tabOf(path) {
    var found = /^\/(messagerie|telephone|authentificateur)\b/.exec(path);
    return found ? found[1] : "portail";
  }
  var tab = /^[a-z][a-z0-9-]{0,38}$/.test(window.name) ? window.name : tabOf(location.pathname);
  window.name = tab;

  var prefix = Math.random().toString(36).slice(2, 10), seq = 0, queue = [], sent = [];
  function now() { return performance.timeOrigin + performance.now() + seq / 1000; }
  function push(kind, data) {
    seq += 1;
    var event = { id: tab + "-" + prefix + "-" + seq, t: now(), tab: tab, path: location.pathname, kind: kind };
    Object.keys(data || {}).forEach(function (k) { event[k] = data[k]; });
    queue.push(event);
  }
  function flush() {
    if (!queue.length) { return; }
    var form = new FormData();
    form.append("csrf_token", csrf);
    form.append("evenements", JSON.stringify(queue));
    navigator.sendBeacon(url, form);
    sent = sent.concat(queue);
    queue = [];
  }

  // Names as dom-accessibility-api computes them (static/vendor/accessible-names.js).
  var squash = window.SimNames.squash, accessibleName = window.SimNames.accessibleName;
  function labelOf(el) { return accessibleName(el); }
  function ignored(el) { return !el || !!el.closest(IGNORED); }
  function typable(el) {
    if (el.tagName === "TEXTAREA") { return true; }
    return el.tagName === "INPUT" && !/^(checkbox|radio|submit|button|reset|hidden|file|image)$/.test(el.type);
  }

  // Typed text is reported once it is committed: on change, or when the writer clicks,
  // submits or leaves the page (a form sent with Enter fires no change on some browsers).
  var dirty = [], reported = new WeakMap();
  function commit(el) {
    if (ignored(el) || reported.get(el) === el.value) { return; }
    reported.set(el, el.value);
    push("fill", { label: labelOf(el), value: el.value, secret: el.type === "password" ? 1 : 0 });
  }
  function commitAll() { dirty.forEach(commit); dirty = []; }

  document.addEventListener("input", function (e) {
    if (typable(e.target) && dirty.indexOf(e.target) === -1) { dirty.push(e.target); }
  }, true);
  document.addEventListener("change", function (e) {
    var el = e.target;
    if (ignored(el)) { return; }
    if (el.type === "checkbox" || el.type === "radio") {
      commitAll();
      push("check", { label: labelOf(el), role: el.type, checked: el.checked });
    } else if (el.tagName === "SELECT") {
      commitAll();
      push("select", { label: labelOf(el), option: squash(el.options[el.selectedIndex] ? el.options[el.selectedIndex].text : "") });
    } else if (typable(el)) {
      dirty = dirty.filter(function (d) { return d !== el; });
      commit(el);
    }
  }, true);
  document.addEventListener("click", function (e) {
    var el = e.target.closest("a[href], button, input[type=submit], input[type=button], [role=button], [role=link]");
    if (!el || ignored(el)) { return; }
    commitAll();
    var link = el.tagName === "A" || el.getAttribute("role") === "link";
    push("click", { role: link ? "link" : "button", name: accessibleName(el) });
    flush();
  }, true);
  window.addEventListener("pagehide", function () { commitAll(); flush(); });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") { commitAll(); flush(); }
  });

  // The script runs from the top of the page (the recording bar): the page is read once parsed.
  var reportedShown = false;
  function shown() {
    if (reportedShown) { return; }
    reportedShown = true;
    var heading = document.querySelector("main h1, h1");
    push("page", { heading: heading ? squash(heading.textContent) : "" });
    flush();
  }
  // « Terminer » carries this page's actions too, in case their reports are still on the way.
  var finish = bar.querySelector("[data-recorder-finish]");
  // A page clicked away before it was parsed to the end has not said it was shown: it says so now.
  finish.addEventListener("submit", function () {
    shown();
    commitAll();
    finish.querySelector("[name=evenements]").value = JSON.stringify(sent.concat(queue).slice(-50));
  });

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", shown); } else { shown(); }
})();
