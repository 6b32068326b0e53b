#pragma once
// The run as one self-contained, printable HTML page: inline CSS, an inline SVG chart, a few lines
// of inline JavaScript (a phone filter; open every section before printing), no external fetch.
//
// Contents: run metadata (never a password: option names that look like secrets are left out);
// the headline ok / failing; a bar chart of root causes; one section per failing root cause, most
// phones first, with what it means, the evidence, the remediation steps and its phones (capped,
// with a note when there are more; the CSV has them all); breakdowns root cause × site and × model;
// the change since an earlier run. Every value from the database goes through html_escape.hpp.
#include <storage/database.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>

namespace report {

struct HtmlOptions {
  // Caps that keep a 50,000-phone report a page a browser opens at once.
  std::size_t phones_per_section = 500; // per root cause section, and for newly failing phones
  std::size_t breakdown_rows = 200;     // per breakdown table (sites, models with most failures first)
};

// Writes the page for `run` to `out`, compared with run `against`; when `against` is nullopt,
// with the newest completed run before `run` (Database::previous_completed_run_id), if any.
// Throws storage::Error when the database fails or `run` or `against` does not exist. Stream
// errors are left in `out`'s state for the caller to check.
void write_html(std::ostream& out, storage::Database& db, std::int64_t run,
                std::optional<std::int64_t> against = std::nullopt, const HtmlOptions& options = {});

} // namespace report
