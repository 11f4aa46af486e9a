// The dashboard's long checkbox lists (export markets): a search box that
// narrows the list as one types, and the chosen ones as chips that remove a
// choice with one click. The checkboxes stay the form's fields, so nothing
// changes for the server and the list works without this script.
(function () {
  "use strict";
  function setUp(box) {
    var search = box.querySelector("[data-picker-search]");
    var input = search.querySelector("input");
    var chosen = box.querySelector("[data-picker-chosen]");
    var empty = box.querySelector("[data-picker-empty]");
    var options = Array.prototype.slice.call(box.querySelectorAll("[data-picker-list] .form-check"));
    var removeLabel = chosen.getAttribute("data-remove-label");
    search.hidden = false;

    function label(option) { return option.querySelector("label").textContent.trim(); }

    function showChosen() {
      chosen.textContent = "";
      options.forEach(function (option) {
        var checkbox = option.querySelector("input");
        if (!checkbox.checked) return;
        var item = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = label(option) + " ×";
        button.setAttribute("aria-label", removeLabel + " " + label(option));
        button.addEventListener("click", function () {
          checkbox.checked = false;
          showChosen();
          input.focus();
        });
        item.appendChild(button);
        chosen.appendChild(item);
      });
    }

    function normal(text) {
      return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    }

    input.addEventListener("input", function () {
      var wanted = normal(input.value.trim());
      var shown = 0;
      options.forEach(function (option) {
        var match = !wanted || normal(label(option)).indexOf(wanted) !== -1;
        option.hidden = !match;
        if (match) shown += 1;
      });
      empty.hidden = shown > 0;
    });
    // Enter in the search box ticks the only match instead of submitting the form.
    input.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") return;
      event.preventDefault();
      var visible = options.filter(function (option) { return !option.hidden; });
      if (visible.length === 1) {
        var checkbox = visible[0].querySelector("input");
        checkbox.checked = !checkbox.checked;
        showChosen();
        input.select();
      }
    });
    box.addEventListener("change", showChosen);
    showChosen();
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-searchable-checkboxes]"), setUp);
})();
