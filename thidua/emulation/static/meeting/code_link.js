// The QR code leads to /hop/phieu/#K7QF-2MXP: the code sits in the fragment, which a browser never sends
// to the server (nor in a Referer), so no server or proxy log can hold it. This fills the code field, takes
// the fragment off the address bar and the history, and opens the ballot by POST, as if the delegate had
// typed it. Without script the page is the plain form and the delegate types the code.
(function () {
  "use strict";
  var code = "";
  try {
    code = decodeURIComponent(window.location.hash.slice(1)).trim();
  } catch (malformed) {
    code = "";
  }
  if (!code) { return; }
  window.history.replaceState(null, "", window.location.pathname + window.location.search);
  var field = document.getElementById("code");
  if (!field || !field.form) { return; }
  field.value = code;
  field.form.submit();
})();
