// In-page checks run by browser_check.py after the page has loaded. Generic: they sort every
// table[data-sortable] by its first numeric column (both directions) and use the first filter
// select on the page with its first value.
// Returns { failures: [string], info: {...} }.
(async function () {
  "use strict";
  const failures = [];
  const info = {};
  const fail = (message) => failures.push(message);
  const settle = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const numberKey = (cell) => {
    if (!cell) { return null; }
    const raw = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
    const value = parseFloat(raw);
    return Number.isNaN(value) ? null : value;
  };
  const isShown = (row) => !row.hidden && row.getClientRects().length > 0;

  // The page forbids the network.
  const csp = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
  if (!csp || !/default-src 'none'/.test(csp.content)) { fail("no Content-Security-Policy with default-src 'none'"); }

  // Every chart is an accessible image with a title.
  const charts = Array.from(document.querySelectorAll("svg"));
  info.charts = charts.length;
  charts.forEach((svg, index) => {
    const ids = (svg.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean);
    if (svg.getAttribute("role") !== "img") { fail(`chart ${index + 1} has no role="img"`); }
    if (ids.length === 0 || ids.some((id) => !document.getElementById(id))) {
      fail(`chart ${index + 1} is not labelled by existing elements (aria-labelledby="${ids.join(" ")}")`);
    }
    if (!svg.querySelector("title")) { fail(`chart ${index + 1} has no <title>`); }
  });

  const tables = Array.from(document.querySelectorAll("table[data-sortable]"));
  info.sortableTables = tables.length;
  if (tables.length === 0) {
    fail("no table[data-sortable] on the page");
    return { failures, info };
  }
  const rowsOf = (t) => Array.from(t.tBodies[0].rows);
  info.rows = tables.map((t) => rowsOf(t).length);
  info.sortMs = [];

  // Sorting: every sortable table by its first numeric column, ascending then descending.
  const checkSorting = async (table, name) => {
    const headers = Array.from(table.tHead.rows[table.tHead.rows.length - 1].cells);
    const column = headers.findIndex((th) => th.getAttribute("data-sort-type") === "number");
    if (column < 0) { return; }
    const button = headers[column].querySelector("button");
    if (!button) {
      fail(`${name}: the numeric column header has no sort button (did the page script run?)`);
      return;
    }
    const keys = rowsOf(table).map((row) => numberKey(row.cells[column])).filter((key) => key !== null);
    const minimum = keys.reduce((a, b) => Math.min(a, b), Infinity);
    const maximum = keys.reduce((a, b) => Math.max(a, b), -Infinity);
    const verify = (direction, expectedFirst) => {
      if (headers[column].getAttribute("aria-sort") !== direction) {
        fail(`${name}: after sorting, aria-sort is "${headers[column].getAttribute("aria-sort")}", expected "${direction}"`);
      }
      const sorted = rowsOf(table).map((row) => numberKey(row.cells[column]));
      const present = sorted.filter((key) => key !== null);
      if (sorted.slice(present.length).some((key) => key !== null)) { fail(`${name} ${direction}: empty keys are not last`); }
      for (let i = 1; i < present.length; i++) {
        const ordered = direction === "ascending" ? present[i - 1] <= present[i] : present[i - 1] >= present[i];
        if (!ordered) { fail(`${name} ${direction}: rows ${i} and ${i + 1} are out of order (${present[i - 1]}, ${present[i]})`); break; }
      }
      if (present.length > 0 && present[0] !== expectedFirst) {
        fail(`${name} ${direction}: first row has ${present[0]}, expected ${expectedFirst}`);
      }
    };
    let started = performance.now();
    button.click();
    void table.offsetHeight;
    const ascendingMs = performance.now() - started;
    await settle();
    verify("ascending", minimum);
    started = performance.now();
    button.click();
    void table.offsetHeight;
    const descendingMs = performance.now() - started;
    await settle();
    verify("descending", maximum);
    info.sortMs.push({ table: name, column: headers[column].textContent.trim(), rows: keys.length,
      ascending: Math.round(ascendingMs), descending: Math.round(descendingMs) });
  };
  for (let i = 0; i < tables.length; i++) {
    await checkSorting(tables[i], tables[i].closest("[id]") ? "#" + tables[i].closest("[id]").id : `table ${i + 1}`);
  }
  if (info.sortMs.length === 0) { fail("no sortable table has a numeric column"); }

  // Filtering: the first filter select on the page, its first value.
  const select = document.querySelector(".data-table select[data-column]");
  if (!select) {
    fail("no filter select on the page");
  } else {
    const root = select.closest(".data-table");
    const filtered = root.querySelector("table[data-sortable]");
    const filterColumn = Number(select.getAttribute("data-column"));
    const count = root.querySelector(".table-count");
    const option = Array.from(select.options).find((o) => o.value !== "");
    if (select.getClientRects().length === 0) { fail("the filter select is not visible"); }
    if (!option) {
      fail("the filter select has no values");
    } else {
      const value = option.value.slice(1);
      info.filter = `${filtered.tHead.rows[0].cells[filterColumn].textContent.trim()} = ${value}`;
      const all = rowsOf(filtered);
      const expected = all.filter((row) => row.cells[filterColumn].getAttribute("data-filter") === value).length;
      let started = performance.now();
      select.value = option.value;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      void document.body.offsetHeight;
      info.filterMs = Math.round(performance.now() - started);
      await settle();
      const shown = all.filter(isShown);
      if (shown.length === 0) { fail("filtering hid every row"); }
      if (shown.length !== expected) { fail(`filter shows ${shown.length} rows, expected ${expected}`); }
      if (shown.some((row) => row.cells[filterColumn].getAttribute("data-filter") !== value)) {
        fail("filter shows a row with another value");
      }
      const grouped = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
      const expectedCount = `${grouped(expected)} of ${grouped(all.length)} ${all.length === 1 ? "row" : "rows"}`;
      if (!count || count.textContent.trim() !== expectedCount) {
        fail(`row count says "${count ? count.textContent.trim() : "(missing)"}", expected "${expectedCount}"`);
      }
      info.filteredRows = shown.length;
      select.value = "";
      select.dispatchEvent(new Event("change", { bubbles: true }));
      await settle();
      const back = all.filter(isShown).length;
      if (back !== all.length) { fail(`after clearing the filter ${back} of ${all.length} rows are shown`); }
    }
  }

  // Nothing was fetched.
  const resources = performance.getEntriesByType("resource").map((entry) => entry.name);
  if (resources.length > 0) { fail(`the page fetched resources: ${resources.slice(0, 5).join(", ")}`); }
  return { failures, info };
})()
