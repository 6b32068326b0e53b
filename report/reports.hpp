#pragma once
// Several reports of one run from a single read of its records: reading and decoding the rows is
// most of the cost of a report (a 100,000-phone run), so `phonesweep report --html --csv` should
// pay it once, not once per file.
#include <report/csv.hpp>
#include <report/html.hpp>
#include <report/manager_csv.hpp>
#include <storage/database.hpp>

#include <cstdint>
#include <optional>
#include <ostream>

namespace report {

struct Outputs {
  std::ostream* csv = nullptr;         // write_csv
  std::ostream* site_csv = nullptr;    // write_site_csv
  std::ostream* html = nullptr;        // write_html
  std::ostream* manager_csv = nullptr; // ManagerCsv::write_phones
  std::ostream* cause_csv = nullptr;   // ManagerCsv::write_causes
  std::optional<std::int64_t> against; // for the HTML and the manager's CSVs, as write_html
  CsvOptions csv_options;
  HtmlOptions html_options;
};

// Writes each output that is not null; the same bytes as the single-report functions. Throws
// storage::Error as they do (nothing is written to any stream when `run` or `against` does not
// exist). Stream errors are left in the streams' states for the caller to check.
void write_reports(storage::Database& db, std::int64_t run, const Outputs& outputs);

} // namespace report
