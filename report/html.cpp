#include <report/html.hpp>

#include <report/breakdown.hpp>
#include <report/html_escape.hpp>
#include <report/remedies.hpp>
#include <report/row.hpp>
#include <storage/timestamp.hpp>

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <array>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace report {
namespace {

using scanner::RootCause;
constexpr auto cause_count = static_cast<std::size_t>(scanner::root_cause_count);

std::size_t index(RootCause cause) { return static_cast<std::size_t>(cause); }
RootCause cause_at(std::size_t i) { return static_cast<RootCause>(i); }

constexpr std::string_view style = R"(<style>
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; max-width: 80em; }
h1 { margin-bottom: 0.2em; }
h2 { margin-top: 1.6em; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; margin: 0.5em 0 1em; }
th, td { border: 1px solid #ccc; padding: 0.2em 0.5em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.code { font-family: ui-monospace, monospace; font-size: 0.85em; color: #555; }
.headline { font-size: 1.4em; }
.ok { color: #176117; }
.bad { color: #9b1c1c; }
.note { color: #555; font-style: italic; }
svg .bar { fill: #c0392b; } svg .bar.ok { fill: #2e8b57; }
svg text { font: 12px system-ui, sans-serif; fill: #222; }
summary { cursor: pointer; font-weight: 600; }
#filter { font-size: 1em; padding: 0.3em; width: 24em; }
@media print {
  .no-print { display: none; }
  body { margin: 0; max-width: none; }
  h2 { break-after: avoid; }
  tr { break-inside: avoid; }
}
</style>)";

// Filters the phone tables as the user types, and opens every <details> before printing so that
// the printout holds what the screen hides.
constexpr std::string_view script = R"(<script>
(function () {
  var filter = document.getElementById('filter');
  filter.addEventListener('input', function () {
    var q = filter.value.toLowerCase();
    document.querySelectorAll('table.phones tbody tr').forEach(function (tr) {
      tr.hidden = q !== '' && tr.textContent.toLowerCase().indexOf(q) === -1;
    });
    if (q !== '') document.querySelectorAll('details.phones').forEach(function (d) { d.open = true; });
  });
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details').forEach(function (d) { d.open = true; });
  });
})();
</script>)";

void esc(std::string& out, std::string_view text) { append_html_escaped(out, text); }

void cell(std::string& out, std::string_view text) {
  out += "<td>";
  esc(out, text);
  out += "</td>";
}

void number_cell(std::string& out, std::int64_t value, bool blank_zero = false) {
  out += "<td class=\"n\">";
  if (!(blank_zero && value == 0)) out += std::to_string(value);
  out += "</td>";
}

std::string percent(std::int64_t part, std::int64_t whole) {
  return whole > 0 ? fmt::format("{:.1f} %", 100.0 * static_cast<double>(part) / static_cast<double>(whole))
                   : std::string("—");
}

std::string plural(std::int64_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

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

// Options a run was started with, minus anything named like a secret: options_json must never hold
// one (DESIGN.md), and the report must not be the place where a mistake there leaks out.
bool secret_like(std::string_view key) {
  std::string lower(key);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const std::string_view word : {"pass", "secret", "token", "credential", "key", "auth_header"})
    if (lower.find(word) != std::string::npos) return true;
  return false;
}

std::vector<std::pair<std::string, std::string>> shown_options(const std::string& json) {
  std::vector<std::pair<std::string, std::string>> options;
  simdjson::dom::parser parser;
  simdjson::dom::object object;
  if (parser.parse(json).get_object().get(object)) return options;
  for (const auto field : object) {
    if (secret_like(field.key)) continue;
    std::string value;
    std::string_view text;
    if (!field.value.get_string().get(text))
      value = text;
    else
      value = simdjson::minify(field.value);
    if (value.empty()) continue;
    if (field.key == "auth_rate" && value == "0") value = "0 (unlimited)";
    std::string key(field.key);
    options.emplace_back(std::move(key), std::move(value));
  }
  return options;
}

std::string duration(const storage::RunSummary& run) {
  const auto start = storage::parse_utc_timestamp(run.started_at);
  const auto end = storage::parse_utc_timestamp(run.finished_at);
  if (!start || !end) return "—";
  const auto total = std::max<long long>(0, (*end - *start).count());
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
  std::unordered_map<std::string, RootCause> before; // address -> cause in `against`
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

struct Page {
  storage::RunSummary run;
  std::array<Section, cause_count> sections;
  Breakdown sites;
  Breakdown models;
  std::optional<Comparison> change;
};

void phone_row(std::string& out, const Row& row, bool with_cause) {
  out += "<tr>";
  cell(out, row.device_name);
  cell(out, row.address);
  cell(out, row.model);
  cell(out, row.site);
  if (with_cause) cell(out, row.root_cause);
  cell(out, row.firmware);
  cell(out, row.description);
  cell(out, row.detail);
  out += "</tr>\n";
}

void phone_table_head(std::string& out, bool with_cause) {
  out += "<table class=\"phones\"><thead><tr><th>Device</th><th>Address</th><th>Model</th>"
         "<th>Site</th>";
  if (with_cause) out += "<th>Root cause</th>";
  out += "<th>Firmware</th><th>Description</th><th>Detail</th></tr></thead>\n<tbody>\n";
}

void gather(Page& page, storage::Database& db, std::int64_t run, const HtmlOptions& options) {
  db.for_each_record(run, [&](const storage::PhoneRecord& record) {
    const Row row = make_row(record);
    const RootCause cause = record.outcome.cause;
    Section& section = page.sections[index(cause)];
    ++section.phones;
    if (cause != RootCause::ok && section.shown < options.phones_per_section) {
      phone_row(section.rows, row, false);
      ++section.shown;
    }
    ++section.cucm[scanner::to_string(record.evidence.cucm)];
    ++section.itl[scanner::to_string(record.evidence.itl)];
    page.sites[row.site].add(cause);
    page.models[row.model].add(cause);

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
      if (change.newly_shown < options.phones_per_section) {
        phone_row(change.newly_rows, row, true);
        ++change.newly_shown;
      }
    } else {
      ++change.still_failing[index(cause)];
      if (before != cause) ++change.cause_changed[index(cause)];
    }
  });
}

void write_head(std::string& out, const Page& page) {
  const std::string title = fmt::format("phonesweep report — run {}", page.run.id);
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  esc(out, title);
  out += "</title>\n";
  out += style;
  out += "\n</head>\n<body>\n<h1>";
  esc(out, title);
  out += "</h1>\n<p class=\"no-print\"><input id=\"filter\" type=\"search\" "
         "placeholder=\"Filter phones (name, address, site, detail…)\"></p>\n";
}

void metadata_row(std::string& out, std::string_view name, std::string_view value) {
  out += "<tr><th>";
  esc(out, name);
  out += "</th>";
  cell(out, value);
  out += "</tr>\n";
}

void write_metadata(std::string& out, const storage::RunSummary& run) {
  out += "<table class=\"run\">\n";
  metadata_row(out, "Started (UTC)", run.started_at);
  metadata_row(out, "Finished (UTC)", run.finished_at.empty() ? "—" : run.finished_at);
  metadata_row(out, "Duration", duration(run));
  metadata_row(out, "Status", storage::code(run.status));
  metadata_row(out, "Phones recorded", std::to_string(run.recorded));
  if (run.phone_count > 0) metadata_row(out, "Phones planned", std::to_string(run.phone_count));
  metadata_row(out, "phonesweep version", run.tool_version);
  for (const auto& [key, value] : shown_options(run.options_json)) metadata_row(out, key, value);
  out += "</table>\n";
}

void write_headline(std::string& out, const Page& page) {
  const auto total = page.run.recorded;
  const auto ok = page.sections[index(RootCause::ok)].phones;
  out += fmt::format("<p class=\"headline\"><strong class=\"ok\">{} ok</strong> · "
                     "<strong class=\"bad\">{} failing</strong> of {} ({} ok)</p>\n",
                     ok, total - ok, plural(total, "phone", "phones"), percent(ok, total));
}

// Causes with phones, most phones first; ties in troubleshooting order.
std::vector<RootCause> by_count(const Page& page, bool with_ok) {
  std::vector<RootCause> causes;
  for (std::size_t i = 0; i < cause_count; ++i)
    if (page.sections[i].phones > 0 && (with_ok || cause_at(i) != RootCause::ok))
      causes.push_back(cause_at(i));
  std::stable_sort(causes.begin(), causes.end(), [&](RootCause a, RootCause b) {
    return page.sections[index(a)].phones > page.sections[index(b)].phones;
  });
  return causes;
}

void write_chart(std::string& out, const Page& page) {
  const auto causes = by_count(page, true);
  if (causes.empty()) {
    out += "<p class=\"note\">No phones recorded in this run.</p>\n";
    return;
  }
  constexpr int label_width = 150, bar_width = 520, row_height = 24, width = 760;
  const auto most = page.sections[index(causes.front())].phones;
  const int height = static_cast<int>(causes.size()) * row_height + 8;
  out += fmt::format("<svg viewBox=\"0 0 {0} {1}\" "
                     "width=\"{0}\" height=\"{1}\" role=\"img\" "
                     "aria-label=\"Phones per root cause\">\n",
                     width, height);
  int y = 4;
  for (const auto cause : causes) {
    const auto count = page.sections[index(cause)].phones;
    const int bar = std::max(1, static_cast<int>(static_cast<double>(bar_width) *
                                                 static_cast<double>(count) / static_cast<double>(most)));
    const std::string_view code = scanner::to_string(cause);
    const bool ok = cause == RootCause::ok;
    out += ok ? "<g>" : fmt::format("<a href=\"#cause-{}\">", code);
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>", label_width - 6,
                       y + 15, code);
    out += fmt::format("<rect class=\"bar{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"18\"/>",
                       ok ? " ok" : "", label_width, y + 2, bar);
    out += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>", label_width + bar + 6, y + 15, count);
    out += ok ? "</g>\n" : "</a>\n";
    y += row_height;
  }
  out += "</svg>\n";
}

void findings(std::string& out, std::string_view what, const std::map<std::string_view, std::int64_t>& counts) {
  out += what;
  bool first = true;
  for (const auto& [code, count] : counts) {
    out += first ? " " : ", ";
    first = false;
    esc(out, code);
    out += fmt::format(" {}", count);
  }
}

void write_sections(std::string& out, const Page& page) {
  const auto causes = by_count(page, false);
  if (causes.empty()) {
    out += "<h2>Root causes</h2>\n<p class=\"ok\">Every phone recorded in this run works.</p>\n";
    return;
  }
  for (const auto cause : causes) {
    const auto& section = page.sections[index(cause)];
    const auto& g = guide(cause);
    const std::string_view code = scanner::to_string(cause);
    out += fmt::format("<section id=\"cause-{}\" class=\"cause\">\n<h2>", code);
    esc(out, g.title);
    out += fmt::format(" <span class=\"code\">{}</span> — {}</h2>\n", code,
                       plural(section.phones, "phone", "phones"));
    out += "<p><strong>What it means:</strong> ";
    esc(out, g.meaning);
    out += "</p>\n<p><strong>Evidence:</strong> ";
    esc(out, g.evidence);
    out += "</p>\n<p class=\"note\">";
    findings(out, "On these phones, the CUCM said:", section.cucm);
    findings(out, "; ITL state:", section.itl);
    out += ".</p>\n<h3>What to do</h3>\n<ol>\n";
    for (const auto step : g.steps) {
      out += "<li>";
      step_text(out, step);
      out += "</li>\n";
    }
    out += "</ol>\n<details class=\"phones\"><summary>";
    out += fmt::format("Affected phones ({})", section.phones);
    out += "</summary>\n";
    phone_table_head(out, false);
    out += section.rows;
    out += "</tbody></table>\n";
    if (static_cast<std::int64_t>(section.shown) < section.phones)
      out += fmt::format("<p class=\"note\">Showing the first {} of {} phones (by site, then "
                         "address); the CSV report lists them all.</p>\n",
                         section.shown, section.phones);
    out += "</details>\n</section>\n";
  }
}

void write_breakdown(std::string& out, std::string_view title, std::string_view group,
                     std::string_view unknown, const Breakdown& breakdown, const Page& page,
                     const HtmlOptions& options) {
  std::vector<std::size_t> columns; // failing causes present in the run, troubleshooting order
  for (std::size_t i = 1; i < cause_count; ++i)
    if (page.sections[i].phones > 0) columns.push_back(i);
  std::vector<const Breakdown::value_type*> rows;
  for (const auto& entry : breakdown) rows.push_back(&entry);
  std::stable_sort(rows.begin(), rows.end(), [](const auto* a, const auto* b) {
    return a->second.failing() > b->second.failing();
  });

  out += "<h2>";
  esc(out, title);
  out += "</h2>\n<details open><summary>";
  out += plural(static_cast<std::int64_t>(rows.size()), group, std::string(group) + "s");
  out += ", most failing phones first</summary>\n<table class=\"breakdown\"><thead><tr><th>";
  esc(out, group);
  out += "</th><th class=\"n\">Phones</th><th class=\"n\">ok</th><th class=\"n\">Failing</th>";
  for (const auto i : columns) out += fmt::format("<th class=\"n\">{}</th>", scanner::to_string(cause_at(i)));
  out += "</tr></thead>\n<tbody>\n";
  std::size_t shown = 0;
  for (const auto* entry : rows) {
    if (shown++ == options.breakdown_rows) break;
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
    for (const auto i : columns) number_cell(out, counts.by_cause[i], true);
    out += "</tr>\n";
  }
  out += "</tbody></table>\n";
  if (rows.size() > options.breakdown_rows)
    out += fmt::format("<p class=\"note\">{} more not shown (those with the fewest failing "
                       "phones).</p>\n",
                       rows.size() - options.breakdown_rows);
  out += "</details>\n";
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
  esc(out, against.started_at);
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
                     newly, fixed, still);
  out += "<table class=\"change\"><thead><tr><th>Root cause</th><th class=\"n\">Before</th>"
         "<th class=\"n\">Now</th><th class=\"n\">Newly failing</th><th class=\"n\">Still failing"
         "</th><th class=\"n\">of which cause changed</th><th class=\"n\">Fixed</th></tr></thead>\n"
         "<tbody>\n";
  for (std::size_t i = 1; i < cause_count; ++i) {
    const auto cause = cause_at(i);
    const auto before_it = against.counts_by_cause.find(cause);
    const auto before = before_it == against.counts_by_cause.end() ? 0 : before_it->second;
    const auto now = page.sections[i].phones;
    if (before == 0 && now == 0) continue;
    out += fmt::format("<tr class=\"cause-{}\">", scanner::to_string(cause));
    cell(out, scanner::to_string(cause));
    number_cell(out, before);
    number_cell(out, now);
    number_cell(out, change.newly_failing[i]);
    number_cell(out, change.still_failing[i]);
    number_cell(out, change.cause_changed[i]);
    number_cell(out, change.fixed[i]);
    out += "</tr>\n";
  }
  out += "</tbody></table>\n";
  const auto gone = static_cast<std::int64_t>(change.before.size()) - change.matched;
  if (change.new_phones > 0 || gone > 0)
    out += fmt::format("<p class=\"note\">{} in this run only (not compared); {} of run {} not in "
                       "this run.</p>\n",
                       plural(change.new_phones, "phone", "phones"), gone, against.id);
  if (change.newly_total > 0) {
    out += fmt::format("<details class=\"phones\"><summary>Newly failing phones ({})</summary>\n",
                       change.newly_total);
    phone_table_head(out, true);
    out += change.newly_rows;
    out += "</tbody></table>\n";
    if (static_cast<std::int64_t>(change.newly_shown) < change.newly_total)
      out += fmt::format("<p class=\"note\">Showing the first {} of {}.</p>\n", change.newly_shown,
                         change.newly_total);
    out += "</details>\n";
  }
  out += "</section>\n";
}

storage::Error no_run(const storage::Database& db, std::int64_t id) {
  return storage::Error(fmt::format("database {}: no run {}", db.path(), id));
}

} // namespace

void write_html(std::ostream& out, storage::Database& db, std::int64_t run,
                std::optional<std::int64_t> against, const HtmlOptions& options) {
  Page page;
  auto summary = db.run(run);
  if (!summary) throw no_run(db, run);
  page.run = std::move(*summary);
  if (!against) against = db.previous_completed_run_id(run);
  if (against) {
    auto earlier = db.run(*against);
    if (!earlier) throw no_run(db, *against);
    page.change.emplace();
    page.change->against = std::move(*earlier);
    page.change->before = db.causes_by_address(*against);
  }
  gather(page, db, run, options);

  // Built in one string and written once: the page is a few MB at most (the phone lists are capped).
  std::string html;
  write_head(html, page);
  write_metadata(html, page.run);
  write_headline(html, page);
  write_chart(html, page);
  write_change(html, page);
  write_sections(html, page);
  write_breakdown(html, "Root causes by site", "site", "(no site)", page.sites, page, options);
  write_breakdown(html, "Root causes by model", "model", "(unknown model)", page.models, page, options);
  html += script;
  html += "\n</body>\n</html>\n";
  out << html;
}

} // namespace report
