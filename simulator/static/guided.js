// Guided mode: outline the element the current walkthrough step names.
(function () {
  var panel = document.querySelector("[data-guided-target]");
  if (!panel) { return; }
  var selector = panel.getAttribute("data-guided-target");
  if (!selector) { return; }
  var element = null;
  try { element = document.querySelector(selector); } catch (e) { return; }
  if (element) { element.classList.add("sim-highlight"); element.setAttribute("data-guided", "1"); }
})();
