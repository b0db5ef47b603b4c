// "Lees voor": reads a question aloud with the browser's own speech synthesis.
// Only when the browser has it; without it (or without JavaScript) there is no button at all.
(function () {
  "use strict";
  if (!("speechSynthesis" in window) || typeof SpeechSynthesisUtterance === "undefined") {
    return;
  }
  var language = document.documentElement.lang || "nl";
  var counter = 0;

  function speak(text, button, labels) {
    var speaking = button.getAttribute("data-speaking") === "true";
    window.speechSynthesis.cancel();
    document.querySelectorAll(".read-aloud[data-speaking='true']").forEach(function (other) {
      other.setAttribute("data-speaking", "false");
      other.textContent = labels.read;
    });
    if (speaking) {
      return;
    }
    var utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = language === "en" ? "en-GB" : "nl-NL";
    utterance.rate = 0.9;
    utterance.onend = function () {
      button.setAttribute("data-speaking", "false");
      button.textContent = labels.read;
    };
    button.setAttribute("data-speaking", "true");
    button.textContent = labels.stop;
    window.speechSynthesis.speak(utterance);
  }

  document.querySelectorAll("[data-read-aloud-label]").forEach(function (container) {
    var labels = {
      read: container.getAttribute("data-read-aloud-label"),
      stop: container.getAttribute("data-read-aloud-stop")
    };
    container.querySelectorAll(".choice, .qlist__item, .answer-block").forEach(function (item) {
      // The answer options inside a conversation's answer block get no button of their own:
      // the block's question has one.
      if (item.classList.contains("choice") && item.closest(".answer-block")) {
        return;
      }
      var source = item.querySelector(".choice__label, .read-aloud-text");
      if (!source) {
        return;
      }
      counter += 1;
      if (!source.id) {
        source.id = "voorlees-" + counter;
      }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button button--secondary button--small read-aloud";
      button.textContent = labels.read;
      button.setAttribute("data-speaking", "false");
      button.setAttribute("aria-describedby", source.id);
      button.addEventListener("click", function () {
        speak(source.textContent.trim(), button, labels);
      });
      var after = item.querySelector(".choice__hint") || source;
      after.insertAdjacentElement("afterend", button);
    });
  });
})();
