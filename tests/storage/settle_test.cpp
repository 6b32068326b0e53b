// settle_run on a real SQLite file: the run's final outcomes from the stored evidence, what the
// whole run showed and the CUCM's view, rewriting only the phones whose outcome changes.
#include <diagnosis/diagnose.hpp>
#include <storage/database.hpp>
#include <storage/settle.hpp>

#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <vector>

namespace {

using diagnosis::RootCause;

// Phone `i` answered Error 4 and the CUCM refused the user for it.
storage::PhoneRecord refused_phone(int i) {
  auto record = test_support::sample_record(i);
  record.evidence.model_source = "inventory";
  record.evidence.screenshot = diagnosis::ScreenshotAnswer::phone_error;
  record.evidence.phone_error = 4;
  record.evidence.image_format.clear();
  record.evidence.cucm = diagnosis::CucmAuth::unauthorized;
  return record;
}

// Phone `i` never answered.
storage::PhoneRecord silent_phone(int i) {
  auto record = test_support::sample_record(i);
  record.evidence = {};
  record.evidence.transport = diagnosis::TransferStatus::connect_failed;
  return record;
}

// Diagnosed as the sweep does it, with what was known when the phone finished.
storage::PhoneRecord provisional(storage::PhoneRecord record, const diagnosis::FleetFacts& known) {
  record.outcome = diagnosis::diagnose(record.evidence, known);
  return record;
}

struct Run {
  test_support::TempDir dir;
  storage::Database db = *storage::Database::open(dir.file("settle.db"));
  std::int64_t id = db.begin_run({});

  std::map<std::string, RootCause> causes() {
    std::map<std::string, RootCause> out;
    db.for_each_record(id, [&](const storage::PhoneRecord& r) { out[r.target.device_name] = r.outcome.cause; });
    return out;
  }
};

} // namespace

TEST_CASE("settle: only the phones whose outcome the whole run changes are rewritten", "[storage][settle]") {
  Run run;
  auto ok = test_support::sample_record(2);
  ok.evidence.model_source = "inventory";
  // The refused phone finished first: nothing had accepted the credentials yet.
  const std::vector<storage::PhoneRecord> records{provisional(refused_phone(1), {}), provisional(ok, {true})};
  run.db.insert_batch(run.id, records);
  CHECK(run.causes()[records[0].target.device_name] == RootCause::bad_credentials);

  diagnosis::FleetFacts fleet;
  for (const auto& r : records) diagnosis::accumulate(fleet, r.evidence);
  CHECK(storage::settle_run(run.db, run.id, fleet, {}) == 1);
  auto causes = run.causes();
  CHECK(causes[records[0].target.device_name] == RootCause::not_associated);
  CHECK(causes[records[1].target.device_name] == RootCause::ok);
  CHECK(storage::settle_run(run.db, run.id, fleet, {}) == 0); // settled: nothing left to change
}

TEST_CASE("settle: a stored row's RisPort columns and the run's AXL facts are the CUCM's view", "[storage][settle]") {
  Run run;
  auto unregistered = silent_phone(1);
  unregistered.target.extra = {{"registration", "unregistered"}, {"httpd", "yes"}};
  auto web_off = silent_phone(2);
  web_off.target.extra = {{"registration", "registered"}, {"httpd", "no"}};
  auto not_controlled = refused_phone(3);
  not_controlled.evidence.cucm = diagnosis::CucmAuth::authorized; // auth_failed on its own evidence
  const std::vector<storage::PhoneRecord> records{provisional(unregistered, {true}), provisional(web_off, {true}),
                                                  provisional(not_controlled, {true})};
  run.db.insert_batch(run.id, records);

  diagnosis::CucmFacts cucm;
  cucm.axl = diagnosis::AxlUserFacts{false, false, {records[0].target.device_name}};
  CHECK(storage::settle_run(run.db, run.id, {true}, cucm) == 3);
  auto causes = run.causes();
  CHECK(causes[records[0].target.device_name] == RootCause::unregistered);
  CHECK(causes[records[1].target.device_name] == RootCause::web_disabled);
  CHECK(causes[records[2].target.device_name] == RootCause::not_associated);
}
