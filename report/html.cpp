#include <report/html.hpp>

#include <report/breakdown.hpp>
#include <report/html_escape.hpp>
#include <report/remedies.hpp>
#include <report/run_notes.hpp>
#include <storage/cucm_view.hpp>
#include <storage/run_options.hpp>
#include <storage/timestamp.hpp>
#include <util/json_text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace report {
namespace {

using diagnosis::RootCause;
constexpr auto cause_count = static_cast<std::size_t>(diagnosis::root_cause_count);

std::size_t index(RootCause cause) { return static_cast<std::size_t>(cause); }
RootCause cause_at(std::size_t i) { return static_cast<RootCause>(i); }

constexpr std::string_view style = R"(<style>
:root { --ok: #1e7b45; --bad: #b42318; --muted: #5f6b7a; --line: #d9dee5; --head: #f2f4f7; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; padding: 1.5em 2em 4em;
       color: #1d2330; max-width: 90em; }
h1 { font-size: 1.7em; margin: 0; }
h2 { font-size: 1.3em; margin: 2em 0 0.6em; padding-bottom: 0.25em; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.05em; margin: 1em 0 0.4em; }
.sub { color: var(--muted); margin: 0.2em 0 1em; }
table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.92em; }
th, td { border-bottom: 1px solid var(--line); padding: 0.3em 0.7em; text-align: left; vertical-align: top; }
thead th { background: var(--head); border-bottom: 2px solid var(--line); white-space: nowrap; }
tbody tr:hover { background: #f8fafc; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.scroll { overflow-x: auto; }
table.breakdown th { white-space: normal; vertical-align: bottom; }
table.breakdown td:first-child { white-space: nowrap; }
td.hot { background: #fde8e7; color: var(--bad); font-weight: 600; }
.meta { display: flex; flex-wrap: wrap; gap: 0 3em; }
.meta table th { background: none; color: var(--muted); font-weight: normal; border: none; padding-left: 0; }
.meta table td { border: none; }
.meta h3 { margin-bottom: 0; color: var(--muted); font-size: 0.8em; text-transform: uppercase; letter-spacing: 0.05em; }
.code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.85em; color: var(--muted); font-weight: normal; }
.headline { font-size: 1.5em; margin: 0.8em 0 0.3em; }
.share { color: var(--muted); font-weight: normal; font-size: 0.85em; }
.split { display: flex; height: 14px; border-radius: 7px; overflow: hidden; background: var(--line); max-width: 60em; }
.split .okpart { background: var(--ok); } .split .badpart { background: var(--bad); }
.ok { color: var(--ok); }
.bad { color: var(--bad); }
.note { color: var(--muted); font-style: italic; }
nav.toc { margin: 1.5em 0; padding: 0.6em 1em; background: var(--head); border-radius: 6px; line-height: 1.9; }
nav.toc a { margin-right: 1.2em; white-space: nowrap; }
a { color: #1f5fa8; text-decoration: none; } a:hover { text-decoration: underline; }
svg.chart { max-width: 100%; height: auto; }
svg .bar { fill: var(--bad); } svg a:hover .bar { fill: #7a1712; }
svg text { font: 13px system-ui, sans-serif; fill: #1d2330; } svg text.count { fill: var(--muted); }
svg.spark { vertical-align: middle; display: block; }
svg.spark polyline { fill: none; stroke: var(--bad); stroke-width: 1.5; }
svg.spark circle { fill: var(--bad); }
section.cause { border-left: 4px solid var(--bad); padding-left: 1em; margin-top: 2em; }
section.cause h2 { border: none; margin-top: 0; }
summary { cursor: pointer; font-weight: 600; margin: 0.3em 0; }
ul.clusters li { margin: 0.2em 0; }
.controls { display: flex; flex-wrap: wrap; gap: 0.6em 1.2em; align-items: center; margin: 0.6em 0; }
.controls select, .controls input, .pager button, .actions button { font: inherit; padding: 0.25em 0.5em; }
#phone-table th { cursor: pointer; user-select: none; }
#phone-table th[aria-sort="ascending"]::after { content: " ▲"; } #phone-table th[aria-sort="descending"]::after { content: " ▼"; }
.controls input { width: 22em; }
.pager { display: flex; gap: 1em; align-items: center; }
#phone-table td:nth-child(8) { max-width: 32em; }
ol.chart { list-style: none; padding: 0; margin: 0.5em 0 1em; max-width: 72em; }
ol.chart li { display: grid; grid-template-columns: minmax(14em, 24em) minmax(6em, 1fr) 8.5em; gap: 0.15em 0.8em;
              align-items: center; padding: 0.35em 0; border-bottom: 1px solid var(--line); }
ol.chart .label { font-weight: 600; }
ol.chart .bar { display: block; height: 1.1em; background: var(--head); border-radius: 2px; }
ol.chart .bar span { display: block; height: 100%; background: var(--bad); border-radius: 2px; }
ol.chart .count { color: var(--muted); font-variant-numeric: tabular-nums; white-space: nowrap; }
ol.chart .todo { grid-column: 1 / -1; font-size: 0.92em; }
ol.chart .todo::before { content: "What to do: "; color: var(--muted); }
.recheck { background: #eef6f0; border-left: 4px solid var(--ok); padding: 0.4em 0.8em; }
body { overflow-wrap: anywhere; } th, td { overflow-wrap: normal; } /* tables scroll in their own box */
@media (max-width: 700px) {
  body { padding: 0.8em 0.8em 3em; font-size: 14px; }
  table { display: block; overflow-x: auto; max-width: 100%; }
  ol.chart li { grid-template-columns: 1fr auto; }
  ol.chart .label { grid-column: 1 / -1; }
  .controls input { width: 100%; }
  .headline { font-size: 1.25em; }
}
@media print {
  .no-print { display: none !important; }
  body { padding: 0; max-width: none; font-size: 11px; }
  h2 { break-after: avoid; }
  tr { break-inside: avoid; }
  #change { break-after: page; }
  section.cause { break-inside: avoid-page; }
  ol.chart li { break-inside: avoid; }
}
</style>)";

// The phone table as a work list: filters, sorting and pages over the JSON block, drawing at most
// one page of rows so that the DOM stays small at 100,000 phones; the filters kept in the URL
// (#phones?cause=…) so that a link shows the same list; per cause, the device names to copy and a
// CSV of its phones (cells formula-safe, as util::csv_cell makes them); every <details> opened
// before printing. Values are set with textContent or as attributes, never parsed as HTML.
constexpr std::string_view script = R"(<script>
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('phone-data').textContent);
  var phones = data.phones, pageSize = 100, page = 0, matches = [], haystack = [], sortCol = -1, sortDir = 1;
  var $ = function (id) { return document.getElementById(id); };
  var table = $('phone-table'), fCause = $('f-cause'), fSite = $('f-site'), fModel = $('f-model'),
      fText = $('f-text'), status = $('phone-status'), prev = $('phone-prev'), next = $('phone-next'),
      pageNo = $('phone-page');
  function counted(column, size) {
    var counts = new Array(size).fill(0);
    for (var i = 0; i < phones.length; i++) counts[phones[i][column]]++;
    return counts;
  }
  function fill(select, names, counts, sorted) {
    var order = names.map(function (_, i) { return i; });
    if (sorted) order.sort(function (a, b) { return names[a].localeCompare(names[b]); });
    order.forEach(function (i) {
      if (!counts[i]) return;
      var o = document.createElement('option');
      o.value = String(i);
      o.textContent = (names[i] === '' ? '(none)' : names[i]) + ' (' + counts[i].toLocaleString('en') + ')';
      select.appendChild(o);
    });
  }
  fill(fCause, data.causes, counted(2, data.causes.length), false);
  fill(fSite, data.sites, counted(3, data.sites.length), true);
  fill(fModel, data.models, counted(4, data.models.length), true);
  function cells(p) {
    return [p[0], p[1], data.causes[p[2]], data.sites[p[3]], data.models[p[4]], data.firmware[p[5]],
            p[6], data.details[p[7]]];
  }
  function key(i) {
    var p = phones[i];
    return sortCol === 2 ? p[2] : String(cells(p)[sortCol]).toLowerCase();
  }
  function sort() { // each key computed once, not twice per comparison
    if (sortCol < 0) return;
    var keys = new Map(matches.map(function (i) { return [i, key(i)]; }));
    matches.sort(function (a, b) {
      var x = keys.get(a), y = keys.get(b);
      return x < y ? -sortDir : x > y ? sortDir : a - b;
    });
  }
  function remember() {
    var q = new URLSearchParams();
    [['cause', fCause], ['site', fSite], ['model', fModel], ['q', fText]].forEach(function (f) {
      if (f[1].value !== (f[0] === 'cause' ? 'failing' : '')) q.set(f[0], f[1].value);
    });
    if (sortCol >= 0) q.set('sort', (sortDir < 0 ? '-' : '') + sortCol);
    var hash = q.toString() ? '#phones?' + q.toString() : '';
    if (hash === location.hash || (!hash && location.hash.indexOf('#phones?') !== 0)) return;
    try { history.replaceState(null, '', hash || location.pathname + location.search); } catch (e) { /* file: */ }
  }
  function recall() {
    if (location.hash.indexOf('#phones?') !== 0) return;
    var q = new URLSearchParams(location.hash.slice(8));
    [['cause', fCause], ['site', fSite], ['model', fModel], ['q', fText]].forEach(function (f) {
      if (q.has(f[0])) f[1].value = q.get(f[0]);
    });
    var s = q.get('sort');
    if (s) { sortDir = s.charAt(0) === '-' ? -1 : 1; sortCol = Math.min(7, Math.abs(parseInt(s, 10)) || 0); }
  }
  function apply() {
    var c = fCause.value, s = fSite.value, m = fModel.value, q = fText.value.trim().toLowerCase();
    matches = [];
    for (var i = 0; i < phones.length; i++) {
      var p = phones[i];
      if (c === 'failing' ? p[2] === 0 : c !== '' && p[2] !== +c) continue;
      if (s !== '' && p[3] !== +s) continue;
      if (m !== '' && p[4] !== +m) continue;
      if (q !== '') {
        if (haystack[i] === undefined) haystack[i] = cells(p).join('\u0001').toLowerCase();
        if (haystack[i].indexOf(q) === -1) continue;
      }
      matches.push(i);
    }
    sort();
    page = 0;
    remember();
    draw();
  }
  function link(address) {
    var a = document.createElement('a');
    a.href = (/^https?:/.test(address) ? '' : 'http:' + '//') + // no absolute URL in the page itself
             (address.split(':').length > 2 && address.indexOf('[') < 0 ? '[' + address + ']' : address) + '/';
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    a.textContent = address;
    return a;
  }
  function draw() {
    var pages = Math.max(1, Math.ceil(matches.length / pageSize));
    page = Math.max(0, Math.min(page, pages - 1));
    var first = page * pageSize, last = Math.min(matches.length, first + pageSize);
    var rows = document.createDocumentFragment();
    for (var k = first; k < last; k++) {
      var tr = document.createElement('tr');
      cells(phones[matches[k]]).forEach(function (value, column) {
        var td = document.createElement('td');
        if (column === 1) td.appendChild(link(value)); else td.textContent = value;
        tr.appendChild(td);
      });
      rows.appendChild(tr);
    }
    table.tBodies[0].replaceChildren(rows);
    status.textContent = matches.length === 0 ? 'No phone matches these filters.' :
        'Showing ' + (first + 1).toLocaleString('en') + '\u2013' + last.toLocaleString('en') + ' of ' +
        matches.length.toLocaleString('en') + ' matching phones (' + phones.length.toLocaleString('en') +
        ' in the run).';
    pageNo.textContent = 'Page ' + (page + 1).toLocaleString('en') + ' of ' + pages.toLocaleString('en');
    prev.disabled = page === 0;
    next.disabled = page >= pages - 1;
    table.querySelectorAll('th').forEach(function (th, column) {
      th.setAttribute('aria-sort', column !== sortCol ? 'none' : sortDir > 0 ? 'ascending' : 'descending');
    });
    table.setAttribute('data-rendered', 'yes');
  }
  function ofCause(cause) { return phones.filter(function (p) { return p[2] === cause; }); }
  function csvCell(value) {
    var v = /^[=+\-@\t\r]/.test(value) ? "'" + value : value;
    return /[",\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
  }
  function download(cause) {
    var lines = ['device_name,address,site,model,firmware,description,detail'];
    ofCause(cause).forEach(function (p) {
      var c = cells(p);
      lines.push([c[0], c[1], c[3], c[4], c[5], c[6], c[7]].map(csvCell).join(','));
    });
    var a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([lines.join('\r\n') + '\r\n'], {type: 'text/csv'}));
    a.download = 'phones-' + data.causes[cause] + '.csv';
    document.body.appendChild(a);
    a.click();
    a.remove();
  }
  function copyNames(button, cause) {
    var names = ofCause(cause).map(function (p) { return p[0]; }).filter(function (n) { return n; }).join('\n');
    var area = document.createElement('textarea');
    area.value = names;
    document.body.appendChild(area);
    area.select();
    var done = navigator.clipboard ? navigator.clipboard.writeText(names).then(function () { return true; })
                                   : Promise.resolve(document.execCommand('copy'));
    area.remove();
    done.then(function () { button.textContent = 'Copied'; }, function () { button.textContent = 'Copy failed'; });
  }
  var typing = 0;
  [fCause, fSite, fModel].forEach(function (select) { select.addEventListener('change', apply); });
  fText.addEventListener('input', function () { clearTimeout(typing); typing = setTimeout(apply, 150); });
  prev.addEventListener('click', function () { page--; draw(); });
  next.addEventListener('click', function () { page++; draw(); });
  table.querySelectorAll('th').forEach(function (th, column) {
    th.addEventListener('click', function () {
      sortDir = sortCol === column ? -sortDir : 1;
      sortCol = column;
      apply();
    });
  });
  document.querySelectorAll('[data-cause]').forEach(function (button) {
    var cause = +button.getAttribute('data-cause');
    button.addEventListener('click', function () {
      var action = button.getAttribute('data-action');
      if (action === 'copy') return copyNames(button, cause);
      if (action === 'csv') return download(cause);
      fCause.value = String(cause);
      fSite.value = fModel.value = fText.value = '';
      apply();
      $('phones').scrollIntoView();
    });
  });
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details').forEach(function (d) { d.open = true; });
  });
  recall();
  apply();
})();
</script>)";

