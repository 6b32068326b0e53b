#pragma once
// The CSV a manager reads: one row per phone, failing phones first (by root cause in
// troubleshooting order, then site, then address), then the phones fixed since the previous full
// sweep, then the rest; in words, not codes. And the per-cause summary beside it.
//
// Phones: device_name, address, site, model, status, problem, what_to_do, failing_since,
// run_date, root_cause, detail. `status` compares with the previous whole-estate run (full sweep
// or merge, Database::previous_whole_run_id): `new` (failing now, ok or absent before), `still
// failing`, `fixed` (ok now, failing before), `ok`; with no such run every failing phone is `new`.
// `failing_since` is the date (YYYY-MM-DD, UTC) of Database::failing_since; `run_date` the run's.
// Causes: root_cause, problem, what_to_do, phones, share (of all phones, "12.5 %"), new,
// still_failing, fixed (by the cause they had before), one row per failing cause present, most
// phones first.
//
// RFC 4180 with CRLF like report/csv.hpp, every cell through util::csv_cell with formulas
// neutralised; CsvOptions::excel_bom for Excel.
#include <report/csv.hpp>
#include <report/row.hpp>
#include <storage/database.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <unordered_map>

namespace report {

// Fed the run's records in storage order (report/reports.hpp), written once all are added.
class ManagerCsv {
public:
  // Reads the previous whole-estate run's causes and the failing-since dates; throws
  // storage::Error when the database fails.
  ManagerCsv(storage::Database& db, std::int64_t run, std::optional<std::int64_t> against = std::nullopt);

  void add(const storage::PhoneRecord& record, const Row& row);
  void write_phones(std::ostream& out, const CsvOptions& options) const;
  void write_causes(std::ostream& out, const CsvOptions& options) const;

private:
  struct CauseTally {
    std::int64_t phones = 0, newly = 0, still = 0, fixed = 0;
  };
  std::string run_date_;
  std::unordered_map<std::string, diagnosis::RootCause> before_;
  std::unordered_map<std::string, std::string> since_;
  std::string failing_, fixed_, ok_; // rendered rows in their order
  std::array<CauseTally, diagnosis::root_cause_count> tally_{};
  std::int64_t total_ = 0;
};

// The header of ManagerCsv::write_phones, in order.
std::span<const std::string_view> manager_csv_columns();

} // namespace report
