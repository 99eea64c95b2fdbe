// The sheet page while the simulator replays the recording: each step's line says « Faite »,
// « En cours… » or « À venir », from the job's state (services/replays.py); once the replay
// has finished (or stopped), the page reloads to show the captures and the downloads.
(function () {
  var list = document.querySelector("[data-sheet-state]");
  if (!list) { return; }
  var url = list.getAttribute("data-sheet-state"), live = document.querySelector("[data-sheet-live]");
  var said = -1;
  function poll() {
    fetch(url, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (s) {
        if (!s) { return; }
        if (s.etat !== "attente" && s.etat !== "en-cours") { window.location.reload(); return; }
        list.querySelectorAll("[data-sheet-step]").forEach(function (item) {
          var n = Number(item.getAttribute("data-sheet-step"));
          var line = item.querySelector("[data-sheet-progress]");
          if (line) { line.textContent = n <= s.faites ? "Faite." : n === s.en_cours ? "En cours…" : "À venir."; }
        });
        if (s.faites !== said && live) {
          said = s.faites;
          live.textContent = "Étape " + s.faites + " sur " + s.total + " rejouée.";
        }
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  poll();
})();