void esc(std::string& out, std::string_view text) { append_html_escaped(out, text); }

void cell(std::string& out, std::string_view text) {
  out += "<td>";
  esc(out, text);
  out += "</td>";
}

// 1234567 -> "1,234,567": counts people read at a glance.
std::string grouped(std::int64_t value) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return value < 0 ? "-" + out : out;
}

void number_cell(std::string& out, std::int64_t value, bool blank_zero = false, bool hot = false) {
  out += hot ? "<td class=\"n hot\">" : "<td class=\"n\">";
  if (!(blank_zero && value == 0)) out += grouped(value);
  out += "</td>";
}

double share(std::int64_t part, std::int64_t whole) {
  return whole > 0 ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

std::string percent(std::int64_t part, std::int64_t whole) {
  return whole > 0 ? fmt::format("{:.1f} %", share(part, whole)) : std::string("—");
}

std::string plural(std::int64_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", grouped(n), n == 1 ? one : many);
}

// "2024-05-01T06:30:00Z" -> "2024-05-01 06:30:00 UTC"; anything else unchanged.
std::string readable_time(std::string_view stamp) {
  if (stamp.size() == 20 && stamp[10] == 'T' && stamp[19] == 'Z')
    return fmt::format("{} {} UTC", stamp.substr(0, 10), stamp.substr(11, 8));
  return std::string(stamp);
}

void append_number(std::string& out, std::size_t value) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out.append(digits, end);
}

