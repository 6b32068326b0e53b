#include <report/csv.hpp>

#include <report/breakdown.hpp>
#include <report/row.hpp>
#include <util/csv_cell.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

namespace report {
namespace {

struct Column {
  std::string_view name;
  std::string Row::*member;
};

constexpr std::array<Column, 25> columns{{
    {"device_name", &Row::device_name},
    {"address", &Row::address},
    {"model", &Row::model},
    {"site", &Row::site},
    {"root_cause", &Row::root_cause},
    {"detail", &Row::detail},
    {"itl_state", &Row::itl_state},
    {"phone_error", &Row::phone_error},
    {"cucm_auth", &Row::cucm_auth},
    {"auth_url", &Row::auth_url},
    {"firmware", &Row::firmware},
    {"serial", &Row::serial},
    {"checked_at", &Row::checked_at},
    {"description", &Row::description},
    {"mac", &Row::mac},
    {"screenshot", &Row::screenshot},
    {"http_status", &Row::http_status},
    {"transport", &Row::transport},
    {"elapsed_ms", &Row::elapsed_ms},
    {"https", &Row::https},
    {"registration", &Row::registration},
    {"registered_at", &Row::registered_at},
    {"cucm_node", &Row::cucm_node},
    {"registered_ip", &Row::registered_ip},
    {"active_load", &Row::active_load},
}};

constexpr auto column_names = [] {
  std::array<std::string_view, columns.size()> names{};
  for (std::size_t i = 0; i < columns.size(); ++i) names[i] = columns[i].name;
  return names;
}();

constexpr std::string_view crlf = "\r\n";

void require_run(storage::Database& db, std::int64_t run) {
  if (!db.run(run)) throw storage::Error(fmt::format("database {}: no run {}", db.path(), run));
}

void start(std::ostream& out, const CsvOptions& options) {
  if (options.excel_bom) out << "\xEF\xBB\xBF";
}

void append_field(std::string& line, std::string_view value) {
  if (!line.empty()) line += ',';
  util::append_csv_cell(line, value, util::Formulas::neutralised);
}

} // namespace

std::span<const std::string_view> csv_columns() { return column_names; }

void write_csv_header(std::ostream& out, const CsvOptions& options) {
  start(out, options);
  std::string line;
  for (const auto name : column_names) append_field(line, name);
  out << line << crlf;
}

void write_csv_row(std::ostream& out, const Row& row, std::string& scratch) {
  scratch.clear();
  // Not append_field(): an empty first cell must still yield a separator for the second.
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) scratch += ',';
    util::append_csv_cell(scratch, row.*columns[i].member, util::Formulas::neutralised);
  }
  scratch += crlf;
  out.write(scratch.data(), static_cast<std::streamsize>(scratch.size()));
}

void write_csv(std::ostream& out, storage::Database& db, std::int64_t run, const CsvOptions& options) {
  require_run(db, run);
  write_csv_header(out, options);
  std::string line;
  for_each_row(db, run, [&](const Row& row) { write_csv_row(out, row, line); });
}

void write_site_csv(std::ostream& out, const Breakdown& sites, const CsvOptions& options) {
  start(out, options);
  std::string line = "site,phones,ok";
  for (int i = 1; i < diagnosis::root_cause_count; ++i)
    line += fmt::format(",{}", diagnosis::to_string(static_cast<diagnosis::RootCause>(i)));
  out << line << crlf;
  for (const auto& [site, counts] : sites) {
    line = util::csv_cell(site, util::Formulas::neutralised);
    line += fmt::format(",{}", counts.phones);
    for (const auto count : counts.by_cause) line += fmt::format(",{}", count);
    out << line << crlf;
  }
}

void write_site_csv(std::ostream& out, storage::Database& db, std::int64_t run, const CsvOptions& options) {
  require_run(db, run);
  Breakdown sites;
  db.for_each_record(run, [&](const storage::PhoneRecord& record) {
    // make_row() for the site as every report spells it (valid UTF-8).
    sites[make_row(record).site].add(record.outcome.cause);
  });
  write_site_csv(out, sites, options);
}

} // namespace report
