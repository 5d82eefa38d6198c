// The inline CSS and script of the audit HTML report. The script builds the per-file table and the
// findings from the embedded JSON with textContent only (table text never goes through innerHTML).

export const REPORT_CSS = `
:root{--bg:#f5f6f8;--card:#fff;--line:#e3e6eb;--text:#1d2433;--muted:#667085;--accent:#1d4ed8;
--error:#c62828;--warning:#b45309;--info:#1d4ed8;--pass:#15803d;--error-bg:#fdecec;--warning-bg:#fff4e0;--info-bg:#e8effd;--pass-bg:#e7f6ec}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--text);font:14px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI","PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Noto Sans SC","WenQuanYi Micro Hei",sans-serif}
.wrap{max-width:1240px;margin:0 auto;padding:28px 24px 56px}
header.top{display:flex;align-items:flex-start;justify-content:space-between;gap:16px;margin-bottom:20px}
h1{font-size:22px;margin:0 0 4px;font-weight:650;letter-spacing:.01em}
h2{font-size:16px;margin:0 0 12px;font-weight:620}
.sub{color:var(--muted);font-size:13px}
.verdict{padding:8px 14px;border-radius:8px;font-weight:600;white-space:nowrap}
.verdict.pass{background:var(--pass-bg);color:var(--pass)}
.verdict.fail{background:var(--error-bg);color:var(--error)}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(210px,1fr));gap:14px;margin-bottom:18px}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px 18px;box-shadow:0 1px 2px rgba(16,24,40,.04)}
.card .k{color:var(--muted);font-size:12.5px;text-transform:uppercase;letter-spacing:.04em}
.card .v{font-size:26px;font-weight:650;margin:2px 0;font-variant-numeric:tabular-nums}
.card .d{color:var(--muted);font-size:13px}
.card .d b{font-weight:600}
.t-error{color:var(--error)}.t-warning{color:var(--warning)}.t-info{color:var(--info)}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(520px,1fr));gap:14px;margin-bottom:18px}
.chart{display:block;width:100%;height:auto;max-width:100%}
.chart .label{font-size:12px;fill:#344054}
.chart .value{font-size:12px;fill:var(--muted);font-variant-numeric:tabular-nums}
.chart .axis{stroke:#d0d5dd;stroke-width:1}
.chart .bar:hover rect{opacity:.82}
.chart-empty{color:var(--muted);margin:8px 0}
.card.wide{grid-column:1/-1}
.split{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:28px;align-items:start}
h3{font-size:13px;font-weight:600;color:var(--muted);margin:0 0 8px}
.chart-note{color:var(--muted);font-size:12px;margin:8px 0 0}
section.card{margin-bottom:18px}
.toolbar{display:flex;flex-wrap:wrap;gap:12px;align-items:center;margin-bottom:12px}
.toolbar input[type=search]{flex:1 1 280px;max-width:420px;padding:7px 10px;border:1px solid #cfd4dc;border-radius:7px;font:inherit}
.toolbar input[type=search]:focus{outline:2px solid #bfd0fb;border-color:var(--accent)}
.toolbar label{display:flex;gap:6px;align-items:center;cursor:pointer;user-select:none}
.toolbar .count{margin-left:auto;color:var(--muted);font-size:13px}
.scroll{overflow:auto;max-height:70vh;border:1px solid var(--line);border-radius:8px}
table.files{border-collapse:collapse;width:100%;font-size:13.5px}
table.files th,table.files td{padding:7px 10px;border-bottom:1px solid #eef0f3;text-align:left;vertical-align:top}
table.files thead th{position:sticky;top:0;background:#f9fafb;z-index:1;border-bottom:1px solid var(--line);white-space:nowrap}
table.files th button{all:unset;cursor:pointer;font-weight:600;color:#344054}
table.files th button:focus-visible{outline:2px solid #bfd0fb}
table.files th[aria-sort] button::after{content:" ↕";color:#98a2b3;font-weight:400}
table.files th[aria-sort=ascending] button::after{content:" ▲";color:var(--accent)}
table.files th[aria-sort=descending] button::after{content:" ▼";color:var(--accent)}
table.files .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.files tbody tr:hover{background:#f8faff}
table.files td.path{overflow-wrap:anywhere;min-width:260px}
table.files td .reason{color:var(--muted)}
table.files td.path a{color:var(--accent);text-decoration:none}
table.files td.path a:hover{text-decoration:underline}
table.files td.empty{text-align:center;color:var(--muted);padding:22px}
.pill{display:inline-block;padding:1px 8px;border-radius:999px;font-size:12px;font-weight:600;white-space:nowrap}
.pill-pass{background:var(--pass-bg);color:var(--pass)}
.pill-fail,.pill-error{background:var(--error-bg);color:var(--error)}
.pill-unreadable{background:#eceff3;color:#475467}
.pill-warning{background:var(--warning-bg);color:var(--warning)}
.pill-info{background:var(--info-bg);color:var(--info)}
details.file{border:1px solid var(--line);border-radius:8px;margin-bottom:8px;background:#fff}
details.file>summary{cursor:pointer;padding:9px 12px;display:flex;gap:10px;align-items:center;flex-wrap:wrap;list-style:none}
details.file>summary::-webkit-details-marker{display:none}
details.file>summary::before{content:"▸";color:#98a2b3;width:10px}
details.file[open]>summary::before{content:"▾"}
details.file>summary .path{font-weight:600;overflow-wrap:anywhere}
details.file>summary .counts{margin-left:auto;color:var(--muted);font-size:12.5px;white-space:nowrap}
table.findings{border-collapse:collapse;width:100%;font-size:13px;border-top:1px solid var(--line)}
table.findings th,table.findings td{padding:6px 12px;border-bottom:1px solid #f0f1f4;text-align:left;vertical-align:top}
table.findings th{background:#fafbfc;color:#475467;font-weight:600;white-space:nowrap}
table.findings td.at,table.findings td.rule{white-space:nowrap;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;color:#475467}
table.findings .where{display:block;color:var(--muted);font-size:12px;margin-top:2px}
table.findings code{background:#f4f5f7;border:1px solid #e6e8ec;border-radius:4px;padding:1px 5px;font-size:12.5px;word-break:break-all;white-space:pre-wrap;font-family:inherit}
.more{color:var(--muted);font-size:12.5px;padding:8px 12px;margin:0}
footer{color:var(--muted);font-size:12px;text-align:center;margin-top:24px}
@media print{.toolbar{display:none}.scroll{max-height:none;overflow:visible}body{background:#fff}}
`;

