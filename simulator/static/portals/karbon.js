/* Karbon recovery codes: « Copier » and « Imprimer » (a file, since the CSP forbids inline
   scripts). The buttons stay hidden without JavaScript; downloading works without it. */
(function () {
  "use strict";
  var copy = document.getElementById("copy-codes");
  var print = document.getElementById("print-codes");
  var status = document.getElementById("copy-status");
  var list = document.getElementById("recovery-codes");
  if (!list) { return; }

  function codesText() {
    var codes = list.querySelectorAll("[data-testid=recovery-code]");
    return Array.prototype.map.call(codes, function (c) { return c.textContent.trim(); }).join("\n");
  }

  function say(text) { if (status) { status.textContent = text; } }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "absolute";
    area.style.left = "-9999px";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    say(ok ? "Codes copiés dans le presse-papiers." : "Copie impossible : sélectionnez les codes à la main.");
  }

  if (copy) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      var text = codesText();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(
          function () { say("Codes copiés dans le presse-papiers."); },
          function () { fallbackCopy(text); }
        );
      } else {
        fallbackCopy(text);
      }
    });
  }
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }
})();
