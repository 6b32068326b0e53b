#pragma once
// Owners of c-ares' handles: a channel, and an answer from ares_getaddrinfo. c-ares itself is
// initialised once per process, in main (util/net_libraries.hpp).
#include <ares.h>

#include <memory>
#include <type_traits>

namespace util {

struct AresChannelDestroy {
  // Ends the lookups still pending: their callbacks run with ARES_EDESTRUCTION.
  void operator()(ares_channel channel) const noexcept { ares_destroy(channel); }
};
struct AresAddrinfoFree {
  void operator()(ares_addrinfo* info) const noexcept { ares_freeaddrinfo(info); }
};

using AresChannel = std::unique_ptr<std::remove_pointer_t<ares_channel>, AresChannelDestroy>;
using AresAddrinfo = std::unique_ptr<ares_addrinfo, AresAddrinfoFree>;

} // namespace util
