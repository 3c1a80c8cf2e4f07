// Sortable tables: click a column heading of a table.sortable to sort by it.
(function () {
  "use strict";
  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("th").forEach(function (th, column) {
      th.addEventListener("click", function () {
        const ascending = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("th").forEach(h => h.removeAttribute("aria-sort"));
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        const body = table.tBodies[0];
        const rows = Array.from(body.rows);
        rows.sort(function (a, b) {
          const x = a.cells[column].textContent.trim(), y = b.cells[column].textContent.trim();
          const nx = Number(x), ny = Number(y);
          const order = (!isNaN(nx) && !isNaN(ny) && x !== "" && y !== "") ? nx - ny : x.localeCompare(y, "vi");
          return ascending ? order : -order;
        });
        rows.forEach(r => body.appendChild(r));
      });
    });
  });
})();
