#include <app/fleet_pass.hpp>

#include <diagnosis/diagnose.hpp>
#include <storage/database.hpp>

#include <vector>

namespace app {

std::size_t settle_outcomes(storage::Database& db, std::int64_t run, const diagnosis::CucmFacts& cucm) {
  diagnosis::FleetFacts facts;
  db.for_each_record(run, [&](const storage::PhoneRecord& r) { diagnosis::accumulate(facts, r.evidence); });
  std::vector<storage::OutcomeUpdate> updates;
  db.for_each_record(run, [&](const storage::PhoneRecord& r) {
    diagnosis::Outcome outcome =
        diagnosis::diagnose(r.evidence, facts, cucm.phone(r.target.device_name, r.target.extra));
    if (outcome.cause != r.outcome.cause || outcome.detail != r.outcome.detail)
      updates.push_back({r.target.address(), std::move(outcome)});
  });
  return updates.empty() ? 0 : db.update_outcomes(run, updates);
}

} // namespace app
