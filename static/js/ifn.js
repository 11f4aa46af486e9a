// Every page: the language switch, the header's menus and the error summary.
(function () {
  "use strict";

  // Results updated in place change the address bar: switch language for
  // what is shown now.
  var form = document.querySelector("[data-language-switcher]");
  if (form) {
    form.addEventListener("submit", function () {
      form.elements.next.value = window.location.pathname + window.location.search;
    });
  }

  // Menus open from a <summary> and work without this script; it closes them
  // on a click elsewhere or Escape, as menus do.
  var menus = Array.prototype.slice.call(document.querySelectorAll("details[data-dropdown]"));
  document.addEventListener("click", function (event) {
    menus.forEach(function (menu) {
      if (menu.open && !menu.contains(event.target)) menu.open = false;
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    menus.forEach(function (menu) {
      if (menu.open) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
  });

  // After a failed save, the summary of what to fix takes focus, so a screen
  // reader reads it and the page scrolls to it.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
})();
