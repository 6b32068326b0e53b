#pragma once
// Parses the `address` cell of an inventory: "10.1.2.3", "10.1.2.3:8080", "[2001:db8::1]:80",
// "2001:db8::1", "phone-42.example.net", "phone-42.example.net:8080", and any of these after
// "http://" or "https://" (a phone whose web server speaks HTTPS), with at most a trailing '/'.
#include <cstdint>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace inventory {

struct HostPort {
  std::string host;       // IPv6 without brackets, in RFC 5952 form ("2001:db8::1", "::1")
  std::uint16_t port = 0; // 0: not given
  std::string scheme;     // "http" or "https" when the text began with it; empty otherwise
};

// Returns a reason ("port out of range", "not a host name or IP address", …) on failure.
tl::expected<HostPort, std::string> parse_address(std::string_view text);

} // namespace inventory
