// libFuzzer: --targets and --shard parsing must never crash; accepted blocks stay bounded.
#include <inventory/range_reader.hpp>
#include <inventory/shard.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)inventory::parse_shard(text);
  auto blocks = inventory::parse_target_ranges(text);
  if (!blocks) return 0;
  for (const auto& b : *blocks)
    if (b.count > (std::uint64_t{1} << 20)) std::abort();
  inventory::RangeReader reader(std::move(*blocks));
  for (int i = 0; i < 1000 && reader.next(); ++i) {}
  return 0;
}