// A JSON string that is also safe inside <script> (util/json_text.hpp).
void script_json(std::string& out, std::string_view text) { util::append_json_string(out, text, util::JsonIn::script); }

// Remediation text marks commands with backticks; they become <code>.
void step_text(std::string& out, std::string_view text) {
  bool code = false;
  for (std::size_t start = 0; start <= text.size();) {
    const auto tick = std::min(text.find('`', start), text.size());
    esc(out, text.substr(start, tick - start));
    if (tick == text.size()) break;
    out += code ? "</code>" : "<code>";
    code = !code;
    start = tick + 1;
  }
  if (code) out += "</code>";
}

// The options a run was started with, as the Run table lists them: those it recorded and set
// (empty text is left out), a group of options as "name: value, …" of its set members.
// storage::RunOptions has no field a password could be in.
class OptionRows {
public:
  void text(std::string_view name, const std::optional<std::string>& value) {
    if (value && !value->empty()) rows.emplace_back(name, *value);
  }
  template <class Number>
  void number(std::string_view name, const std::optional<Number>& value) {
    if (value) rows.emplace_back(name, fmt::format("{}", *value));
  }
  void group(std::string_view name, const std::vector<std::pair<std::string_view, std::string>>& members) {
    std::string value;
    for (const auto& [member, shown] : members) {
      if (shown.empty() || shown == "false") continue;
      if (!value.empty()) value += ", ";
      value += fmt::format("{}: {}", member, shown);
    }
    if (!value.empty()) rows.emplace_back(name, std::move(value));
  }
  std::vector<std::pair<std::string, std::string>> rows;
};

std::vector<std::pair<std::string, std::string>> shown_options(const std::string& json) {
  const auto o = storage::decode_run_options(json);
  if (!o) return {};
  OptionRows r;
  r.text("inventory", o->inventory);
  r.text("targets", o->targets);
  r.text("user", o->user);
  r.text("cucm", o->cucm);
  r.number("concurrency", o->concurrency);
  r.number("auth_concurrency", o->auth_concurrency);
  if (o->auth_rate)
    r.rows.emplace_back("auth_rate", *o->auth_rate == 0 ? "0 (unlimited)" : fmt::format("{}", *o->auth_rate));
  r.number("max_failed_logons", o->max_failed_logons);
  r.number("timeout", o->timeout);
  r.number("connect_timeout", o->connect_timeout);
  r.text("dns_server", o->dns_server);
  r.text("shard", o->shard);
  if (const auto& s = o->scope)
    r.group("scope", {{"inventory", s->inventory},
                      {"targets", s->targets},
                      {"shard", s->shard},
                      {"only_failed", s->only_failed ? "true" : "false"},
                      {"cucm_discover", s->cucm_discover},
                      {"discover_name", s->discover_name}});
  r.text("axl", o->axl);
  r.text("canary_device", o->canary_device);
  if (const auto& e = o->estate_auth)
    r.group("estate_auth", {{"concurrency", fmt::format("{}", e->concurrency)},
                            {"rate", fmt::format("{}", e->rate)},
                            {"shards", fmt::format("{}", e->shards)}});
  if (!o->merged_from.empty()) r.rows.emplace_back("merged_from", storage::merged_from_json(o->merged_from));
  return std::move(r.rows);
}

std::string duration(const storage::RunSummary& run) {
  const auto seconds = sweep_seconds(run);
  if (!seconds) return "—";
  const auto total = *seconds;
  const auto h = total / 3600, m = total / 60 % 60, s = total % 60;
  if (h > 0) return fmt::format("{} h {:02} min {:02} s", h, m, s);
  if (m > 0) return fmt::format("{} min {:02} s", m, s);
  return fmt::format("{} s", s);
}

struct Section {
  std::int64_t phones = 0;
  std::string rows; // rendered <tr>s, at most options.phones_per_section
  std::size_t shown = 0;
  std::map<std::string_view, std::int64_t> cucm; // secondary findings on these phones
  std::map<std::string_view, std::int64_t> itl;
};

struct Comparison {
  storage::RunSummary against;
  std::unordered_map<std::string, RootCause> before;     // address -> cause in `against`
  std::array<std::int64_t, cause_count> newly_failing{}; // by current cause; was ok
  std::array<std::int64_t, cause_count> still_failing{}; // by current cause; failing before too
  std::array<std::int64_t, cause_count> cause_changed{}; // of still_failing, with another cause
  std::array<std::int64_t, cause_count> fixed{};         // by previous cause; ok now
  std::int64_t matched = 0;
  std::int64_t new_phones = 0; // in this run only
  std::int64_t newly_total = 0;
  std::string newly_rows;
  std::size_t newly_shown = 0;
};

// Distinct texts of one column, numbered in order of first appearance: the phone table's JSON
// names a site or a detail once and refers to it by number, which keeps 100,000 rows small.
class Dictionary {
public:
  std::size_t id(const std::string& text) {
    const auto [it, added] = ids_.try_emplace(text, texts_.size());
    if (added) texts_.push_back(&it->first);
    return it->second;
  }
  void write_json(std::string& out) const {
    out += '[';
    for (std::size_t i = 0; i < texts_.size(); ++i) {
      if (i > 0) out += ',';
      script_json(out, *texts_[i]);
    }
    out += ']';
  }

private:
  std::unordered_map<std::string, std::size_t> ids_;
  std::vector<const std::string*> texts_; // keys of ids_ (node-based: stable addresses)
};

// What the CUCM said about the run (scan --axl, --cucm-discover), and the run's phones the AXL
// user does not control.
struct CucmSection {
  storage::CucmView view;
  bool unreadable = false;                    // runs.cucm_json did not decode
  std::unordered_set<std::string> controlled; // upper-case
  std::int64_t not_controlled = 0;
  std::int64_t unnamed = 0; // phones without a device name: association not checked
  std::string rows;
  std::size_t shown = 0;
};

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

} // namespace

// A re-check (scan --only-failed) recorded after a whole-estate run, laid over it: which of the
// run's failing phones it asked again, and how many of them it found fixed.
struct Recheck {
  storage::RunSummary run;
  std::unordered_map<std::string, RootCause> causes; // address -> cause in the re-check
  std::int64_t asked = 0;                            // the run's failing phones the re-check asked
  std::int64_t fixed = 0;                            // of those, ok in the re-check
  std::string mark;                                  // before the detail of a phone the re-check found fixed
};

struct HtmlReport::Page {
  HtmlOptions options;
  storage::RunSummary run;
  std::array<Section, cause_count> sections;
  Breakdown sites;
  Breakdown models;
  Breakdown firmware;
  std::optional<Comparison> change;
  std::vector<storage::RunSummary> trend; // oldest first, ending with `run`; empty for one run
  Dictionary site_names, model_names, firmware_names, details;
  std::string phone_json; // the rows of the phone table's JSON, comma separated
  CucmSection cucm;
  std::optional<Recheck> recheck;
};

