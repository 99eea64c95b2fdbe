// LTI pages: the deep-linking answer goes back to the platform by itself (the button stays
// for a browser without JavaScript); a finished registration tells the platform's window.
(function () {
  var form = document.querySelector("form[data-lti-autosubmit]");
  if (form) { form.submit(); }
  if (document.querySelector("[data-lti-close]")) {
    (window.opener || window.parent).postMessage({ subject: "org.imsglobal.lti.close" }, "*");
  }
})();
