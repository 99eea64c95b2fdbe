// Reload when the 30-second step ends, as a phone app refreshes its codes.
(function () {
  var script = document.currentScript;
  var left = parseInt(script.getAttribute("data-seconds"), 10) || 30;
  var label = document.querySelector("[data-testid=otp-seconds]");
  var bars = document.querySelectorAll("meter.otp-timer");
  setInterval(function () {
    left -= 1;
    if (left <= 0) { window.location.reload(); return; }
    if (label) { label.textContent = left + " s"; }
    bars.forEach(function (bar) { bar.value = left; });
  }, 1000);
})();
