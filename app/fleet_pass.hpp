#pragma once
// The fleet-level pass over a stored run: re-diagnoses every phone with what the whole run showed
// about the credentials. A scan makes it at its end (a phone finished early could not know that
// no other phone would accept them); merge makes it over the union of shards (a shard that saw no
// phone accept the credentials is disproved by another shard's working phones).
#include <cstddef>
#include <cstdint>

namespace storage {
class Database;
}

namespace app {

// Returns how many phones changed cause or detail.
std::size_t apply_fleet_facts(storage::Database& db, std::int64_t run);

} // namespace app
