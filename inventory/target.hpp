#pragma once
// A phone to sweep, as the inventory names it. Plain data shared by every module.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace inventory {

struct Target {
  std::string host;        // IP literal (IPv6 without brackets) or DNS name
  std::uint16_t port = 0;  // 0: the scheme's default port
  bool https = false;      // its web server is asked over HTTPS (inventory "https://" or scheme)
  std::string device_name; // SEP… name, may be empty (then learnt from the phone)
  std::string model;
  std::string site;
  std::string description;
  std::vector<std::pair<std::string, std::string>> extra; // other inventory columns, kept
  // An address of a --targets range: nobody listed a phone there, so it gets no credentials
  // until it identifies itself as one (scanner/probe_plan.cpp).
  bool from_range = false;

  // host[:port] as a user writes it: "10.1.2.3", "10.1.2.3:8080", "[2001:db8::1]:80"; an HTTPS
  // phone's starts with "https://" ("https://10.1.2.3:8443"): another port, another phone. The
  // phone's key in a run, its shard, its `address` in reports.
  [[nodiscard]] std::string address() const;
  [[nodiscard]] bool host_is_ip_literal() const; // is_ip_literal(host)
};

// Whether `host` is an IPv4 or IPv6 address literal (IPv6 without brackets or zone), as opposed
// to a name that needs a DNS lookup. Allocates nothing.
[[nodiscard]] bool is_ip_literal(std::string_view host);

} // namespace inventory
