#pragma once
// What a correct scanner must conclude about each simulated phone: the expected root cause,
// itl_state and cucm_auth of truth.csv. A pure function of the scenario and the run's
// credentials; written from doc/DESIGN.md's root-cause table, sharing no code with scanner/.
#include <sim/fleetsim/codes.hpp>
#include <sim/fleetsim/estate.hpp>
#include <sim/fleetsim/scenario.hpp>

#include <span>

namespace fleetsim {

struct Truth {
  RootCause root_cause = RootCause::ok;
  ItlState itl = ItlState::unknown;
  CucmAuth cucm = CucmAuth::not_checked;
};

struct TruthContext {
  CredentialMode credentials = CredentialMode::good;
  // Some phone of the estate proves the credentials good (an image, or a CUCM AUTHORIZED).
  // Without such a phone, a rejection for one device cannot be told from a wrong password, and
  // doc/DESIGN.md's not_associated ("... while they work elsewhere") becomes bad_credentials.
  bool credentials_proven_elsewhere = true;
};

// Precedence (doc/DESIGN.md's troubleshooting order, credentials first):
//  1. Faults that stop the scanner before it would ask for a screenshot keep their own cause in
//     every mode: dns_unresolved, unreachable, timeout (silent, tls_stall), unsupported (a model
//     without the service), tls_error (tls_broken).
//  2. With a wrong password every other phone is bad_credentials with cucm not_checked, itl as
//     the status page shows it: a scanner that keeps the account from locking (doc/DOMAIN.md §7)
//     learns that the password is wrong from at most two refusals of the authentication
//     service about canary devices, and then asks no phone for a screenshot, so even the
//     faults only a screenshot answer shows stay unseen.
//  3. With the right password, those faults keep their cause: timeout (drip), unsupported (404),
//     phone_error (1, 3), http_error (500, redirect_loop, redirect_away), bad_response
//     (truncated, garbage, reset, huge_screenshot, endless_headers, gzip_bomb).
//  4. Otherwise association before trust before the auth URL: not_associated (also with an
//     ITL failure), itl_trust, auth_url_dns, auth_failed; the phones whose screenshot works
//     are ok with cucm not_checked (the scanner only asks the CUCM about Error 4 phones).
Truth derive_truth(Scenario scenario, const TruthContext& context);

// The ITL state a reader of the phone's status page finds: unknown where fleetsim serves no
// status page (6901, ATA) or the phone never answers (silent, unreachable, unresolvable).
ItlState expected_itl(Scenario scenario);

// TruthContext for a whole estate given by its scenario counts.
TruthContext truth_context(const MixCounts& counts, CredentialMode credentials);

} // namespace fleetsim