namespace {

using Page = HtmlReport::Page;

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// What RisPort70 says about the phone, in one cell: "registered since …, on node, load …", and
// the firmware the phone itself reports when it differs from the load. Empty without RisPort.
std::string cucm_state(const Row& row) {
  if (row.registration.empty()) return {};
  std::string out = row.registration;
  if (!row.registered_at.empty()) out += " since " + row.registered_at;
  if (!row.cucm_node.empty()) out += ", " + row.cucm_node;
  if (!row.active_load.empty()) {
    out += ", load " + row.active_load;
    if (!row.firmware.empty() && !equal_ignoring_case(row.firmware, row.active_load))
      out += " (the phone reports " + row.firmware + ")";
  }
  return out;
}

void phone_row(std::string& out, const Row& row, bool with_cause) {
  out += "<tr>";
  cell(out, row.device_name);
  cell(out, row.address);
  cell(out, row.model);
  cell(out, row.site);
  if (with_cause) cell(out, row.root_cause);
  cell(out, row.firmware);
  cell(out, cucm_state(row));
  cell(out, row.description);
  cell(out, row.detail);
  out += "</tr>\n";
}

void phone_table_head(std::string& out, bool with_cause) {
  out += "<table class=\"phones\"><thead><tr><th>Device</th><th>Address</th><th>Model</th>"
         "<th>Site</th>";
  if (with_cause) out += "<th>Root cause</th>";
  out += "<th>Firmware</th><th>CUCM (RisPort70)</th><th>Description</th><th>Detail</th></tr></thead>\n"
         "<tbody>\n";
}

void add_record(Page& page, const storage::PhoneRecord& record, const Row& row) {
  const RootCause cause = record.outcome.cause;
  if (const auto& axl = page.cucm.view.axl; axl && axl->exists) {
    CucmSection& c = page.cucm;
    if (record.target.device_name.empty()) {
      ++c.unnamed;
    } else if (!c.controlled.contains(upper(record.target.device_name))) {
      ++c.not_controlled;
      if (c.shown < page.options.phones_per_section) {
        phone_row(c.rows, row, true);
        ++c.shown;
      }
    }
  }
  std::string_view recheck_mark;
  if (page.recheck && cause != RootCause::ok) {
    if (const auto found = page.recheck->causes.find(row.address); found != page.recheck->causes.end()) {
      ++page.recheck->asked;
      if (found->second == RootCause::ok) {
        ++page.recheck->fixed;
        recheck_mark = page.recheck->mark;
      }
    }
  }
  Section& section = page.sections[index(cause)];
  ++section.phones;
  if (cause != RootCause::ok && section.shown < page.options.phones_per_section) {
    phone_row(section.rows, row, false);
    ++section.shown;
  }
  ++section.cucm[diagnosis::to_string(record.evidence.cucm)];
  ++section.itl[diagnosis::to_string(record.evidence.itl)];
  page.sites[row.site].add(cause);
  page.models[row.model].add(cause);
  page.firmware[row.firmware].add(cause);

  // [device, address, cause, site, model, firmware, description, detail]
  std::string& json = page.phone_json;
  if (!json.empty()) json += ",\n";
  json += '[';
  script_json(json, row.device_name);
  json += ',';
  script_json(json, row.address);
  for (const auto number : {index(cause), page.site_names.id(row.site), page.model_names.id(row.model),
                            page.firmware_names.id(row.firmware)}) {
    json += ',';
    append_number(json, number);
  }
  json += ',';
  script_json(json, row.description);
  json += ',';
  append_number(json, page.details.id(recheck_mark.empty() ? row.detail : std::string(recheck_mark) + row.detail));
  json += ']';

  if (!page.change) return;
  Comparison& change = *page.change;
  const auto found = change.before.find(row.address);
  if (found == change.before.end()) {
    ++change.new_phones;
    return;
  }
  ++change.matched;
  const RootCause before = found->second;
  if (cause == RootCause::ok) {
    if (before != RootCause::ok) ++change.fixed[index(before)];
  } else if (before == RootCause::ok) {
    ++change.newly_failing[index(cause)];
    ++change.newly_total;
    if (change.newly_shown < page.options.phones_per_section) {
      phone_row(change.newly_rows, row, true);
      ++change.newly_shown;
    }
  } else {
    ++change.still_failing[index(cause)];
    if (before != cause) ++change.cause_changed[index(cause)];
  }
}

// Causes with phones, most phones first; ties in troubleshooting order.
std::vector<RootCause> by_count(const Page& page, bool with_ok) {
  std::vector<RootCause> causes;
  for (std::size_t i = 0; i < cause_count; ++i)
    if (page.sections[i].phones > 0 && (with_ok || cause_at(i) != RootCause::ok)) causes.push_back(cause_at(i));
  std::stable_sort(causes.begin(), causes.end(), [&](RootCause a, RootCause b) {
    return page.sections[index(a)].phones > page.sections[index(b)].phones;
  });
  return causes;
}

std::int64_t total_phones(const Page& page) {
  std::int64_t total = 0;
  for (const auto& s : page.sections) total += s.phones;
  return total;
}

void write_head(std::string& out, const Page& page) {
  const std::string title = fmt::format("phonesweep report — run {}", page.run.id);
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  esc(out, title);
  out += "</title>\n";
  out += style;
  out += "\n</head>\n<body>\n<header>\n<h1>";
  esc(out, title);
  out += "</h1>\n<p class=\"sub\">Started ";
  esc(out, readable_time(page.run.started_at));
  out += " · swept in ";
  esc(out, duration(page.run));
  out += " · ";
  esc(out, storage::code(page.run.status));
  out += " · ";
  esc(out, scope_text(page.run));
  out += "</p>\n</header>\n";
}

void metadata_row(std::string& out, std::string_view name, std::string_view value) {
  out += "<tr><th>";
  esc(out, name);
  out += "</th>";
  cell(out, value);
  out += "</tr>\n";
}

void write_metadata(std::string& out, const storage::RunSummary& run) {
  const auto notes = run_notes(run);
  const bool hot = std::any_of(notes.begin(), notes.end(), [](const RunNote& n) { return n.hot; });
  out += fmt::format("<section id=\"run\">\n<details{}><summary>The run: times, credentials, options</summary>\n"
                     "<div class=\"meta\">\n<div><h3>Run</h3><table class=\"run\">\n",
                     hot ? " open" : "");
  metadata_row(out, "Started", readable_time(run.started_at));
  metadata_row(out, "Finished", run.finished_at.empty() ? "—" : readable_time(run.finished_at));
  metadata_row(out, "Duration", duration(run));
  metadata_row(out, "Status", storage::code(run.status));
  metadata_row(out, "Phones recorded", grouped(run.recorded));
  if (run.phone_count > 0) metadata_row(out, "Phones planned", grouped(run.phone_count));
  metadata_row(out, "Phones asked over HTTPS",
               run.https_phones == 0
                   ? std::string("none")
                   : fmt::format("{} ({} answered)", grouped(run.https_phones), grouped(run.https_answered)));
  metadata_row(out, "phonesweep version", run.tool_version);
  for (const auto& note : notes) {
    if (!note.hot) {
      metadata_row(out, note.name, note.value);
      continue;
    }
    out += "<tr><th>";
    esc(out, note.name);
    out += "</th><td class=\"hot\">";
    esc(out, note.value);
    out += "</td></tr>\n";
  }
  out += "</table></div>\n";
  const auto options = shown_options(run.options_json);
  if (!options.empty()) {
    out += "<div><h3>Options</h3><table class=\"options\">\n";
    for (const auto& [key, value] : options) metadata_row(out, key, value);
    out += "</table></div>\n";
  }
  out += "</div>\n</details>\n</section>\n";
}

// A re-check asked only phones that failed before: its headline is how many of them it found
// fixed, not "0 ok".
void recheck_headline(std::string& out, const Page& page) {
  const auto total = page.run.recorded;
  const auto ok = page.sections[index(RootCause::ok)].phones;
  out += fmt::format("<p class=\"headline\" id=\"headline\">Re-check of {} failing{}: "
                     "<strong class=\"ok\">{} fixed</strong> · <strong class=\"bad\">{} still failing</strong></p>\n",
                     plural(total, "phone", "phones"),
                     page.run.recheck_of ? fmt::format(" in run {}", *page.run.recheck_of) : std::string(), grouped(ok),
                     grouped(total - ok));
}

// A newer re-check laid over this run: the answer a reader wants is the estate as it is now.
void recheck_note(std::string& out, const Recheck& r) {
  out += fmt::format("<p class=\"recheck\" id=\"recheck\">Re-check of {} failing in this run (run {}, ",
                     plural(r.asked, "phone", "phones"), r.run.id);
  esc(out, readable_time(r.run.started_at));
  out += fmt::format("): <strong class=\"ok\">{} fixed</strong>, {} still failing. Counts below are this "
                     "run's; in the phone table the detail of a phone the re-check found fixed says so.</p>\n",
                     grouped(r.fixed), grouped(r.asked - r.fixed));
}

void write_headline(std::string& out, const Page& page) {
  if (page.run.kind == storage::RunKind::recheck) return recheck_headline(out, page);
  const auto total = page.run.recorded;
  const auto ok = page.sections[index(RootCause::ok)].phones;
  out += fmt::format("<p class=\"headline\" id=\"headline\"><strong class=\"ok\">{} ok</strong> · "
                     "<strong class=\"bad\">{} failing</strong> of {} ({} ok)</p>\n",
                     grouped(ok), grouped(total - ok), plural(total, "phone", "phones"), percent(ok, total));
  if (total > 0)
    out += fmt::format("<div class=\"split\" role=\"img\" aria-label=\"{0:.1f} % ok\">"
                       "<span class=\"okpart\" style=\"width:{0:.3f}%\"></span>"
                       "<span class=\"badpart\" style=\"width:{1:.3f}%\"></span></div>\n",
                       share(ok, total), 100.0 - share(ok, total));
  if (page.recheck && page.recheck->asked > 0) recheck_note(out, *page.recheck);
}

void name_list(std::string& out, const std::vector<std::string>& names) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += ", ";
    out += "<code>";
    esc(out, names[i]);
    out += "</code>";
  }
}

