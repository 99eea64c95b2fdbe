// The app page updates in place, as a phone app does: the countdown ticks, and the codes, the
// accounts and the QR codes the portals show are read again from /authentificateur/etat
// without reloading, so a key being typed behind « Saisir une clé » stays and focus stays put.
// A polite live region speaks only when something changed (a new code, a QR code detected).
(function () {
  var device = document.querySelector("[data-otp-state]");
  if (!device) { return; }
  var source = device.getAttribute("data-otp-state");
  var ticking = device.getAttribute("data-otp-live-clock") === "1";  // frozen clock: no local tick
  var script = document.currentScript;
  var left = parseInt(script && script.getAttribute("data-seconds"), 10) || 30;
  var label = document.querySelector("[data-testid=otp-seconds]");
  var entries = document.querySelector("[data-otp-entries]");
  var scan = document.querySelector("[data-otp-scan]");
  var live = document.querySelector("[data-otp-live]");
  var scanKey = null, busy = false;

  function showSeconds() {
    if (label) { label.textContent = "nouveau code dans " + left + " s"; }
    document.querySelectorAll("meter.otp-timer").forEach(function (bar) { bar.value = left; bar.textContent = left + " s"; });
  }

  function say(text) {
    if (!live || !text) { return; }
    live.textContent = "";
    window.setTimeout(function () { live.textContent = text; }, 50);
  }

  function grouped(code) { return code.slice(0, 3) + " " + code.slice(3); }

  // Replace a block only when focus is not inside it (a button about to be pressed stays).
  function swap(container, html) {
    if (!container || container.contains(document.activeElement)) { return false; }
    container.innerHTML = html;
    return true;
  }

  function apply(state) {
    left = state.seconds_left;
    var onPage = Array.prototype.map.call(entries.querySelectorAll("[data-entry]"), function (li) {
      return li.getAttribute("data-entry");
    });
    var ids = Object.keys(state.codes);
    var news = [];
    if (onPage.join(",") === ids.slice().sort(function (a, b) { return a - b; }).join(",")) {
      ids.forEach(function (id) {
        var box = entries.querySelector("[data-entry='" + id + "'] [data-testid=otp-code]");
        if (box && box.getAttribute("data-code") !== state.codes[id]) {
          box.setAttribute("data-code", state.codes[id]);
          box.textContent = grouped(state.codes[id]);
          news.push(state.issuers[id] + " : " + grouped(state.codes[id]));
        }
      });
    } else if (swap(entries, state.entries_html)) {
      news.push("liste des comptes mise à jour");
    }
    var said = news.length ? "Nouveau code — " + news.join(" ; ") + "." : "";
    if (scanKey === null) {
      scanKey = state.scan_key;  // the page was rendered with this very screen
    } else if (state.scan_key !== scanKey && swap(scan, state.scan_html)) {
      scanKey = state.scan_key;
      var found = scan.querySelectorAll("[data-testid=scan-qr]").length;
      var detected = scan.querySelector("[data-testid=qr-detected]");
      said += found ? " Code QR à l'écran : " + found + " à scanner." : (detected ? " " + detected.textContent : "");
    }
    showSeconds();
    say(said.trim());
  }

  function refresh() {
    if (busy || document.visibilityState === "hidden") { return; }
    busy = true;
    fetch(source, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) { busy = false; if (state) { apply(state); } })
      .catch(function () { busy = false; });
  }

  showSeconds();
  refresh();
  window.setInterval(function () {
    if (ticking) {
      left -= 1;
      if (left <= 0) { left = 30; refresh(); }
      showSeconds();
    }
  }, 1000);
  window.setInterval(refresh, ticking ? 5000 : 2000);
  document.addEventListener("visibilitychange", refresh);
})();
