#pragma once
// Small HTTP text codecs the simulated servers need. Pure: no I/O.
#include <sim/fleetsim/estate.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace fleetsim {

// application/x-www-form-urlencoded: '+' is a space, %HH a byte (malformed escapes are kept
// as written). A later duplicate key replaces an earlier one.
std::map<std::string, std::string> parse_form(std::string_view body);

// "Basic base64(user:password)" (scheme case-insensitive); std::nullopt when the header is not
// Basic, the base64 is malformed or has no ':'.
std::optional<Credentials> parse_basic_auth(std::string_view header);

std::string base64_encode(std::string_view bytes);

} // namespace fleetsim