// The first `cap` names of a list that grows with the estate, then "…".
void capped_names(std::string& out, const std::vector<std::string>& names, std::size_t cap) {
  const std::size_t shown = std::min(names.size(), cap);
  name_list(out, std::vector<std::string>(names.begin(), names.begin() + static_cast<std::ptrdiff_t>(shown)));
  if (shown < names.size()) out += ", …";
}

// scan --axl on an inventory: what RisPort70 said about its phones (app/risport_lookup.hpp).
void write_risport_lookup(std::string& out, const storage::RisPortView& r, std::size_t cap) {
  out += "<h3>RisPort70: the inventory's phones</h3>\n<table class=\"run\">\n";
  metadata_row(out, "Asked",
               fmt::format("selectCmDeviceExt at {}: {} by device name, {} by IPv4 address "
                           "({} requests, {} throttled)",
                           r.url, grouped(static_cast<std::int64_t>(r.by_name)),
                           grouped(static_cast<std::int64_t>(r.by_address)), r.requests, r.rate_faults));
  if (!r.error.empty()) {
    out += "<tr><th>Answer</th><td class=\"hot\">";
    esc(out, r.error);
    out += " (the run went on without RisPort's view)</td></tr>\n</table>\n";
    return;
  }
  metadata_row(out, "Known to RisPort", grouped(static_cast<std::int64_t>(r.known)));
  metadata_row(out, "Not registered", grouped(static_cast<std::int64_t>(r.unregistered)));
  metadata_row(out, "Web server off", grouped(static_cast<std::int64_t>(r.web_disabled)));
  metadata_row(out, "Registered from another address than the inventory", grouped(static_cast<std::int64_t>(r.moved)));
  out += "</table>\n";
  if (!r.not_found.empty()) {
    out += fmt::format("<p class=\"note\">{} unknown to RisPort (not registered since the nodes started, or "
                       "not on this CUCM): ",
                       plural(static_cast<std::int64_t>(r.not_found.size()), "phone", "phones"));
    capped_names(out, r.not_found, cap);
    out += "</p>\n";
  }
  if (!r.unchecked.empty()) {
    out += fmt::format("<p class=\"note\">{} unchecked: neither a device name nor an IPv4 address to ask "
                       "RisPort by: ",
                       plural(static_cast<std::int64_t>(r.unchecked.size()), "phone", "phones"));
    capped_names(out, r.unchecked, cap);
    out += "</p>\n";
  }
}

// What the CUCM itself said before any phone was asked; its long list (the phones the user does
// not control) folds.
void write_cucm(std::string& out, const Page& page) {
  const CucmSection& c = page.cucm;
  if (c.unreadable) {
    out += "<section id=\"cucm\">\n<h2>What the CUCM said</h2>\n<p class=\"note\">The run's CUCM facts "
           "could not be read (written by another phonesweep version?).</p>\n</section>\n";
    return;
  }
  if (!c.view.axl && !c.view.discovery && !c.view.risport) return;
  out += "<section id=\"cucm\">\n<h2>What the CUCM said</h2>\n";
  if (const auto& a = c.view.axl) {
    out += "<h3>AXL preflight</h3>\n<table class=\"run\">\n";
    metadata_row(out, "Asked", fmt::format("{} {} at {}", a->operation, a->user, a->url));
    if (!a->exists) {
      out += "<tr><th>User exists</th><td class=\"hot\">no: the CUCM has no such user, so every "
             "authentication fails</td></tr>\n</table>\n";
      if (c.view.risport) write_risport_lookup(out, *c.view.risport, page.options.phones_per_section);
      out += "</section>\n";
      return;
    }
    metadata_row(out, "User exists", "yes");
    out += "<tr><th>Groups</th><td>";
    if (a->groups.empty()) out += "none";
    name_list(out, a->groups);
    out += "</td></tr>\n";
    if (a->missing_groups.empty()) {
      metadata_row(out, "Missing CTI groups", "none");
    } else {
      out += "<tr><th>Missing CTI groups</th><td class=\"hot\">";
      name_list(out, a->missing_groups);
      out += " (root cause <a href=\"#cause-missing_roles\">missing_roles</a>)</td></tr>\n";
    }
    metadata_row(out, "Controlled devices", grouped(static_cast<std::int64_t>(a->controlled.size())));
    out += "</table>\n";
    if (c.not_controlled == 0) {
      out += "<p class=\"ok\">Every phone of the run with a device name is among the user's controlled "
             "devices.</p>\n";
    } else {
      out += fmt::format("<p><strong class=\"bad\">{} not controlled by {}</strong>: AXL's controlled "
                         "devices lack them (root cause <a href=\"#cause-not_associated\">not_associated"
                         "</a> where authentication failed).</p>\n",
                         plural(c.not_controlled, "phone", "phones"), html_escape(a->user));
      out += fmt::format("<details class=\"phones\" id=\"not-controlled\"><summary>Phones not controlled ({})"
                         "</summary>\n",
                         grouped(c.not_controlled));
      phone_table_head(out, true);
      out += c.rows;
      out += "</tbody></table>\n";
      if (static_cast<std::int64_t>(c.shown) < c.not_controlled)
        out += fmt::format("<p class=\"note\">Showing the first {} of {}.</p>\n",
                           grouped(static_cast<std::int64_t>(c.shown)), grouped(c.not_controlled));
      out += "</details>\n";
    }
    if (c.unnamed > 0)
      out += fmt::format("<p class=\"note\">{} without a device name: their association was not "
                         "checked.</p>\n",
                         plural(c.unnamed, "phone", "phones"));
  }
  if (const auto& d = c.view.discovery) {
    out += "<h3>Inventory from the CUCM</h3>\n<table class=\"run\">\n";
    metadata_row(out, "Asked",
                 fmt::format("AXL listPhone (name like {}) and RisPort70 at {}", d->name_pattern, d->url));
    metadata_row(out, "Phones listed", grouped(static_cast<std::int64_t>(d->phones)));
    metadata_row(out, "Not registered", grouped(static_cast<std::int64_t>(d->unregistered)));
    metadata_row(out, "Web server off", grouped(static_cast<std::int64_t>(d->web_disabled)));
    out += "</table>\n";
    if (!d->without_address.empty()) {
      out += fmt::format("<p class=\"note\">{} without an address in RisPort (never registered?) "
                         "could not be scanned: ",
                         plural(static_cast<std::int64_t>(d->without_address.size()), "phone", "phones"));
      capped_names(out, d->without_address, page.options.phones_per_section);
      out += "</p>\n";
    }
  }
  if (c.view.risport) write_risport_lookup(out, *c.view.risport, page.options.phones_per_section);
  out += "</section>\n";
}

