// The instructor's table refreshes itself every 5 seconds, without reloading the page.
(function () {
  var table = document.querySelector("[data-source]");
  if (!table) { return; }
  function refresh() {
    fetch(table.getAttribute("data-source"), { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        data.rows.forEach(function (row) {
          var line = table.querySelector('tr[data-sandbox="' + row.id + '"]');
          if (!line) { return; }
          showStuck(line, row.stuck);
          Object.keys(row.done).forEach(function (key) {
            var cell = line.querySelector('td[data-exercise="' + key + '"]');
            if (cell) {
              cell.setAttribute("data-done", row.done[key] ? "1" : "0");
              cell.textContent = table.getAttribute(row.done[key] ? "data-done-text" : "data-todo-text");
            }
          });
        });
      })
      .catch(function () {});
  }
  // The « bloqué » mark (issue 24): shown, filled or hidden as the server says.
  function showStuck(line, stuck) {
    var mark = line.querySelector("[data-stuck]");
    var form = line.querySelector("[data-stuck-form]");
    if (!mark || !form) { return; }
    mark.hidden = !stuck;
    form.hidden = !(stuck && stuck.walkthrough);
    line.querySelector("[data-stuck-reason]").textContent = stuck ? stuck.reason : "";
    line.querySelector("[data-stuck-last]").textContent = stuck ? stuck.last : "";
    line.querySelector("[data-stuck-walkthrough]").value = stuck ? stuck.walkthrough : "";
  }
  setInterval(refresh, 5000);
})();
