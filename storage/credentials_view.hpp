#pragma once
// What a run learnt about its credentials (the credential guard, scanner/credential_guard.hpp),
// kept in runs.credentials_json so that the report can say it and merge and --resume can add up
// the parts of one sweep. Never holds a password.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace storage {

struct CredentialsView {
  std::string verdict;               // "accepted", "rejected" or "unproven"; empty: not recorded
  std::string accepted_by;           // what proved them: "AXL", "the CUCM for SEP…", …
  std::vector<std::string> refused;  // what refused them before any verdict, in order
  std::size_t failed_logons = 0;     // failed logons the run caused on the CUCM (as far as known)
  std::size_t max_failed_logons = 0; // the budget the run kept to (--max-failed-logons)
  std::string message;               // "rejected": the one sentence the summary and the log gave
};

// Always valid JSON; "{}" for a view with no verdict.
std::string encode_credentials_view(const CredentialsView& view);

// nullopt when `json` is not an object of the shape encode_credentials_view writes (unknown keys
// are ignored).
std::optional<CredentialsView> decode_credentials_view(std::string_view json);

// Two parts of one sweep (shards, or a run and its --resume): accepted when either part was,
// else rejected when either was; refusals and failed logons add up; the first message stays.
CredentialsView combine(const CredentialsView& a, const CredentialsView& b);

} // namespace storage
