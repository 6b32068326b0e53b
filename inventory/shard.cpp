#include <inventory/shard.hpp>

#include <charconv>

namespace inventory {

tl::expected<Shard, std::string> parse_shard(std::string_view text) {
  const auto fail = [&] {
    return tl::unexpected("--shard \"" + std::string(text) + "\": expected K/N with 1 <= K <= N, e.g. 2/5");
  };
  const auto slash = text.find('/');
  if (slash == std::string_view::npos) return fail();
  Shard shard;
  const auto k = text.substr(0, slash), n = text.substr(slash + 1);
  auto [k_end, k_ec] = std::from_chars(k.data(), k.data() + k.size(), shard.index);
  auto [n_end, n_ec] = std::from_chars(n.data(), n.data() + n.size(), shard.count);
  if (k_ec != std::errc{} || n_ec != std::errc{} || k_end != k.data() + k.size() || n_end != n.data() + n.size() ||
      shard.count == 0 || shard.index == 0 || shard.index > shard.count)
    return fail();
  return shard;
}

std::uint64_t stable_hash(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

bool in_shard(const Target& target, const Shard& shard) {
  return stable_hash(target.address()) % shard.count == shard.index - 1;
}

} // namespace inventory
