#include <inventory/target.hpp>

#include <arpa/inet.h>

#include <array>
#include <cstring>

namespace inventory {

bool is_ip_literal(std::string_view host) {
  // inet_pton wants a terminated string; the longest literal it takes fits INET6_ADDRSTRLEN.
  std::array<char, INET6_ADDRSTRLEN> text{};
  if (host.empty() || host.size() >= text.size()) return false;
  std::memcpy(text.data(), host.data(), host.size());
  unsigned char buf[16];
  return inet_pton(AF_INET, text.data(), buf) == 1 || inet_pton(AF_INET6, text.data(), buf) == 1;
}

bool Target::host_is_ip_literal() const { return is_ip_literal(host); }

std::string Target::address() const {
  const bool v6 = host.find(':') != std::string::npos;
  const std::string scheme = https ? "https://" : "";
  if (port == 0) return scheme + (v6 && https ? "[" + host + "]" : host);
  return scheme + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

} // namespace inventory
