#pragma once
// Targets for an estate nobody has listed: `--targets 10.20.0.0/22,10.30.1.10-10.30.1.99,
// 2001:db8:5::/120,10.9.9.9`. Addresses are generated one at a time, never held in a list.
#include <inventory/reader.hpp>

#include <tl/expected.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace inventory {

// One item of the list: `count` consecutive addresses from `first` (IPv4 in the last 4 bytes).
struct AddressBlock {
  bool v6 = false;
  std::array<std::uint8_t, 16> first{};
  std::uint64_t count = 0;
  std::uint16_t port = 0; // a single address given with a port ("[::1]:8080"); 0: the default
};

// The most addresses a --targets list may expand to unless --max-targets says otherwise: a typo
// such as /8, or many blocks, would otherwise mean hours of connects and a database to match.
inline constexpr std::uint64_t default_max_targets = std::uint64_t{1} << 20;

// The blocks of a --targets list. IPv4 CIDR blocks larger than /31 leave out their network and
// broadcast addresses. A single address keeps its port ("[2001:db8::1]:8080",
// "10.9.9.9:8080"). A block, or all blocks together, of more than `max_total` addresses is
// refused (naming --max-targets, which raises it). Errors name the item and why.
tl::expected<std::vector<AddressBlock>, std::string> parse_target_ranges(std::string_view spec,
                                                                         std::uint64_t max_total = default_max_targets);

class RangeReader final : public Reader {
public:
  explicit RangeReader(std::vector<AddressBlock> blocks) : blocks_(std::move(blocks)) {}
  std::optional<Target> next() override;
  [[nodiscard]] const std::vector<RowIssue>& issues() const override { return issues_; }

private:
  std::vector<AddressBlock> blocks_;
  std::size_t block_ = 0;
  std::uint64_t index_ = 0;
  std::vector<RowIssue> issues_; // always empty: every generated address is valid
};

} // namespace inventory
