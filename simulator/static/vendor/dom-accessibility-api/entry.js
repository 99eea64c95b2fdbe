// The names guided mode and record mode read (window.SimNames), computed by
// dom-accessibility-api: the accessible-name algorithm (W3C accname) that Testing Library
// uses, and Playwright's get_by_role follows, so that the element guided mode outlines and the
// one record mode writes down are the ones the walkthrough runner finds. Bundled into
// ../accessible-names.js (see README.md beside this file); not served itself.
import { computeAccessibleName } from "dom-accessibility-api";

function squash(text) {
  return (text || "").replace(/[\u00a0\u202f]/g, " ").replace(/\s+/g, " ").trim();
}

window.SimNames = {
  squash: squash,
  accessibleName: function (element) { return squash(computeAccessibleName(element)); },
};
