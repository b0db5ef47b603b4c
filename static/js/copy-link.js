// "Kopieer de link": copies a saved list's link and says so in a status message.
// Without JavaScript (or without a clipboard) the button stays hidden: the link is on the page.
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) {
    return;
  }
  document.querySelectorAll(".copy-link").forEach(function (box) {
    var button = box.querySelector("[data-copy]");
    var status = box.querySelector("[role='status']");
    box.hidden = false;
    button.addEventListener("click", function () {
      status.textContent = "";
      navigator.clipboard.writeText(button.getAttribute("data-copy")).then(
        function () { status.textContent = box.getAttribute("data-copied"); },
        function () { status.textContent = box.getAttribute("data-failed"); }
      );
    });
  });
})();
