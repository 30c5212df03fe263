// The admin's own widgets that draw their controls in the browser get the names and roles
// assistive technology needs: the search-as-you-type pickers (select2) take the name of
// their label, and the filter icons of the two-list pickers become images with a name.
(function () {
  "use strict";

  function labelVan(select) {
    var label = select.id && document.querySelector('label[for="' + select.id + '"]');
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  }

  function herstel() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var naam = labelVan(select);
      var widget = select.nextElementSibling;
      if (!naam || !widget || !widget.classList.contains("select2")) {
        return;
      }
      widget.querySelectorAll('[role="combobox"], [role="textbox"]').forEach(function (el) {
        if (el.getAttribute("aria-label") !== naam) {
          el.setAttribute("aria-label", naam);
        }
      });
    });
    document.querySelectorAll(".help-tooltip[aria-label]:not([role])").forEach(function (el) {
      el.setAttribute("role", "img");
    });
    // Rows of a table of related records show the field names once, in the header: each
    // field gets its column's name and the row's number.
    document.querySelectorAll(".inline-group .tabular table").forEach(function (tabel) {
      var laatsteKop = tabel.querySelector("thead tr th:last-child");
      tabel.querySelectorAll("tbody tr.form-row").forEach(function (rij, index) {
        var nummer = " (" + (index + 1) + ")";
        rij.querySelectorAll("td").forEach(function (cel) {
          var kop = null;
          cel.classList.forEach(function (klasse) {
            if (klasse.indexOf("field-") === 0) {
              kop = tabel.querySelector("thead th.column-" + klasse.slice(6));
            }
          });
          if (!kop && cel.classList.contains("delete")) {
            kop = laatsteKop;
          }
          var naam = kop ? kop.textContent.trim() : "";
          if (!naam) {
            return;
          }
          cel.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(function (el) {
            if (!el.labels || el.labels.length === 0) {
              el.setAttribute("aria-label", naam + nummer);
            }
          });
        });
      });
    });
  }

  window.addEventListener("load", function () {
    herstel();
    // Inline rows added later bring new pickers.
    new MutationObserver(herstel).observe(document.body, { childList: true, subtree: true });
  });
})();
