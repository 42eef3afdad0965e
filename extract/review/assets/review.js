// The review page's behaviour. Every string from the data goes in through textContent, never as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("review-data").textContent);
  var records = data.records;
  var detail = document.getElementById("detail");
  var detailTitle = document.getElementById("detail-title");
  var detailFields = document.getElementById("detail-fields");
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark[data-record]"));
  var pinned = null;

  function format(value) {
    if (value === null || value === undefined || value === "") { return "—"; }
    if (Array.isArray(value)) { return value.length ? value.join(", ") : "—"; }
    return String(value);
  }

  function show(id) {
    var record = records[id];
    if (!record) { return; }
    detailTitle.textContent = id + " · " + record.raw + (record.diff ? " (" + record.diff + ")" : "");
    while (detailFields.firstChild) { detailFields.removeChild(detailFields.firstChild); }
    data.fields.forEach(function (name) {
      var term = document.createElement("dt");
      var value = document.createElement("dd");
      term.textContent = name;
      value.textContent = format(record[name]);
      if (record.changed && Object.prototype.hasOwnProperty.call(record.changed, name)) {
        term.classList.add("changed");
        var was = document.createElement("span");
        was.className = "was";
        was.textContent = data.previous_label + ": " + format(record.changed[name]);
        value.appendChild(was);
      }
      detailFields.appendChild(term);
      detailFields.appendChild(value);
    });
    detail.dataset.record = id;
    detail.hidden = false;
  }

  function unshow() {
    if (pinned) { show(pinned.dataset.record); } else { detail.hidden = true; }
  }

  function pin(mark) {
    if (pinned) { pinned.classList.remove("current"); }
    pinned = mark;
    mark.classList.add("current");
    show(mark.dataset.record);
  }

  function unpin() {
    if (pinned) { pinned.classList.remove("current"); }
    pinned = null;
    detail.hidden = true;
  }

  function recordOf(element) {
    return element.dataset.record || element.dataset.continues;
  }

  Array.prototype.forEach.call(document.querySelectorAll("mark[data-record], mark[data-continues]"), function (mark) {
    mark.addEventListener("mouseenter", function () { show(recordOf(mark)); });
    mark.addEventListener("mouseleave", unshow);
    mark.addEventListener("click", function (event) {
      event.stopPropagation();
      pin(document.getElementById(recordOf(mark)));
    });
  });
  marks.forEach(function (mark) {
    mark.addEventListener("focus", function () { pin(mark); });
    mark.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); pin(mark); }
    });
  });
  document.getElementById("detail-close").addEventListener("click", unpin);

  function visible(element) {
    return element.offsetParent !== null;
  }

  function go(mark) {
    var section = mark.closest("section.report");
    if (section && section.hidden) {
      section.hidden = false;
    }
    mark.scrollIntoView({ block: "center" });
    mark.focus({ preventScroll: true });
    pin(mark);
  }

  function move(step) {
    var shown = marks.filter(visible);
    if (!shown.length) { return; }
    var index = pinned ? shown.indexOf(pinned) : -1;
    var next = index < 0 ? (step > 0 ? 0 : shown.length - 1) : (index + step + shown.length) % shown.length;
    go(shown[next]);
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var tag = event.target && event.target.tagName;
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") { return; }
    if (event.key === "j" || event.key === "n") { event.preventDefault(); move(1); }
    else if (event.key === "k" || event.key === "p") { event.preventDefault(); move(-1); }
    else if (event.key === "Escape") { unpin(); }
  });

  // Report list filter: hides non-matching reports in the list and on the page.
  var reportFilter = document.getElementById("report-filter");
  reportFilter.addEventListener("input", function () {
    var query = reportFilter.value.trim().toLowerCase();
    Array.prototype.forEach.call(document.querySelectorAll("li.report-item"), function (item) {
      var match = !query || item.dataset.search.indexOf(query) >= 0;
      item.hidden = !match;
      document.getElementById(item.dataset.anchor).hidden = !match;
    });
    Array.prototype.forEach.call(document.querySelectorAll("li.document"), function (documentItem) {
      documentItem.hidden = !documentItem.querySelector("li.report-item:not([hidden])");
    });
  });

  // Records table: filter by text, activity and diff; sort by any column; a row's link goes to its highlight.
  var table = document.getElementById("record-table");
  var body = table.tBodies[0];
  var textFilter = document.getElementById("record-filter");
  var activityFilter = document.getElementById("activity-filter");
  var diffFilter = document.getElementById("diff-filter");

  function filterRows() {
    var query = textFilter.value.trim().toLowerCase();
    Array.prototype.forEach.call(body.rows, function (row) {
      var diff = row.dataset.diff || "same";
      row.hidden = !((!query || row.textContent.toLowerCase().indexOf(query) >= 0) &&
        (!activityFilter.value || row.dataset.activity === activityFilter.value) &&
        (!diffFilter.value || diff === diffFilter.value));
    });
  }
  [textFilter, activityFilter, diffFilter].forEach(function (control) {
    control.addEventListener("input", filterRows);
    control.addEventListener("change", filterRows);
  });

  function naturalId(text) {
    return [text.charAt(0), parseInt(text.slice(1), 10) || 0];
  }

  function compare(left, right, numeric, column) {
    if (column === 0) {
      var a = naturalId(left), b = naturalId(right);
      return a[0] === b[0] ? a[1] - b[1] : (a[0] < b[0] ? -1 : 1);
    }
    if (numeric) {
      var x = left === "" ? -Infinity : parseFloat(left), y = right === "" ? -Infinity : parseFloat(right);
      return x - y;
    }
    return left.localeCompare(right, "zh");
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, column) {
    header.tabIndex = 0;
    function sort() {
      var ascending = header.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) { cell.removeAttribute("aria-sort"); });
      header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (first, second) {
        var order = compare(first.cells[column].textContent, second.cells[column].textContent,
          header.dataset.numeric === "1", column);
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    }
    header.addEventListener("click", sort);
    header.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { sort(); }
    });
  });

  table.addEventListener("click", function (event) {
    var link = event.target.closest("a.goto");
    if (!link) { return; }
    event.preventDefault();
    var mark = document.getElementById(link.getAttribute("href").slice(1));
    if (mark) { go(mark); }
  });
}());
