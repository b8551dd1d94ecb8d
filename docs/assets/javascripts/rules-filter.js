// Rules index: drop-downs that filter the table by the columns named in data-filter-columns
// (family, severity, target). Plain DOM, no dependencies; runs on every page load, including
// Material's instant navigation when it is on (document$).
(function () {
  "use strict";

  function text(cell) {
    return cell.textContent.trim();
  }

  function setup() {
    document.querySelectorAll(".oa-rules-index").forEach(function (box) {
      var table = box.querySelector("table");
      if (!table || box.dataset.ready) return;
      box.dataset.ready = "true";
      var headers = Array.prototype.map.call(table.tHead.rows[0].cells, text);
      var rows = Array.prototype.slice.call(table.tBodies[0].rows);
      var columns = (box.dataset.filterColumns || "").split(" ").map(Number);
      var bar = document.createElement("div");
      bar.className = "oa-filter";
      bar.setAttribute("role", "search");
      bar.setAttribute("aria-label", box.dataset.labelFilter || "");

      function apply() {
        rows.forEach(function (row) {
          row.hidden = !selects.every(function (select) {
            return !select.value || text(row.cells[Number(select.dataset.column)]) === select.value;
          });
        });
      }

      var selects = columns.map(function (column) {
        var values = [];
        rows.forEach(function (row) {
          var value = text(row.cells[column]);
          if (values.indexOf(value) < 0) values.push(value);
        });
        values.sort();
        var label = document.createElement("label");
        label.textContent = headers[column];
        var select = document.createElement("select");
        select.dataset.column = String(column);
        select.add(new Option(box.dataset.labelAll || "*", ""));
        values.forEach(function (value) {
          select.add(new Option(value, value));
        });
        select.addEventListener("change", apply);
        label.appendChild(select);
        bar.appendChild(label);
        return select;
      });
      box.insertBefore(bar, box.firstChild);
    });
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(setup);
  } else {
    document.addEventListener("DOMContentLoaded", setup);
  }
})();
