#pragma once
// The one pass that writes a run's final outcomes. During a sweep each phone is recorded as it
// finishes (so that --resume after a crash finds it), diagnosed with what was known then; but a
// phone finished early could not know that no other phone would accept the credentials. Once the
// sweep is over, settle_run() diagnoses every record of the run again (diagnosis/diagnose.hpp)
// with what the whole run showed and rewrites those whose outcome changes. A scan settles its run
// before marking it completed; merge settles the union of its shards the same way (a shard that
// saw no phone accept the credentials is disproved by another shard's working phones).
#include <diagnosis/cucm_phone_view.hpp>
#include <diagnosis/fleet_facts.hpp>

#include <cstddef>
#include <cstdint>

namespace storage {

class Database;

// Each phone's outcome from its stored evidence, `fleet` (what all the run's phones showed) and
// the CUCM's view of it (`cucm`, with the RisPort columns of its stored inventory row). Reads the
// run once, keeps only the outcomes that change and writes them in one transaction; returns how
// many phones changed. Throws storage::Error as Database does (nothing is then written).
std::size_t settle_run(Database& db, std::int64_t run, const diagnosis::FleetFacts& fleet,
                       const diagnosis::CucmFacts& cucm);

} // namespace storage
