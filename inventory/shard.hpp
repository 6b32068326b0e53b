#pragma once
// `scan --shard K/N`: a stable share of the inventory for one of N scanners. A phone belongs to
// shard (hash(address) mod N) + 1, so the split does not depend on file order, and the same
// phone lands on the same scanner every night.
#include <inventory/target.hpp>

#include <tl/expected.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace inventory {

struct Shard {
  unsigned index = 1; // 1-based K
  unsigned count = 1; // N
};

// "2/5" -> {2, 5}. Refuses K outside 1..N and N of 0.
tl::expected<Shard, std::string> parse_shard(std::string_view text);

// FNV-1a (64 bit) of the address text: fixed by this file, unlike std::hash.
std::uint64_t stable_hash(std::string_view text);

bool in_shard(const Target& target, const Shard& shard);

} // namespace inventory
