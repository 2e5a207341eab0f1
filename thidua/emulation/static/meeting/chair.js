// While voting is open, the chair's screen refreshes the number of ballots cast (and only the number).
(function () {
  "use strict";
  var count = document.getElementById("live-count");
  if (!count) { return; }
  window.setInterval(function () {
    fetch(count.dataset.url, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (text) { if (text !== null) { count.textContent = text; } })
      .catch(function () {});
  }, 3000);
})();
