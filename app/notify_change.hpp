#pragma once
// --notify-url's document: what changed since the newest completed run before this one, read
// from the database only (so it carries no credential: nothing stored does). A phone is newly
// failing when it is not ok now and was ok before (or was not in that run), fixed when it is ok now
// and was not before.
#include <storage/database.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace app {

struct ChangeNotice {
  std::int64_t newly_failing = 0;
  std::int64_t fixed = 0;
  std::string json; // the document to POST
};

struct NoticeContext {
  std::string db;     // --db, for the reader to find the run
  std::string report; // --notify-report: where the run's report is published; empty: none
};

// The first phones named among the newly failing; the rest are counted.
inline constexpr std::size_t notice_phones = 50;

// The change of `run` (completed) against the newest completed run before it; with no earlier
// run, every failing phone is newly failing. Throws storage::Error when the database fails.
ChangeNotice change_notice(storage::Database& db, std::int64_t run, const NoticeContext& context);

} // namespace app
