#pragma once
// What storage keeps: one PhoneRecord per phone per run, one RunSummary per run. Plain data.
#include <diagnosis/diagnose.hpp>
#include <diagnosis/evidence.hpp>
#include <diagnosis/root_cause.hpp>
#include <inventory/target.hpp>
#include <storage/codes.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace storage {

struct PhoneRecord {
  inventory::Target target;     // its address() is the phone's key within a run
  diagnosis::Evidence evidence; // every field is stored, so diagnose() can run again on a loaded record
  diagnosis::Outcome outcome;
  std::string checked_at; // ISO 8601 UTC, see storage/timestamp.hpp
  double elapsed_ms = 0;
};

// What begin_run() records about a run. options_json is valid JSON and must never hold
// credentials (doc/DESIGN.md: passwords are never written to the database).
struct RunStart {
  std::string options_json = "{}";
  std::string tool_version;
  std::int64_t phone_count = 0; // phones the run sets out to check
};

// What a run covers, given to begin_run() beside RunStart (schema v6).
struct RunCoverage {
  RunKind kind = RunKind::full;
  std::optional<std::int64_t> recheck_of; // kind recheck: the run whose failing phones it asks
  std::string merge_key;                  // a merge (or a partial one): its sources, see merge.cpp
};

struct RunSummary {
  std::int64_t id = 0;
  std::string started_at;  // ISO 8601 UTC
  std::string finished_at; // empty while running, or when the process died mid-run
  RunStatus status = RunStatus::running;
  std::string options_json;
  std::string tool_version;
  std::int64_t phone_count = 0; // as given to begin_run()
  RunKind kind = RunKind::full; // as given to begin_run(); runs before schema v6: from their options
  std::optional<std::int64_t> recheck_of;
  std::string cucm_json = "{}";        // the CUCM's view of the run (storage/cucm_view.hpp), set_run_cucm()
  std::string credentials_json = "{}"; // storage/credentials_view.hpp, set_run_credentials()
  std::int64_t recorded = 0;           // phones with a stored result (== sum of counts_by_cause)
  std::map<diagnosis::RootCause, std::int64_t> counts_by_cause; // causes with at least one phone
  std::int64_t https_phones = 0;   // recorded phones asked over HTTPS (evidence.https_used)
  std::int64_t https_answered = 0; // of those, the ones that answered over HTTPS
};

struct BatchResult {
  std::size_t inserted = 0;
  // Addresses already recorded in the run (earlier or in the same batch): not stored again,
  // the first record is kept.
  std::vector<std::string> duplicates;
};

struct OutcomeUpdate {
  std::string address; // inventory::Target::address()
  diagnosis::Outcome outcome;
};

} // namespace storage