void write_toc(std::string& out, const Page& page) {
  out += "<nav class=\"toc no-print\"><strong>Contents:</strong> ";
  out += "<a href=\"#causes\">Root causes</a>";
  out += page.change ? fmt::format("\n<a href=\"#change\">Change since run {}</a>", page.change->against.id)
                     : std::string("\n<a href=\"#change\">Change</a>");
  for (const auto cause : by_count(page, false))
    out += fmt::format("\n<a href=\"#cause-{0}\">{0} ({1})</a>", diagnosis::to_string(cause),
                       grouped(page.sections[index(cause)].phones));
  if (page.cucm.unreadable || page.cucm.view.axl || page.cucm.view.discovery || page.cucm.view.risport)
    out += "\n<a href=\"#cucm\">What the CUCM said</a>";
  out += "\n<a href=\"#clusters\">Where failures cluster</a>\n<a href=\"#by-site\">By site</a>"
         "\n<a href=\"#by-model\">By model</a>\n<a href=\"#by-firmware\">By firmware</a>"
         "\n<a href=\"#phones\">All phones</a>\n<a href=\"#run\">The run</a></nav>\n";
}

// Failing causes only, scaled to the largest of them: next to a large `ok` bar the failures that
// matter would shrink to slivers (ok is the headline's split bar). HTML, not SVG: a scaled SVG's
// labels shrink with a narrow screen, text in a list wraps and stays legible.
void write_chart(std::string& out, const Page& page) {
  out += "<section id=\"causes\">\n<h2>Failing phones by root cause</h2>\n";
  const auto causes = by_count(page, false);
  if (causes.empty()) {
    out += total_phones(page) == 0 ? "<p class=\"note\">No phones recorded in this run.</p>\n"
                                   : "<p class=\"ok\">No phone failed.</p>\n";
    out += "</section>\n";
    return;
  }
  const auto total = total_phones(page);
  const auto most = page.sections[index(causes.front())].phones;
  out += "<ol class=\"chart\" aria-label=\"Failing phones per root cause\">\n";
  for (const auto cause : causes) {
    const auto count = page.sections[index(cause)].phones;
    const std::string_view code = diagnosis::to_string(cause);
    out += fmt::format("<li class=\"cause-{0}\"><a class=\"label\" href=\"#cause-{0}\">", code);
    esc(out, guide(cause).title);
    out += fmt::format(" <span class=\"code\">{}</span></a>", code);
    out += fmt::format("<span class=\"bar\"><span style=\"width:{:.1f}%\"></span></span>"
                       "<span class=\"count\">{} · {}</span>",
                       std::max(0.5, share(count, most)), grouped(count), percent(count, total));
    out += "<span class=\"todo\">";
    esc(out, guide(cause).action);
    out += "</span></li>\n";
  }
  out += "</ol>\n</section>\n";
}

void findings(std::string& out, std::string_view what, const std::map<std::string_view, std::int64_t>& counts) {
  out += what;
  bool first = true;
  for (const auto& [code, count] : counts) {
    out += first ? " " : ", ";
    first = false;
    esc(out, code);
    out += fmt::format(" ({})", grouped(count));
  }
}

void write_sections(std::string& out, const Page& page) {
  const auto causes = by_count(page, false);
  if (causes.empty()) {
    out += "<h2>Root causes</h2>\n<p class=\"ok\">Every phone recorded in this run works.</p>\n";
    return;
  }
  const auto total = total_phones(page);
  for (const auto cause : causes) {
    const auto& section = page.sections[index(cause)];
    const auto& g = guide(cause);
    const std::string_view code = diagnosis::to_string(cause);
    out += fmt::format("<section id=\"cause-{}\" class=\"cause\">\n<h2>", code);
    esc(out, g.title);
    out += fmt::format(" <span class=\"code\">{}</span> — {} <span class=\"share\">({} of all "
                       "phones)</span></h2>\n",
                       code, plural(section.phones, "phone", "phones"), percent(section.phones, total));
    out += "<p><strong>What it means:</strong> ";
    esc(out, g.meaning);
    out += "</p>\n<p><strong>Evidence:</strong> ";
    esc(out, g.evidence);
    out += "</p>\n<p class=\"note\">";
    findings(out, "On these phones the CUCM said:", section.cucm);
    findings(out, " · ITL state:", section.itl);
    out += ".</p>\n<h3>What to do</h3>\n<ol>\n";
    for (const auto step : g.steps) {
      out += "<li>";
      step_text(out, step);
      out += "</li>\n";
    }
    out += "</ol>\n<details class=\"phones\"><summary>";
    out += fmt::format("Affected phones ({})", grouped(section.phones));
    out += "</summary>\n";
    phone_table_head(out, false);
    out += section.rows;
    out += "</tbody></table>\n";
    if (static_cast<std::int64_t>(section.shown) < section.phones)
      out += fmt::format("<p class=\"note\">Showing the first {} of {} phones (by site, then "
                         "address); the phone table below and the CSV report list them all.</p>\n",
                         grouped(static_cast<std::int64_t>(section.shown)), grouped(section.phones));
    out += "</details>\n";
    out += fmt::format("<p class=\"no-print actions\"><button class=\"show-in-table\" type=\"button\" "
                       "data-cause=\"{0}\">Show all {1} in the phone table</button> "
                       "<button type=\"button\" data-cause=\"{0}\" data-action=\"copy\">Copy device names</button> "
                       "<button type=\"button\" data-cause=\"{0}\" data-action=\"csv\">Download CSV</button></p>\n",
                       index(cause), grouped(section.phones));
    out += "</section>\n";
  }
}

// The group holding the most phones of `cause`, and how many.
std::pair<const std::string*, std::int64_t> top_group(const Breakdown& breakdown, RootCause cause) {
  std::pair<const std::string*, std::int64_t> top{nullptr, 0};
  for (const auto& [name, counts] : breakdown)
    if (counts.count(cause) > top.second) top = {&name, counts.count(cause)};
  return top;
}

