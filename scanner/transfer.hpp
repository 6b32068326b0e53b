#pragma once
// What the engine asks for and what it hands back. Generic HTTP: nothing here knows about Cisco.
#include <diagnosis/evidence.hpp>

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace scanner {

// How one transfer ended at the transport level: the evidence's own type (diagnosis/evidence.hpp),
// mapped from CURLcode in one place (engine.cpp).
using diagnosis::to_string;
using diagnosis::TransferStatus;

// Which admission lane a request waits in (separate caps, see doc/DESIGN.md flags).
enum class Lane { anonymous, authenticated, cucm };

struct Request {
  std::string url;        // may use a host name; the engine pins it to `connect_ip`
  std::string connect_ip; // the address to connect to (from c-ares or the inventory)
  Lane lane = Lane::anonymous;
  bool basic_auth = false; // send the sweep's credentials as HTTP Basic
  std::string post_form;   // non-empty: POST application/x-www-form-urlencoded
  std::size_t body_cap = 256 * 1024;
  bool verify_tls = true;    // false only for phone addresses (self-signed certificates);
                             // the CUCM lane is verified whatever this says (engine.cpp)
  bool last_to_host = false; // nothing more will be asked of this host: close the connection
                             // after this answer instead of keeping it for the next request
};

struct Response {
  TransferStatus status = TransferStatus::local_error;
  long http_status = 0;
  std::string content_type;
  std::string body;
  std::string error; // libcurl's message when status != completed
  std::chrono::microseconds elapsed{0};
};

// The answer to a host name lookup.
struct Resolution {
  bool ok = false;
  std::vector<std::string> addresses; // IPv4 first, then IPv6; textual
  std::string error;                  // c-ares' reason when !ok
};

} // namespace scanner
