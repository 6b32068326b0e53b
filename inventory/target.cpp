#include <inventory/target.hpp>

#include <arpa/inet.h>

namespace inventory {

bool Target::host_is_ip_literal() const {
  unsigned char buf[16];
  return inet_pton(AF_INET, host.c_str(), buf) == 1 || inet_pton(AF_INET6, host.c_str(), buf) == 1;
}

std::string Target::address() const {
  const bool v6 = host.find(':') != std::string::npos;
  const std::string scheme = https ? "https://" : "";
  if (port == 0) return scheme + (v6 && https ? "[" + host + "]" : host);
  return scheme + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

} // namespace inventory