// "all 212 auth_url_dns phones are at site LON-2": a cause mostly at one site, model or firmware
// usually has one cause there (a device pool, a firmware bug), and one fix.
void write_clusters(std::string& out, const Page& page) {
  out += "<h2 id=\"clusters\">Where failures cluster</h2>\n";
  std::string items;
  for (const auto cause : by_count(page, false)) {
    const auto phones = page.sections[index(cause)].phones;
    if (phones < 3) continue;
    const std::string_view code = diagnosis::to_string(cause);
    for (const auto& [breakdown, what] : {std::pair<const Breakdown*, std::string_view>{&page.sites, "site"},
                                          {&page.models, "model"},
                                          {&page.firmware, "firmware"}}) {
      const auto [name, count] = top_group(*breakdown, cause);
      if (name == nullptr || name->empty() || 2 * count <= phones) continue;
      // A group that is simply large holds most of every cause; a cluster is a group where the
      // cause is at least twice as common as in the whole estate.
      const auto& there = breakdown->at(*name);
      if (share(count, there.phones) < 2 * share(phones, total_phones(page))) continue;
      items += "<li>";
      if (count == phones)
        items += fmt::format("<strong>all {} <a href=\"#cause-{}\">{}</a> phones</strong> are ", grouped(phones), code,
                             code);
      else
        items += fmt::format("<strong>{} of the {} <a href=\"#cause-{}\">{}</a> phones ({})</strong> are ",
                             grouped(count), grouped(phones), code, code, percent(count, phones));
      items += what == "site" ? "at site " : what == "model" ? "of model " : "on firmware ";
      items += "<strong>";
      esc(items, *name);
      items += "</strong>";
      items += fmt::format(" <span class=\"share\">({} of the {} phones there)</span></li>\n",
                           percent(count, there.phones), grouped(there.phones));
    }
  }
  if (items.empty()) out += "<p class=\"note\">No root cause is concentrated at one site, model or firmware.</p>\n";
  else out += "<ul class=\"clusters\">\n" + items + "</ul>\n";
}

void write_breakdown(std::string& out, std::string_view id, std::string_view title, std::string_view group,
                     std::string_view unknown, const Breakdown& breakdown, const Page& page) {
  std::vector<std::size_t> columns; // failing causes present in the run, troubleshooting order
  for (std::size_t i = 1; i < cause_count; ++i)
    if (page.sections[i].phones > 0) columns.push_back(i);
  std::vector<const Breakdown::value_type*> rows;
  for (const auto& entry : breakdown) rows.push_back(&entry);
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto* a, const auto* b) { return a->second.failing() > b->second.failing(); });

  out += fmt::format("<h2 id=\"{}\">", id);
  esc(out, title);
  out += "</h2>\n<details open><summary>";
  out += plural(static_cast<std::int64_t>(rows.size()), group, std::string(group) + "s");
  out += ", most failing phones first; highlighted: where most of a root cause's phones are</summary>\n"
         "<div class=\"scroll\"><table class=\"breakdown\"><thead><tr><th>";
  esc(out, group);
  out += "</th><th class=\"n\">Phones</th><th class=\"n\">ok</th><th class=\"n\">Failing</th>";
  for (const auto i : columns) {
    // Break long codes after their underscores: fourteen columns must fit a printed page.
    std::string code(diagnosis::to_string(cause_at(i)));
    for (std::size_t at = code.find('_'); at != std::string::npos; at = code.find('_', at + 6))
      code.replace(at, 1, "_<wbr>");
    out += fmt::format("<th class=\"n\">{}</th>", code);
  }
  out += "</tr></thead>\n<tbody>\n";
  std::size_t shown = 0;
  for (const auto* entry : rows) {
    if (shown++ == page.options.breakdown_rows) break;
    const auto& [name, counts] = *entry;
    out += "<tr>";
    if (name.empty()) {
      out += "<td class=\"note\">";
      esc(out, unknown);
      out += "</td>";
    } else {
      cell(out, name);
    }
    number_cell(out, counts.phones);
    number_cell(out, counts.count(RootCause::ok));
    number_cell(out, counts.failing());
    for (const auto i : columns) {
      const auto count = counts.by_cause[i];
      number_cell(out, count, true, count >= 3 && 2 * count > page.sections[i].phones);
    }
    out += "</tr>\n";
  }
  out += "</tbody></table></div>\n";
  if (rows.size() > page.options.breakdown_rows)
    out += fmt::format("<p class=\"note\">{} more not shown (those with the fewest failing "
                       "phones).</p>\n",
                       rows.size() - page.options.breakdown_rows);
  out += "</details>\n";
}

std::int64_t count_of(const storage::RunSummary& run, RootCause cause) {
  const auto found = run.counts_by_cause.find(cause);
  return found == run.counts_by_cause.end() ? 0 : found->second;
}

// A sparkline of one cause's phones over the trend runs; the title lists the values.
void sparkline(std::string& out, const std::vector<storage::RunSummary>& trend, RootCause cause) {
  constexpr int width = 120, height = 22, pad = 3;
  std::int64_t most = 1;
  for (const auto& r : trend) most = std::max(most, count_of(r, cause));
  const auto step = static_cast<double>(width - 2 * pad) / static_cast<double>(trend.size() - 1);
  std::string points, title;
  double x = pad, y = 0;
  for (std::size_t i = 0; i < trend.size(); ++i) {
    const auto value = count_of(trend[i], cause);
    x = pad + step * static_cast<double>(i);
    y = height - pad - static_cast<double>(height - 2 * pad) * static_cast<double>(value) / static_cast<double>(most);
    points += fmt::format("{}{:.1f},{:.1f}", i ? " " : "", x, y);
    title += fmt::format("{}run {}: {}", i ? ", " : "", trend[i].id, grouped(value));
  }
  out += fmt::format("<td><svg class=\"spark\" viewBox=\"0 0 {0} {1}\" width=\"{0}\" height=\"{1}\" "
                     "role=\"img\"><title>{2}</title><polyline points=\"{3}\"/>"
                     "<circle cx=\"{4:.1f}\" cy=\"{5:.1f}\" r=\"2.5\"/></svg></td>",
                     width, height, title, points, x, y);
}

void write_change(std::string& out, const Page& page) {
  out += "<section id=\"change\">\n";
  if (!page.change) {
    out += "<h2>Change since the previous run</h2>\n<p class=\"note\">No earlier completed run to "
           "compare with.</p>\n</section>\n";
    return;
  }
  const Comparison& change = *page.change;
  const auto& against = change.against;
  out += fmt::format("<h2>Change since run {}</h2>\n<p>Run {} started ", against.id, against.id);
  esc(out, readable_time(against.started_at));
  out += fmt::format(" ({}, {} recorded).</p>\n", storage::code(against.status),
                     plural(against.recorded, "phone", "phones"));
  std::int64_t newly = 0, still = 0, fixed = 0;
  for (std::size_t i = 0; i < cause_count; ++i) {
    newly += change.newly_failing[i];
    still += change.still_failing[i];
    fixed += change.fixed[i];
  }
  out += fmt::format("<p class=\"headline\"><strong class=\"bad\">{} newly failing</strong> · "
                     "<strong class=\"ok\">{} fixed</strong> · {} still failing</p>\n",
                     grouped(newly), grouped(fixed), grouped(still));
  const bool trend = page.trend.size() >= 2;
  out += "<table class=\"change\"><thead><tr><th>Root cause</th><th class=\"n\">Before</th>"
         "<th class=\"n\">Now</th><th class=\"n\">Newly failing</th><th class=\"n\">Still failing"
         "</th><th class=\"n\">of which cause changed</th><th class=\"n\">Fixed</th>";
  if (trend) out += fmt::format("<th>Trend, runs {}–{}</th>", page.trend.front().id, page.trend.back().id);
  out += "</tr></thead>\n<tbody>\n";
  for (std::size_t i = 1; i < cause_count; ++i) {
    const auto cause = cause_at(i);
    const auto before = count_of(against, cause);
    const auto now = page.sections[i].phones;
    if (before == 0 && now == 0) continue;
    out += fmt::format("<tr class=\"cause-{}\">", diagnosis::to_string(cause));
    cell(out, diagnosis::to_string(cause));
    number_cell(out, before);
    number_cell(out, now);
    number_cell(out, change.newly_failing[i]);
    number_cell(out, change.still_failing[i]);
    number_cell(out, change.cause_changed[i]);
    number_cell(out, change.fixed[i]);
    if (trend) sparkline(out, page.trend, cause);
    out += "</tr>\n";
  }
  out += "</tbody></table>\n";
  const auto gone = static_cast<std::int64_t>(change.before.size()) - change.matched;
  if (change.matched == 0 && !change.before.empty())
    out += fmt::format("<p class=\"note\">No phone of run {} is in this run (other addresses or "
                       "ports): there is nothing to compare phone by phone.</p>\n",
                       against.id);
  else if (change.new_phones > 0 || gone > 0)
    out += fmt::format("<p class=\"note\">{} in this run only (not compared); {} of run {} not in "
                       "this run.</p>\n",
                       plural(change.new_phones, "phone", "phones"), grouped(gone), against.id);
  if (change.newly_total > 0) {
    out += fmt::format("<details class=\"phones\"><summary>Newly failing phones ({})</summary>\n",
                       grouped(change.newly_total));
    phone_table_head(out, true);
    out += change.newly_rows;
    out += "</tbody></table>\n";
    if (static_cast<std::int64_t>(change.newly_shown) < change.newly_total)
      out += fmt::format("<p class=\"note\">Showing the first {} of {}.</p>\n",
                         grouped(static_cast<std::int64_t>(change.newly_shown)), grouped(change.newly_total));
    out += "</details>\n";
  }
  out += "</section>\n";
}

