#pragma once
// The pass over a stored run that settles each phone's outcome with what only the whole run
// knows. A scan makes it at its end (a phone finished early could not know that no other phone
// would accept the credentials); merge makes it over the union of shards (a shard that saw no
// phone accept the credentials is disproved by another shard's working phones).
#include <diagnosis/cucm_phone_view.hpp>

#include <cstddef>
#include <cstdint>

namespace storage {
class Database;
}

namespace app {

// Re-diagnoses every phone with the run's fleet-level facts and the CUCM's view of it (RisPort
// registration / Httpd from its inventory columns, `cucm`'s AXL facts); returns how many changed.
std::size_t settle_outcomes(storage::Database& db, std::int64_t run, const diagnosis::CucmFacts& cucm);

} // namespace app
