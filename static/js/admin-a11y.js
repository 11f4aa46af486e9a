// Accessible names where Django's admin leaves them out: list-editable and
// inline form fields (named after their column and row), split date/time
// fields, the search box, and the boxes of select2 (autocomplete) and the
// permission pickers. Runs once the admin's own scripts have built them.
(function () {
  "use strict";

  function text(element) {
    return element ? element.textContent.replace(/\s+/g, " ").replace(/[:*]\s*$/, "").trim() : "";
  }

  function named(field) {
    if (field.getAttribute("aria-label") || field.getAttribute("aria-labelledby")) return true;
    if (field.id && document.querySelector('label[for="' + field.id + '"]')) {
      return text(document.querySelector('label[for="' + field.id + '"]')) !== "";
    }
    return !!field.closest("label");
  }

  // A field in a table cell: its column's heading, and the row's first cell.
  function tableName(field) {
    var cell = field.closest("td, th");
    var table = cell && cell.closest("table");
    if (!table) return "";
    var index = Array.prototype.indexOf.call(cell.parentElement.children, cell);
    var heading = table.querySelectorAll("thead th")[index];
    var row = cell.parentElement.querySelector("th, td.original, td.field-name");
    var rowName = row && row !== cell ? text(row) : "";
    return [text(heading), rowName].filter(Boolean).join(" – ");
  }

  // A field in a form row: the row's label (split date/time fields share one).
  function rowName(field) {
    var row = field.closest(".form-row, .fieldBox");
    var label = row && row.querySelector("label");
    if (!label) return "";
    var part = field.name && /_0$/.test(field.name) ? 1 : field.name && /_1$/.test(field.name) ? 2 : 0;
    var suffix = field.closest(".datetime") ? [" ", " (1)", " (2)"][part] : "";
    return (text(label) + suffix).trim();
  }

  var labelling = false;

  function label() {
    if (labelling) return;
    labelling = true;
    document.querySelectorAll("#content input:not([type=hidden]), #content select, #content textarea").forEach(function (field) {
      if (named(field)) return;
      var name = tableName(field) || rowName(field);
      if (field.id === "searchbar") {
        var icon = document.querySelector('label[for="searchbar"] img');
        name = icon ? icon.alt : name;
      }
      if (name) field.setAttribute("aria-label", name);
    });
    // select2 builds a combobox beside each autocomplete select.
    document.querySelectorAll(".select2-container").forEach(function (box) {
      var select = box.previousElementSibling;
      var labelElement = select && select.id && document.querySelector('label[for="' + select.id + '"]');
      var name = text(labelElement) || (select && tableName(select));
      box.querySelectorAll(".select2-selection[role=combobox], .select2-selection__rendered[role=textbox], .select2-search__field").forEach(function (element) {
        if (!name) return;
        // aria-labelledby would win over the label, and points at the current choice.
        element.removeAttribute("aria-labelledby");
        element.setAttribute("aria-label", name);
      });
      box.querySelectorAll("ul.select2-selection__rendered").forEach(function (list) {
        list.setAttribute("role", "presentation");
      });
    });
    // The permission pickers' help icons carry a label: give them the role it needs.
    document.querySelectorAll("span.help-tooltip[aria-label], span.help[aria-label]").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
    labelling = false;
  }

  // The admin builds its widgets when jQuery is ready, which may come after
  // this script or even after the page's load event: name them as they appear
  // (inline rows added with "Add another" included).
  var pending = false;
  new MutationObserver(function () {
    if (pending) return;
    pending = true;
    Promise.resolve().then(function () {
      pending = false;
      label();
    });
  }).observe(document.getElementById("content") || document.body, { childList: true, subtree: true });
  label();
})();
