#include <inventory/target.hpp>

#include <arpa/inet.h>

namespace inventory {

bool Target::host_is_ip_literal() const {
  unsigned char buf[16];
  return inet_pton(AF_INET, host.c_str(), buf) == 1 || inet_pton(AF_INET6, host.c_str(), buf) == 1;
}

std::string Target::address() const {
  const bool v6 = host.find(':') != std::string::npos;
  if (port == 0) return host;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

} // namespace inventory
