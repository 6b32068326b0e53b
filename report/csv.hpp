#pragma once
// The run as CSV for people and scripts: RFC 4180 (comma separated, CRLF line ends, fields
// quoted when they hold , " CR or LF, quotes doubled), UTF-8, one header row.
//
// write_csv: one row per phone. Columns: the doc/DESIGN.md contract columns first, in contract order,
// then description, mac, screenshot, http_status, transport, elapsed_ms, https. New columns are
// only ever appended.
// write_site_csv: one row per site (sorted by name; "" for phones without a site): site, phones,
// ok, then one column per failing root cause in troubleshooting order, every cause always present
// (zeros included) so that the columns do not depend on the run.
//
// Every cell goes through util::csv_cell with its formulas neutralised (util/csv_cell.hpp), so no
// cell a spreadsheet opens is a formula.
#include <report/breakdown.hpp>
#include <report/row.hpp>
#include <storage/database.hpp>

#include <cstdint>
#include <ostream>
#include <span>
#include <string>
#include <string_view>

namespace report {

struct CsvOptions {
  // A UTF-8 byte order mark first: makes Excel read non-ASCII correctly, but scripts then see
  // it before the first header name, so off by default.
  bool excel_bom = false;
};

// Both throw storage::Error when the database fails or there is no such run. Stream errors are
// left in `out`'s state for the caller to check.
void write_csv(std::ostream& out, storage::Database& db, std::int64_t run, const CsvOptions& options = {});
void write_site_csv(std::ostream& out, storage::Database& db, std::int64_t run, const CsvOptions& options = {});

// The pieces of write_csv and write_site_csv, for a caller that reads the run once for several
// outputs (report/reports.hpp). write_csv_row uses `scratch` as its line buffer.
void write_csv_header(std::ostream& out, const CsvOptions& options = {});
void write_csv_row(std::ostream& out, const Row& row, std::string& scratch);
void write_site_csv(std::ostream& out, const Breakdown& sites, const CsvOptions& options = {});

// The header of write_csv, in order.
std::span<const std::string_view> csv_columns();

} // namespace report
