#pragma once
// The passes over a stored run that settle each phone's outcome with what only the whole run
// knows. A scan makes them at its end (a phone finished early could not know that no other phone
// would accept the credentials); merge makes them over the union of shards (a shard that saw no
// phone accept the credentials is disproved by another shard's working phones).
#include <cstddef>
#include <cstdint>

namespace storage {
class Database;
}

namespace app {

class CucmFacts;

// Re-diagnoses every phone with the run's fleet-level facts; returns how many changed.
std::size_t apply_fleet_facts(storage::Database& db, std::int64_t run);

// The fleet pass, then the CUCM's view (RisPort registration / Httpd, AXL facts) on top of it:
// the fleet pass alone would turn `unregistered` back into `unreachable` and `missing_roles` into
// `auth_failed`. Returns how many phones the fleet pass re-diagnosed.
std::size_t settle_outcomes(storage::Database& db, std::int64_t run, const CucmFacts& cucm);

} // namespace app
