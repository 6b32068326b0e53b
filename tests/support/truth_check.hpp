#pragma once
// The end-to-end tests' central assertion: a stored run says about every phone what fleetsim's
// ground truth says, and holds each phone exactly once.
#include <storage/database.hpp>
#include <tests/support/estate_truth.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <map>
#include <string>

namespace test_support {

// `run` 0: the database's newest run.
inline void require_matches_truth(const std::string& truth_csv, const std::string& db_path, std::int64_t run = 0) {
  const auto truth = read_truth(truth_csv);
  REQUIRE(truth.size() > 0);
  auto db = storage::Database::open(db_path, storage::Database::Mode::existing);
  REQUIRE(db);
  if (run == 0) {
    const auto newest = db->latest_run_id();
    REQUIRE(newest);
    run = *newest;
  }
  std::map<std::string, int> seen;
  std::size_t mismatches = 0;
  db->for_each_record(run, [&](const storage::PhoneRecord& r) {
    ++seen[r.target.address()];
    if (const auto why = differs_from_truth(r, truth); why && ++mismatches <= 20) FAIL_CHECK(*why);
  });
  CHECK(mismatches == 0);
  CHECK(seen.size() == truth.size());
  for (const auto& [address, count] : seen) CHECK(count == 1);
}

} // namespace test_support
