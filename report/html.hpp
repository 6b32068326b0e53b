#pragma once
// The run as one self-contained, printable HTML page: inline CSS, inline SVG sparklines, a little
// inline JavaScript (the phone table's filters, sorting and pages, a cause's names and CSV; open
// every section before printing), no external fetch. Without JavaScript everything but the full
// phone table still shows.
//
// Contents, the answer first: the headline ok / failing (a re-check: how many it found fixed; a
// newer re-check of this run laid over it); the failing root causes as a chart, each with one line
// of what to do; the change since the previous full sweep or merge with a trend per root cause; one
// section per failing root cause, most phones first, with what it means, the evidence, the
// remediation steps and its phones (capped and folded; the CSV has them all), copy-names and CSV
// buttons; what the CUCM said (its uncontrolled phones folded); where failures cluster, and
// breakdowns root cause × site, × model and × firmware (folded); a table of every phone, filterable,
// sortable, its filters kept in the URL, drawn a page at a time from an inline JSON array so that a
// 100,000-phone run stays a page a browser opens; the run's metadata (never a password: option names
// that look like secrets are left out), folded. Narrow screens scroll tables in their own box; print
// puts the summary on page one. Every value from the database goes through html_escape.hpp
// (element text) or the JSON escaper that keeps </script> and friends out of the data block.
#include <report/row.hpp>
#include <storage/database.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>

namespace report {

struct HtmlOptions {
  // Caps that keep a 50,000-phone report a page a browser opens at once.
  std::size_t phones_per_section = 500; // per root cause section, and for newly failing phones
  std::size_t breakdown_rows = 200;     // per breakdown table (sites, models with most failures first)
  std::size_t trend_runs = 10;          // runs in the trend per root cause, this one included
};

// The page built from records fed one at a time, for a caller that reads the run once for
// several outputs (report/reports.hpp). write_html() is this fed by Database::for_each_record.
class HtmlReport {
public:
  // Reads the run's summary, the comparison run's causes and the trend of earlier runs; throws
  // storage::Error as write_html does.
  HtmlReport(storage::Database& db, std::int64_t run, std::optional<std::int64_t> against = std::nullopt,
             const HtmlOptions& options = {});
  HtmlReport(HtmlReport&&) noexcept;
  HtmlReport& operator=(HtmlReport&&) noexcept;
  ~HtmlReport();

  // Every record of the run, in storage order (root cause, site, address); `row` is make_row(record).
  void add(const storage::PhoneRecord& record, const Row& row);
  // The page, once every record was added.
  void write(std::ostream& out) const;

  struct Page; // what the page is built from (html.cpp)

private:
  std::unique_ptr<Page> page_;
};

// Writes the page for `run` to `out`, compared with run `against`; when `against` is nullopt,
// with the newest completed full sweep or merge before `run` (Database::previous_whole_run_id).
// Throws storage::Error when the database fails or `run` or `against` does not exist. Stream
// errors are left in `out`'s state for the caller to check.
void write_html(std::ostream& out, storage::Database& db, std::int64_t run,
                std::optional<std::int64_t> against = std::nullopt, const HtmlOptions& options = {});

} // namespace report
