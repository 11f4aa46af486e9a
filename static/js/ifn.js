// Every page: the language switcher. Results updated in place change the
// address bar, so switch language for what is shown now.
(function () {
  "use strict";
  var form = document.querySelector("[data-language-switcher]");
  if (form) {
    form.addEventListener("submit", function () {
      form.elements.next.value = window.location.pathname + window.location.search;
    });
  }
})();
