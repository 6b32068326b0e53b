#pragma once
// Shared by the report tests: a database on disk with one or more runs, and a strict RFC 4180
// reader written independently of report/csv.cpp.
#include <storage/database.hpp>
#include <tests/storage/test_support.hpp>

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace report_test {

using Table = std::vector<std::vector<std::string>>;

// RFC 4180, strictly: records end with CRLF (a bare CR or LF outside quotes is an error), a
// quoted field ends at a quote not followed by another, nothing may follow the closing quote
// but a comma or CRLF, and a quote inside an unquoted field is an error. nullopt on any error.
inline std::optional<Table> parse_rfc4180(const std::string& text) {
  Table table;
  std::vector<std::string> record;
  std::string field;
  std::size_t i = 0;
  const std::size_t n = text.size();
  if (n == 0) return table;
  for (;;) {
    field.clear();
    if (i < n && text[i] == '"') {
      ++i;
      for (;;) {
        if (i >= n) return std::nullopt; // unterminated
        if (text[i] == '"') {
          if (i + 1 < n && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field += text[i++];
      }
    } else {
      while (i < n && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
        if (text[i] == '"') return std::nullopt;
        field += text[i++];
      }
    }
    record.push_back(field);
    if (i < n && text[i] == ',') {
      ++i;
      continue;
    }
    if (i + 1 < n && text[i] == '\r' && text[i + 1] == '\n') {
      i += 2;
      table.push_back(std::move(record));
      record.clear();
      if (i == n) return table;
      continue;
    }
    return std::nullopt; // bare CR, bare LF, junk after a quote, or no CRLF at the end
  }
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline storage::Database open_db(const std::string& path) {
  auto db = storage::Database::open(path);
  if (!db) FAIL(db.error());
  return std::move(*db);
}

inline std::int64_t add_run(storage::Database& db, const std::vector<storage::PhoneRecord>& records,
                            std::string options_json = R"({"concurrency":64,"user":"rcuser"})") {
  const auto run = db.begin_run({std::move(options_json), "0.1.0", static_cast<std::int64_t>(records.size())});
  db.insert_batch(run, records);
  db.finish_run(run, storage::RunStatus::completed);
  return run;
}

// A completed run that covers what `coverage` says (a re-check, a shard, a merge).
inline std::int64_t add_run_as(storage::Database& db, const std::vector<storage::PhoneRecord>& records,
                               const storage::RunCoverage& coverage,
                               std::string options_json = R"({"concurrency":64,"user":"rcuser"})") {
  const auto run =
      db.begin_run({std::move(options_json), "0.1.0", static_cast<std::int64_t>(records.size())}, coverage);
  db.insert_batch(run, records);
  db.finish_run(run, storage::RunStatus::completed);
  return run;
}

} // namespace report_test
