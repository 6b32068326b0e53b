#include <inventory/range_reader.hpp>

#include <inventory/address.hpp>

#include <arpa/inet.h>

#include <charconv>

namespace inventory {
namespace {

// 1048576 as "1,048,576".
std::string grouped(std::uint64_t n) {
  std::string digits = std::to_string(n);
  for (auto at = static_cast<std::ptrdiff_t>(digits.size()) - 3; at > 0; at -= 3)
    digits.insert(static_cast<std::size_t>(at), ",");
  return digits;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool parse_v4(std::string_view text, std::uint32_t& out) {
  const std::string s(text);
  in_addr a{};
  if (inet_pton(AF_INET, s.c_str(), &a) != 1) return false;
  out = ntohl(a.s_addr);
  return true;
}

bool parse_v6(std::string_view text, std::array<std::uint8_t, 16>& out) {
  const std::string s(text);
  return inet_pton(AF_INET6, s.c_str(), out.data()) == 1;
}

AddressBlock v4_block(std::uint32_t first, std::uint64_t count) {
  AddressBlock b;
  b.count = count;
  for (int i = 0; i < 4; ++i)
    b.first[static_cast<std::size_t>(12 + i)] = static_cast<std::uint8_t>(first >> (24 - 8 * i));
  return b;
}

tl::expected<AddressBlock, std::string> parse_item(std::string_view item, std::uint64_t max_block) {
  const auto fail = [&](const std::string& why) {
    return tl::unexpected("--targets \"" + std::string(item) + "\": " + why);
  };
  if (const auto slash = item.find('/'); slash != std::string_view::npos) {
    unsigned prefix = 0;
    const auto bits = item.substr(slash + 1);
    auto [end, ec] = std::from_chars(bits.data(), bits.data() + bits.size(), prefix);
    if (ec != std::errc{} || end != bits.data() + bits.size()) return fail("prefix length is not a number");
    const auto base = item.substr(0, slash);
    std::uint32_t v4 = 0;
    if (parse_v4(base, v4)) {
      if (prefix > 32) return fail("an IPv4 prefix is at most 32");
      const std::uint64_t size = std::uint64_t{1} << (32 - prefix);
      if (size - (size > 2 ? 2 : 0) > max_block)
        return fail("more than " + grouped(max_block) + " addresses; narrow the prefix, or raise --max-targets");
      const std::uint32_t network = prefix == 0 ? 0 : v4 & ~static_cast<std::uint32_t>(size - 1);
      if (network != v4) return fail("host bits are set (did you mean the network address?)");
      if (size <= 2) return v4_block(network, size);
      return v4_block(network + 1, size - 2); // no network or broadcast address
    }
    AddressBlock b;
    if (!parse_v6(base, b.first)) return fail("not an IPv4 or IPv6 network");
    if (prefix > 128) return fail("an IPv6 prefix is at most 128");
    const unsigned host_bits = 128 - prefix;
    if (host_bits >= 64 || (std::uint64_t{1} << host_bits) > max_block)
      return fail("more than " + grouped(max_block) + " addresses; narrow the prefix, or raise --max-targets");
    for (unsigned bit = 0; bit < host_bits; ++bit)
      if (b.first[15 - bit / 8] & (1u << (bit % 8))) return fail("host bits are set");
    b.v6 = true;
    b.count = std::uint64_t{1} << host_bits;
    return b;
  }
  if (const auto dash = item.find('-'); dash != std::string_view::npos) {
    std::uint32_t from = 0, to = 0;
    const auto left = item.substr(0, dash), right = item.substr(dash + 1);
    if (!parse_v4(left, from)) return fail("ranges are IPv4: A.B.C.D-E.F.G.H or A.B.C.D-H");
    if (!parse_v4(right, to)) {
      unsigned last = 0;
      auto [end, ec] = std::from_chars(right.data(), right.data() + right.size(), last);
      if (ec != std::errc{} || end != right.data() + right.size() || last > 255)
        return fail("the end of the range is not an address or a last byte");
      to = (from & 0xFFFFFF00u) | last;
    }
    if (to < from) return fail("the range ends before it starts");
    const std::uint64_t count = std::uint64_t{to} - from + 1;
    if (count > max_block) return fail("more than " + grouped(max_block) + " addresses; raise --max-targets");
    return v4_block(from, count);
  }
  auto single = parse_address(item);
  if (!single) return fail(single.error());
  std::uint32_t v4 = 0;
  AddressBlock b;
  if (parse_v4(single->host, v4)) {
    b = v4_block(v4, 1);
  } else if (parse_v6(single->host, b.first)) {
    b.v6 = true;
    b.count = 1;
  } else {
    return fail("give addresses, networks or ranges here; host names belong in an inventory file");
  }
  b.port = single->port;
  return b;
}

} // namespace

tl::expected<std::vector<AddressBlock>, std::string> parse_target_ranges(std::string_view spec,
                                                                         std::uint64_t max_total) {
  std::vector<AddressBlock> blocks;
  std::uint64_t total = 0;
  while (!spec.empty()) {
    const auto comma = spec.find(',');
    const auto item = trim(spec.substr(0, comma));
    spec = comma == std::string_view::npos ? std::string_view() : spec.substr(comma + 1);
    if (item.empty()) continue;
    auto block = parse_item(item, max_total);
    if (!block) return tl::unexpected(block.error());
    total += block->count;
    if (total > max_total)
      return tl::unexpected("--targets: more than " + grouped(max_total) +
                            " addresses in total; scan fewer, or give --max-targets with the number to allow");
    blocks.push_back(*block);
  }
  if (blocks.empty()) return tl::unexpected(std::string("--targets: no addresses given"));
  return blocks;
}

std::optional<Target> RangeReader::next() {
  while (block_ < blocks_.size()) {
    const AddressBlock& b = blocks_[block_];
    if (index_ >= b.count) {
      ++block_;
      index_ = 0;
      continue;
    }
    std::array<std::uint8_t, 16> bytes = b.first;
    std::uint64_t carry = index_++;
    for (int i = 15; i >= 0 && carry; --i) {
      const std::uint64_t sum = bytes[static_cast<std::size_t>(i)] + (carry & 0xFF);
      bytes[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(sum);
      carry = (carry >> 8) + (sum >> 8);
    }
    char text[INET6_ADDRSTRLEN];
    Target t;
    if (b.v6) inet_ntop(AF_INET6, bytes.data(), text, sizeof text);
    else inet_ntop(AF_INET, bytes.data() + 12, text, sizeof text);
    t.host = text;
    t.port = b.port;
    t.from_range = true;
    return t;
  }
  return std::nullopt;
}

} // namespace inventory
