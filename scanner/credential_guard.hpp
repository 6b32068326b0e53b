#pragma once
// The credential guard: whether an authenticated request (a screenshot with Basic credentials, a
// cross-check on the CUCM's /ccmcip/authenticate.jsp) may start, learnt from their answers.
// Every such request makes the CUCM check the password, each one a failed logon when it is wrong,
// and the CUCM's default credential policy locks the account at the third (doc/DOMAIN.md §7) — an
// account often shared with production integrations. So until something accepts the credentials
// they are probed one request at a time, and once `max_failed_logons` requests were refused
// (default 2, below the CUCM's 3) nothing authenticated is sent any more: the verdict is
// `rejected`. Once anything accepted them the guard stands aside for good (`accepted`): a refusal
// then means that one phone (a right password for a device the user does not control is assumed
// not to count as a failed logon, doc/DOMAIN.md §7), and the sweep's own caps pace the requests.
//
// With an authentication service (--cucm), the first probes are canaries: the service is asked
// about a device (--canary-device, a device AXL lists among the user's controlled devices, else
// the first device names of the run) before any phone. A refusal for a device AXL lists can only
// mean the password, so it is a verdict at once. An ERROR answer or a service that does not
// answer is no verdict and not a failed logon; the phones' own requests are the probes then.
//
// Pure: no I/O, no clock. The sweep asks next_probe(), sends what it says, and reports the answer.
#include <scanner/evidence.hpp>

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace scanner {

// A device the authentication service is asked about before any phone.
struct Canary {
  std::string device;      // SEP… name
  bool controlled = false; // AXL lists it among the user's controlled devices
};

struct GuardSettings {
  int max_failed_logons = 2;    // refusals tolerated before the verdict `rejected` (at least 1)
  bool cucm = false;            // an authentication service can be asked (--cucm)
  std::vector<Canary> canaries; // asked first, in this order
  // What the CUCM said before the sweep when asked with the scan's own account (AXL, discovery):
  std::string accepted_by;                 // non-empty: the password already worked ("AXL")
  std::vector<std::string> refused_before; // failed logons already caused ("AXL (HTTP 401)")
  std::string rejected_by;                 // non-empty: known to fail, nothing is asked at all
};

enum class CredentialVerdict { unproven, accepted, rejected };

// What to spend the credentials on next while they are unproven.
struct Probe {
  enum class Kind { none, canary, phone };
  Kind kind = Kind::none;
  std::string device; // canary: the device to ask the authentication service about
};

// What the guard learnt, for the run's summary, log and report.
struct CredentialOutcome {
  CredentialVerdict verdict = CredentialVerdict::unproven;
  std::string accepted_by;          // what proved them ("the CUCM for SEP…", "a screenshot of …")
  std::vector<std::string> refused; // what refused them before any verdict, in order
  int failed_logons = 0;            // refusals that were failed logons: none once accepted
  bool refused_by_cucm = false;     // the CUCM itself (authentication service, AXL) refused them
  std::string reason;               // rejected: one clause saying who refused them
};

class CredentialGuard {
public:
  explicit CredentialGuard(GuardSettings settings);

  [[nodiscard]] CredentialVerdict verdict() const { return verdict_; }

  // A device name of the run, from a phone whose screenshot waits (its inventory row's or its
  // pages'): a canary candidate after the configured ones, asked about at most once.
  void offer(const std::string& device);

  // Whether `device` is one of the configured canaries (case-insensitive): when phones are the
  // probes, that device's own phone is the best first one (the sweep prefers it).
  [[nodiscard]] bool is_canary(std::string_view device) const;

  // What to send now: nothing once there is a verdict or while a probe is out; a canary while
  // the authentication service can be asked and a device is left to ask about; nothing while
  // the service can be asked and `more_devices_may_come` (phones still reading their pages will
  // offer device names: a canary costs no phone a request); else the request of one waiting
  // phone when `phones_waiting`. Never nothing while unproven, with phones waiting, no probe out
  // and no device to come (so the sweep cannot stall on the guard).
  Probe next_probe(bool phones_waiting, bool more_devices_may_come = false);

  // Whether the authentication service already refused the credentials for `device`: that
  // device's own phone would only be refused again (it asks the same service), so it is the
  // last choice of a phone probe.
  [[nodiscard]] bool refused_by_service(std::string_view device) const;

  // The answer to the canary next_probe() gave: authorized, unauthorized, or error (ERROR, an
  // HTTP failure, no answer: the service is not asked about canaries again).
  void canary_answered(CucmAuth answer);
  // The answer to the phone request next_probe() let through, as the plan read it into the
  // phone's evidence: `cross_check` when that request was the CUCM cross-check, else the
  // screenshot. `who` names the phone (its device name, else its address).
  void phone_answered(const Evidence& evidence, bool cross_check, const std::string& who);

  // How a phone not asked is marked once rejected: withheld_rejected when the CUCM refused the
  // credentials (the service or AXL), withheld_unproven when only phones' Error 4 answers did.
  [[nodiscard]] ScreenshotAnswer withheld() const;
  [[nodiscard]] CredentialOutcome outcome() const;

private:
  struct Refusal {
    std::string who;
    enum class By { cucm, axl, phone } by;
    bool controlled = false; // a canary AXL lists among the user's controlled devices
  };
  void refuse(Refusal refusal);
  void accept(std::string by);
  [[nodiscard]] std::string reason() const;

  GuardSettings settings_;
  CredentialVerdict verdict_ = CredentialVerdict::unproven;
  std::string accepted_by_;
  std::vector<Refusal> refusals_;
  std::vector<Canary> candidates_;             // canaries not asked yet, in order
  std::unordered_set<std::string> named_;      // every device ever a candidate (upper-case)
  std::unordered_set<std::string> configured_; // the configured canaries (upper-case)
  bool probe_out_ = false;
  Canary asked_; // the canary out, while probe_out_ and canary_out_
  bool canary_out_ = false;
  bool service_usable_ = false; // canaries may be asked
};

} // namespace scanner
