/// The page's only script: enhances every `.data-table` rendered by `HTMLTable`.
///
/// - Column headers with `data-sort-type` become buttons; a click sorts ascending, a second
///   click descending (`aria-sort` on the header). Keys are read once per column and cached;
///   rows are re-inserted through one `DocumentFragment` (one layout). Empty keys sort last.
///   Equal keys keep the original order.
/// - The hidden `.table-controls` block is shown; each `select[data-column]` hides the rows whose
///   `data-filter` differs from the chosen value (option values are `"="` + value, `""` is All).
/// - `.table-count` says "N of M rows"; zebra stripes follow the visible rows.
///
/// Vanilla JavaScript in strict mode: no network, no `eval`, no `innerHTML`.
enum HTMLTableScript {
    static let source = #"""
(function () {
  "use strict";
  var collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

  function grouped(number) {
    var digits = String(number), out = "";
    while (digits.length > 3) {
      out = "," + digits.slice(-3) + out;
      digits = digits.slice(0, -3);
    }
    return digits + out;
  }

  function cellValue(cell, attribute) {
    if (!cell) { return ""; }
    var value = cell.getAttribute(attribute);
    return value === null ? cell.textContent.trim() : value;
  }

  function enhance(root) {
    var table = root.querySelector("table[data-sortable]");
    if (!table || !table.tHead || table.tBodies.length === 0) { return; }
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var total = rows.length;
    var headerRow = table.tHead.rows[table.tHead.rows.length - 1];
    var headers = Array.prototype.slice.call(headerRow.cells);
    var count = root.querySelector(".table-count");
    var controls = root.querySelector(".table-controls");
    var selects = Array.prototype.slice.call(root.querySelectorAll("select[data-column]"));
    var sortKeyCache = {};
    var filterKeyCache = {};
    var order = rows.map(function (_, index) { return index; });
    var current = { column: -1, descending: false };

    function sortKeys(column, type) {
      if (sortKeyCache[column]) { return sortKeyCache[column]; }
      var keys = new Array(total);
      for (var i = 0; i < total; i++) {
        var raw = cellValue(rows[i].cells[column], "data-sort");
        if (raw === "") {
          keys[i] = null;
        } else if (type === "number") {
          var number = parseFloat(raw);
          keys[i] = isNaN(number) ? null : number;
        } else {
          keys[i] = raw;
        }
      }
      sortKeyCache[column] = keys;
      return keys;
    }

    function filterKeys(column) {
      if (filterKeyCache[column]) { return filterKeyCache[column]; }
      var keys = new Array(total);
      for (var i = 0; i < total; i++) { keys[i] = cellValue(rows[i].cells[column], "data-filter"); }
      filterKeyCache[column] = keys;
      return keys;
    }

    function restripe() {
      var visibleIndex = 0;
      for (var i = 0; i < order.length; i++) {
        var row = rows[order[i]];
        if (row.hidden) { continue; }
        var striped = visibleIndex % 2 === 1;
        if (row.classList.contains("alt") !== striped) { row.classList.toggle("alt", striped); }
        visibleIndex++;
      }
    }

    function sortBy(column, type) {
      var descending = current.column === column ? !current.descending : false;
      var keys = sortKeys(column, type);
      var textual = type === "text";
      var indices = rows.map(function (_, index) { return index; });
      indices.sort(function (a, b) {
        var left = keys[a], right = keys[b];
        if (left === null || right === null) {
          if (left === right) { return a - b; }
          return left === null ? 1 : -1;
        }
        var result = textual ? collator.compare(left, right) : (left < right ? -1 : (left > right ? 1 : 0));
        if (result === 0) { return a - b; }
        return descending ? -result : result;
      });
      var fragment = document.createDocumentFragment();
      for (var i = 0; i < indices.length; i++) { fragment.appendChild(rows[indices[i]]); }
      body.appendChild(fragment);
      order = indices;
      current = { column: column, descending: descending };
      headers.forEach(function (header, index) {
        if (index === column) {
          header.setAttribute("aria-sort", descending ? "descending" : "ascending");
        } else if (header.hasAttribute("aria-sort")) {
          header.removeAttribute("aria-sort");
        }
      });
      restripe();
    }

    function applyFilters() {
      var active = [];
      selects.forEach(function (select) {
        if (select.value !== "") {
          active.push({ keys: filterKeys(Number(select.getAttribute("data-column"))), value: select.value.slice(1) });
        }
      });
      var shown = 0;
      for (var i = 0; i < total; i++) {
        var matches = true;
        for (var f = 0; f < active.length && matches; f++) { matches = active[f].keys[i] === active[f].value; }
        if (rows[i].hidden === matches) { rows[i].hidden = !matches; }
        if (matches) { shown++; }
      }
      if (count) { count.textContent = grouped(shown) + " of " + grouped(total) + (total === 1 ? " row" : " rows"); }
      restripe();
    }

    headers.forEach(function (header, column) {
      var type = header.getAttribute("data-sort-type");
      if (!type) { return; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      while (header.firstChild) { button.appendChild(header.firstChild); }
      header.appendChild(button);
      button.addEventListener("click", function () { sortBy(column, type); });
    });
    selects.forEach(function (select) { select.addEventListener("change", applyFilters); });
    if (controls) { controls.hidden = false; }
    table.classList.add("enhanced");
    applyFilters();
  }

  function enhanceAll() {
    Array.prototype.forEach.call(document.querySelectorAll(".data-table"), enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhanceAll);
  } else {
    enhanceAll();
  }
}());
"""#
}
