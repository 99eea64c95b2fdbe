// How guided mode and record mode read an element's name: the way Playwright's get_by_role
// and get_by_label name it (aria-labelledby, aria-label, a label, a value, an alt, the text),
// so that the element guided mode outlines and the one record mode writes down are the ones
// the walkthrough runner finds. One reading for both scripts (loaded before each).
window.SimNames = (function () {
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
  return { squash: squash, accessibleName: accessibleName };
})();
