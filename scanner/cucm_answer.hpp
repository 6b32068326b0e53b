#pragma once
// Reads the CUCM authentication service's verdict (/ccmcip/authenticate.jsp).
#include <scanner/evidence.hpp>
#include <util/redact.hpp>

#include <string>
#include <string_view>

namespace scanner {

struct CucmVerdict {
  CucmAuth auth = CucmAuth::error;
  std::string detail; // why it counts as an error; empty for a clean verdict
};

// The service answers a bare AUTHORIZED, UN-AUTHORIZED (or UNAUTHORIZED) or ERROR, possibly
// wrapped in whitespace or a little markup. Anything else, or a non-200 status, is an error.
CucmVerdict read_cucm_answer(long http_status, std::string_view body);

// application/x-www-form-urlencoded encoding of one value (the redactor knows it too).
using util::form_encode;

} // namespace scanner