void write_phone_table(std::string& out, const Page& page) {
  out += fmt::format("<section id=\"phones\">\n<h2>All phones</h2>\n"
                     "<p class=\"note\">{} in the run. The table shows 100 at a time; choose a root cause, site or "
                     "model, or type part of a name, address, description or detail; click a heading to sort. The "
                     "address opens the phone's web page; the page's link keeps the filters. The CSV report has every "
                     "column.</p>\n"
                     "<div class=\"controls no-print\">"
                     "<label>Root cause <select id=\"f-cause\"><option value=\"failing\" selected>all failing</option>"
                     "<option value=\"\">all phones</option></select></label>"
                     "<label>Site <select id=\"f-site\"><option value=\"\">all sites</option></select></label>"
                     "<label>Model <select id=\"f-model\"><option value=\"\">all models</option></select></label>"
                     "<input id=\"f-text\" type=\"search\" placeholder=\"Search name, address, description, detail…\" "
                     "aria-label=\"Search phones\"></div>\n"
                     "<p id=\"phone-status\" class=\"note\"></p>\n"
                     "<noscript><p class=\"note\">The phone table needs JavaScript; the sections above list the "
                     "failing phones, the CSV report every phone.</p></noscript>\n"
                     "<table class=\"phones\" id=\"phone-table\"><thead><tr><th>Device</th><th>Address</th>"
                     "<th>Root cause</th><th>Site</th><th>Model</th><th>Firmware</th><th>Description</th>"
                     "<th>Detail</th></tr></thead>\n<tbody></tbody></table>\n"
                     "<div class=\"pager no-print\"><button id=\"phone-prev\" type=\"button\">‹ Previous</button>"
                     "<span id=\"phone-page\"></span><button id=\"phone-next\" type=\"button\">Next ›</button></div>\n",
                     plural(total_phones(page), "phone", "phones"));
  out += "<script type=\"application/json\" id=\"phone-data\">{\"causes\":[";
  for (std::size_t i = 0; i < cause_count; ++i) {
    if (i > 0) out += ',';
    script_json(out, diagnosis::to_string(cause_at(i)));
  }
  out += "],\n\"sites\":";
  page.site_names.write_json(out);
  out += ",\n\"models\":";
  page.model_names.write_json(out);
  out += ",\n\"firmware\":";
  page.firmware_names.write_json(out);
  out += ",\n\"details\":";
  page.details.write_json(out);
  out += ",\n\"phones\":[\n";
  out += page.phone_json;
  out += "]}</script>\n</section>\n";
}

storage::Error no_run(const storage::Database& db, std::int64_t id) {
  return storage::Error(fmt::format("database {}: no run {}", db.path(), id));
}

} // namespace

HtmlReport::HtmlReport(storage::Database& db, std::int64_t run, std::optional<std::int64_t> against,
                       const HtmlOptions& options)
    : page_(std::make_unique<Page>()) {
  Page& page = *page_;
  page.options = options;
  auto summary = db.run(run);
  if (!summary) throw no_run(db, run);
  page.run = std::move(*summary);
  if (auto view = storage::decode_cucm_view(page.run.cucm_json)) {
    page.cucm.view = std::move(*view);
    if (page.cucm.view.axl)
      page.cucm.controlled.insert(page.cucm.view.axl->controlled.begin(), page.cucm.view.axl->controlled.end());
  } else {
    page.cucm.unreadable = true;
  }
  if (storage::whole_estate(page.run.kind))
    if (const auto recheck = db.latest_recheck_after(run)) {
      page.recheck.emplace();
      page.recheck->run = *db.run(*recheck);
      page.recheck->causes = db.causes_by_address(*recheck);
      page.recheck->mark = fmt::format("fixed in re-check run {} · ", *recheck);
    }
  if (!against) against = db.previous_whole_run_id(run);
  if (against) {
    auto earlier = db.run(*against);
    if (!earlier) throw no_run(db, *against);
    page.change.emplace();
    page.change->against = std::move(*earlier);
    page.change->before = db.causes_by_address(*against);
  }
  // The trend: completed runs before this one (a failed run's partial counts would read as a dip),
  // then this run.
  if (options.trend_runs >= 2) {
    for (auto& r : db.runs())
      if (r.id < run && r.status == storage::RunStatus::completed && storage::whole_estate(r.kind))
        page.trend.push_back(std::move(r));
    if (page.trend.size() > options.trend_runs - 1)
      page.trend.erase(page.trend.begin(), page.trend.end() - static_cast<std::ptrdiff_t>(options.trend_runs - 1));
    if (page.trend.empty()) return;
    page.trend.push_back(page.run);
  }
}

HtmlReport::HtmlReport(HtmlReport&&) noexcept = default;
HtmlReport& HtmlReport::operator=(HtmlReport&&) noexcept = default;
HtmlReport::~HtmlReport() = default;

void HtmlReport::add(const storage::PhoneRecord& record, const Row& row) { add_record(*page_, record, row); }

void HtmlReport::write(std::ostream& out) const {
  const Page& page = *page_;
  // Built in one string and written once; the section lists are capped and the phone table's rows
  // are a compact JSON array (about 80 bytes a phone).
  std::string html;
  html.reserve(page.phone_json.size() + 2'000'000);
  // The answer first: how many fail, why and what to do, what changed; then each cause, the
  // CUCM's own view, where failures cluster, every phone, and the run's details.
  write_head(html, page);
  write_headline(html, page);
  write_chart(html, page);
  write_change(html, page);
  write_toc(html, page);
  write_sections(html, page);
  write_cucm(html, page);
  write_clusters(html, page);
  write_breakdown(html, "by-site", "Root causes by site", "site", "(no site)", page.sites, page);
  write_breakdown(html, "by-model", "Root causes by model", "model", "(unknown model)", page.models, page);
  write_breakdown(html, "by-firmware", "Root causes by firmware", "firmware", "(unknown firmware)", page.firmware,
                  page);
  write_phone_table(html, page);
  write_metadata(html, page.run);
  html += script;
  html += "\n</body>\n</html>\n";
  out << html;
}

void write_html(std::ostream& out, storage::Database& db, std::int64_t run, std::optional<std::int64_t> against,
                const HtmlOptions& options) {
  HtmlReport report(db, run, against, options);
  db.for_each_record(run, [&](const storage::PhoneRecord& record) { report.add(record, make_row(record)); });
  report.write(out);
}

} // namespace report
