// Keeps "2 van 4 gekozen" in each subtheme's summary right while the person ticks questions.
// Without JavaScript the count is the one the server wrote when the page was made.
(function () {
  "use strict";
  document.querySelectorAll("details[data-subtheme]").forEach(function (details) {
    var count = details.querySelector("[data-count-template]");
    if (!count) {
      return;
    }
    var boxes = details.querySelectorAll("input[type=checkbox]");
    details.addEventListener("change", function () {
      var chosen = Array.prototype.filter.call(boxes, function (box) {
        return box.checked;
      }).length;
      count.textContent = count.getAttribute("data-count-template").replace("{chosen}", chosen);
    });
  });
})();
