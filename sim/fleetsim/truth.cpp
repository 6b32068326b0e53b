#include <sim/fleetsim/truth.hpp>

namespace fleetsim {

ItlState expected_itl(Scenario scenario) {
  switch (scenario) {
  case Scenario::unsupported_model:
  case Scenario::silent:
  case Scenario::unreachable:
  case Scenario::dns_unresolved:
  case Scenario::tls_stall:
  case Scenario::tls_broken: return ItlState::unknown;
  case Scenario::no_itl: return ItlState::not_installed;
  case Scenario::itl_trust_ok_screenshot:
  case Scenario::itl_trust:
  case Scenario::not_associated_itl: return ItlState::trust_failed;
  default: return ItlState::ok;
  }
}

TruthContext truth_context(const MixCounts& counts, CredentialMode credentials) {
  TruthContext context;
  context.credentials = credentials;
  context.credentials_proven_elsewhere = false;
  for (const Scenario s : {Scenario::healthy, Scenario::no_itl, Scenario::itl_trust_ok_screenshot, Scenario::by_name,
                           Scenario::itl_trust, Scenario::auth_url_dns, Scenario::auth_failed, Scenario::bad_utf8,
                           Scenario::markup, Scenario::deep_xml, Scenario::huge_xml, Scenario::https_phone}) {
    if (counts[index_of(s)] > 0) context.credentials_proven_elsewhere = true;
  }
  return context;
}

Truth derive_truth(Scenario scenario, const TruthContext& context) {
  const ItlState itl = expected_itl(scenario);
  const auto fixed = [&](RootCause cause) { return Truth{cause, itl, CucmAuth::not_checked}; };

  switch (scenario) {
  case Scenario::dns_unresolved: return fixed(RootCause::dns_unresolved);
  case Scenario::unreachable: return fixed(RootCause::unreachable);
  case Scenario::silent:
  case Scenario::tls_stall: return fixed(RootCause::timeout); // connected, never a complete answer
  case Scenario::unsupported_model: return fixed(RootCause::unsupported);
  case Scenario::tls_broken: return fixed(RootCause::tls_error);
  default: break;
  }

  // The screenshot would be asked: with a wrong password a scanner that keeps the account from
  // locking learns so from at most two refusals (a canary's on the authentication service) and
  // asks no phone at all.
  if (context.credentials == CredentialMode::bad_password)
    return {RootCause::bad_credentials, itl, CucmAuth::not_checked};

  switch (scenario) {
  case Scenario::drip: return fixed(RootCause::timeout);
  case Scenario::not_found: return fixed(RootCause::unsupported);
  case Scenario::phone_error_1:
  case Scenario::phone_error_3: return fixed(RootCause::phone_error);
  case Scenario::http_500: return fixed(RootCause::http_error);
  case Scenario::truncated:
  case Scenario::garbage:
  case Scenario::reset:
  case Scenario::huge_screenshot: // over the size cap
  case Scenario::endless_headers: // a header section over the cap: malformed
  case Scenario::gzip_bomb:       // never asked for gzip: the body is not an image
    return fixed(RootCause::bad_response);
  case Scenario::redirect_loop:
  case Scenario::redirect_away: return fixed(RootCause::http_error); // 302 is not followed
  default: break;
  }

  switch (scenario) {
  case Scenario::healthy:
  case Scenario::no_itl:
  case Scenario::itl_trust_ok_screenshot:
  case Scenario::by_name:
  // Hostile pages, working screenshot: the image proves ok whatever the pages hold.
  case Scenario::bad_utf8:
  case Scenario::markup:
  case Scenario::deep_xml:
  case Scenario::huge_xml:
  case Scenario::https_phone: return fixed(RootCause::ok);
  case Scenario::not_associated:
  case Scenario::not_associated_itl:
    return {context.credentials_proven_elsewhere ? RootCause::not_associated : RootCause::bad_credentials, itl,
            CucmAuth::unauthorized};
  case Scenario::itl_trust: return {RootCause::itl_trust, itl, CucmAuth::authorized};
  case Scenario::auth_url_dns: return {RootCause::auth_url_dns, itl, CucmAuth::authorized};
  case Scenario::auth_failed: return {RootCause::auth_failed, itl, CucmAuth::authorized};
  default: break;
  }
  return fixed(RootCause::bad_response); // unreachable: every scenario is handled above
}

} // namespace fleetsim
