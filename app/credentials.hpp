#pragma once
// What `scan` does to spare the CUCM account it is given (doc/DOMAIN.md §7: the account locks at
// its third failed logon): the credential guard's settings (scanner/credential_guard.hpp) from
// the options and from what the CUCM said about the account before the sweep, the caps of the
// authenticated requests (a --shard's share of the estate-wide defaults), and the sentences the
// run says about its credentials.
#include <app/axl_preflight.hpp>
#include <app/scan_options.hpp>
#include <inventory/shard.hpp>
#include <inventory/target.hpp>
#include <scanner/credential_guard.hpp>
#include <storage/credentials_view.hpp>

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace app {

// What the CUCM said about the scan's own account (--user, asked by AXL or the discovery with
// its own password) before any phone is asked.
struct AccountCheck {
  std::string accepted_by;          // "AXL": the password works
  std::vector<std::string> refused; // failed logons already caused: "AXL (HTTP 401)"
  std::string rejected_by;          // known to fail without asking: no such user
};

// Folds the AXL preflight's answer into `check`. `same_password`: AXL was asked with the scan's
// password (then an answer proves it).
void note_axl(AccountCheck& check, const AxlPreflightOptions& axl, const AxlFacts& facts, bool same_password);

// The guard's settings: --max-failed-logons, the canaries (--canary-device, then devices of the
// run AXL lists among the user's controlled devices, else the first it lists, then the devices
// the newest completed run of the database proved: `proven_before`), and `check`.
scanner::GuardSettings guard_settings(const ScanOptions& o, const AccountCheck& check,
                                      const std::optional<AxlFacts>& axl, std::span<const inventory::Target> targets,
                                      std::span<const std::string> proven_before = {});

// The caps of the authenticated requests: --auth-concurrency and --auth-rate as given, else the
// defaults divided among the N shards of a --shard K/N sweep (they share one CUCM).
struct AuthCaps {
  int concurrency = 8;
  double rate = 20;           // per second; 0: unlimited
  unsigned shards = 1;        // N
  int estate_concurrency = 8; // all shards together
  double estate_rate = 20;
};
AuthCaps auth_caps(const ScanOptions& o, const inventory::Shard& shard);

// The start line: how authenticated requests will go (one at a time until accepted, then the
// caps, with the estate-wide total for a shard).
std::string auth_caps_line(const AuthCaps& caps, int max_failed_logons, const std::string& shard);

// Without --cucm: what cannot be told apart (the start line), and the phones left auth_failed
// for that reason (the end).
std::string without_cucm_line();
std::string without_cucm_count_line(long long auth_failed);

// The one sentence of a run whose credentials were refused: who refused them, that the sweep
// stopped to keep the account from locking, how to reset the hack count, how to run again.
std::string refusal_sentence(const ScanOptions& o, const scanner::CredentialOutcome& outcome);

// What the run stores (runs.credentials_json).
storage::CredentialsView credentials_view(const scanner::CredentialOutcome& outcome, int max_failed_logons,
                                          const std::string& message);

} // namespace app
