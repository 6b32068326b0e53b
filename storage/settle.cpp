#include <storage/settle.hpp>

#include <diagnosis/diagnose.hpp>
#include <storage/database.hpp>

#include <utility>
#include <vector>

namespace storage {

std::size_t settle_run(Database& db, std::int64_t run, const diagnosis::FleetFacts& fleet,
                       const diagnosis::CucmFacts& cucm) {
  std::vector<OutcomeUpdate> changed;
  db.for_each_record(run, [&](const PhoneRecord& r) {
    diagnosis::Outcome outcome =
        diagnosis::diagnose(r.evidence, fleet, cucm.phone(r.target.device_name, r.target.extra, r.target.host));
    if (outcome.cause != r.outcome.cause || outcome.detail != r.outcome.detail)
      changed.push_back({r.target.address(), std::move(outcome)});
  });
  return changed.empty() ? 0 : db.update_outcomes(run, changed);
}

} // namespace storage
