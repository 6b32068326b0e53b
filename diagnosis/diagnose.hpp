#pragma once
// The troubleshooting knowledge: one pure function from what is known about a phone to its one
// root cause (doc/DESIGN.md, "Root causes", top to bottom).
#include <diagnosis/cucm_phone_view.hpp>
#include <diagnosis/evidence.hpp>
#include <diagnosis/fleet_facts.hpp>
#include <diagnosis/root_cause.hpp>

#include <string>

namespace diagnosis {

struct Outcome {
  RootCause cause = RootCause::ok;
  std::string detail; // one line for a human: the evidence that decided it
};

// The phone's outcome from its own evidence, what the whole sweep showed (`fleet`) and what the
// CUCM says about it (`cucm`): the first cause the evidence proves wins, secondary findings
// (an ITL failure, an authentication URL that does not resolve, a model nobody named) stay in the
// detail. Where the CUCM explains a phone that does not answer, RisPort's unregistered, then
// web_disabled, replace unreachable, timeout and bad_response; an authentication failure below
// bad_credentials becomes bad_credentials when AXL knows no such user, missing_roles when the user
// lacks the groups, else not_associated when AXL's controlled devices lack the phone. When RisPort
// has the phone at another IPv4 address than the inventory's, the detail ends with "inventory
// says A, the CUCM says B", whatever the cause.
Outcome diagnose(const Evidence& evidence, const FleetFacts& fleet, const CucmPhoneView& cucm = {});

} // namespace diagnosis
