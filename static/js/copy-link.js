// "Kopieer de link": copies the address of a link to the clipboard and says so in a status
// message. A button `data-copy-from="<id of the link>"` inside an element with `hidden`;
// the script shows that element, so without JavaScript (or a clipboard) there is no button.
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) {
    return;
  }
  document.querySelectorAll("button[data-copy-from]").forEach(function (button) {
    var link = document.getElementById(button.getAttribute("data-copy-from"));
    var wrapper = button.closest("[hidden]");
    var status = wrapper && wrapper.querySelector("[role=status]");
    if (!link || !wrapper || !status) {
      return;
    }
    wrapper.hidden = false;
    button.addEventListener("click", function () {
      // Emptied first, so saying it again is announced again.
      status.textContent = "";
      navigator.clipboard.writeText(link.href).then(
        function () {
          status.textContent = button.getAttribute("data-copied");
        },
        function () {
          status.textContent = button.getAttribute("data-copy-failed");
        }
      );
    });
  });
})();
