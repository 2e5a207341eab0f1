// A hint only: shows how many units are chosen on each tier and warns past the quota.
// The server checks the quota again and refuses an over-quota ballot whatever this script does.
// The words come translated from the page (data-chosen, data-over), with {n} and {quota} to fill in.
(function () {
  "use strict";
  document.querySelectorAll("fieldset.tier").forEach(function (tier) {
    var quota = parseInt(tier.dataset.quota, 10);
    var out = tier.querySelector(".quota-count");
    function update() {
      var n = tier.querySelectorAll('input[type="checkbox"]:checked').length;
      var over = !isNaN(quota) && n > quota;
      tier.classList.toggle("over", over);
      out.textContent = (over ? out.dataset.over : out.dataset.chosen)
        .replace("{n}", String(n))
        .replace("{quota}", String(quota));
    }
    tier.addEventListener("change", update);
    update();
  });
})();