/** The report's behaviour: sorting, the "failing only" filter, search, and the findings per file. */
export const REPORT_SCRIPT = String.raw`(function () {
  "use strict";
  function readJson(id) { var node = document.getElementById(id); return JSON.parse(node ? node.textContent : "null"); }
  var files = readJson("pt-files") || [];
  var meta = readJson("pt-meta");
  var L = meta.labels;
  var collator = new Intl.Collator(meta.lang === "zh" ? "zh-CN" : "en", { numeric: true });
  var rowsBody = document.getElementById("pt-rows");
  var findingsBox = document.getElementById("pt-findings");
  var countBox = document.getElementById("pt-count");
  var search = document.getElementById("pt-search");
  var failingOnly = document.getElementById("pt-failing");
  var headers = Array.prototype.slice.call(document.querySelectorAll("table.files th[data-key]"));
  var sortKey = "path";
  var sortDir = 1;
  var STATUS_RANK = { unreadable: 0, fail: 1, pass: 2 };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function pill(kind, text) { return el("span", "pill pill-" + kind, text); }
  function numberCell(n, tone) { return el("td", "num" + (n > 0 && tone ? " t-" + tone : ""), n); }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) { return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : all; });
  }

  function countWord(n, severity) { return fill(L.countWords[severity][n === 1 ? 0 : 1], { n: n }); }

  function openFindings(file) {
    if (!file.details) return;
    file.details.open = true;
    fillFindings(file);
  }

  function fillFindings(file) {
    if (file.filled) return;
    file.filled = true;
    var table = el("table", "findings");
    var head = el("tr");
    L.findingColumns.forEach(function (name) { head.appendChild(el("th", null, name)); });
    var thead = el("thead"); thead.appendChild(head); table.appendChild(thead);
    var body = el("tbody");
    file.findings.forEach(function (f) {
      var tr = el("tr");
      var sev = el("td"); sev.appendChild(pill(f[0], L.severity[f[0]])); tr.appendChild(sev);
      tr.appendChild(el("td", "at", f[2] + ":" + f[3]));
      tr.appendChild(el("td", "rule", f[1]));
      var message = el("td", null, f[4]);
      if (f[5] || f[6]) message.appendChild(el("span", "where", [f[5], f[6]].filter(Boolean).join(" › ")));
      tr.appendChild(message);
      var text = el("td");
      if (f[7]) text.appendChild(el("code", null, f[7]));
      tr.appendChild(text);
      body.appendChild(tr);
    });
    table.appendChild(body);
    file.details.appendChild(table);
    if (file.more > 0) file.details.appendChild(el("p", "more", fill(L.more, { n: file.more })));
  }

  files.forEach(function (file, index) {
    file.index = index;
    // The Department column sorts by what it shows for a table (the data has the list, departments).
    file.department = file.departments.join("; ");
    var words = [file.path, file.departments.join(" ")];
    file.findings.forEach(function (f) { words.push(f[1], f[4], f[5] || "", f[6] || ""); });
    file.haystack = words.join("\n").toLowerCase();

    var tr = el("tr", "status-" + file.status);
    var status = el("td"); status.appendChild(pill(file.status, L.status[file.status])); tr.appendChild(status);
    var path = el("td", "path");
    if (file.findings.length > 0) {
      var link = el("a", null, file.path);
      link.href = "#pt-file-" + index;
      link.addEventListener("click", function () { openFindings(file); });
      path.appendChild(link);
    } else path.textContent = file.path;
    tr.appendChild(path);
    // An unreadable file: why, under the departments of the tables that were read (a workbook's other sheets).
    var department = el("td", null, file.departments.join("; "));
    if (file.unreadable) department.appendChild(el("div", "reason", file.reason));
    tr.appendChild(department);
    tr.appendChild(numberCell(file.units));
    tr.appendChild(numberCell(file.projects));
    tr.appendChild(numberCell(file.indicators));
    tr.appendChild(el("td", "num", file.money));
    tr.appendChild(numberCell(file.errors, "error"));
    tr.appendChild(numberCell(file.warnings, "warning"));
    tr.appendChild(numberCell(file.infos, "info"));
    file.row = tr;

    if (file.findings.length > 0) {
      var details = el("details", "file");
      details.id = "pt-file-" + index;
      var summary = el("summary");
      summary.appendChild(pill(file.status, L.status[file.status]));
      summary.appendChild(el("span", "path", file.path));
      summary.appendChild(el("span", "counts", [countWord(file.errors, "error"), countWord(file.warnings, "warning"), countWord(file.infos, "info")].join(" · ")));
      details.appendChild(summary);
      details.addEventListener("toggle", function () { if (details.open) fillFindings(file); });
      file.details = details;
    }
  });

  function compare(a, b) {
    var x = a[sortKey];
    var y = b[sortKey];
    var c;
    if (sortKey === "status") c = STATUS_RANK[x] - STATUS_RANK[y];
    else if (typeof x === "number") c = x - y;
    else c = collator.compare(String(x), String(y));
    return c * sortDir || a.index - b.index;
  }

  function visible(file, query) {
    if (failingOnly.checked && file.status === "pass") return false;
    return query === "" || file.haystack.indexOf(query) !== -1;
  }

  function render() {
    var query = search.value.trim().toLowerCase();
    var shown = files.filter(function (f) { return visible(f, query); }).sort(compare);
    var rows = document.createDocumentFragment();
    shown.forEach(function (f) { rows.appendChild(f.row); });
    if (shown.length === 0) {
      var tr = el("tr"); var td = el("td", "empty", L.noMatch); td.colSpan = headers.length; tr.appendChild(td); rows.appendChild(tr);
    }
    rowsBody.textContent = "";
    rowsBody.appendChild(rows);
    var details = document.createDocumentFragment();
    var withFindings = 0;
    files.forEach(function (f) { if (f.details && visible(f, query)) { details.appendChild(f.details); withFindings++; } });
    findingsBox.textContent = "";
    if (withFindings === 0) findingsBox.appendChild(el("p", "chart-empty", L.noFindings));
    findingsBox.appendChild(details);
    countBox.textContent = fill(L.showing, { shown: shown.length, total: files.length });
    headers.forEach(function (th) {
      th.setAttribute("aria-sort", th.getAttribute("data-key") === sortKey ? (sortDir > 0 ? "ascending" : "descending") : "none");
    });
  }

  headers.forEach(function (th) {
    var button = th.querySelector("button");
    button.addEventListener("click", function () {
      var key = th.getAttribute("data-key");
      if (key === sortKey) sortDir = -sortDir;
      else { sortKey = key; sortDir = th.getAttribute("data-type") === "number" ? -1 : 1; }
      render();
    });
  });
  search.addEventListener("input", render);
  failingOnly.addEventListener("change", render);
  render();
})();
`;
