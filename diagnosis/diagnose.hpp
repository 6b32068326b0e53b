#pragma once
// The troubleshooting knowledge: a pure function from evidence to one root cause.
#include <diagnosis/evidence.hpp>
#include <diagnosis/root_cause.hpp>

#include <string>

namespace diagnosis {

// What the whole sweep showed about the credentials; needed because one wrong password must
// read as one fleet-wide cause, not thousands of per-phone ones.
struct FleetFacts {
  bool credentials_accepted_somewhere = false; // a screenshot image, or CUCM AUTHORIZED for any phone
  bool cucm_rejected_somewhere = false;        // CUCM said UN-AUTHORIZED for at least one phone
};

struct Outcome {
  RootCause cause = RootCause::ok;
  std::string detail; // one line for a human: the evidence that decided it
};

Outcome diagnose(const Evidence& evidence, const FleetFacts& fleet);

// Folds one phone's evidence into the fleet facts.
void accumulate(FleetFacts& fleet, const Evidence& evidence);

} // namespace diagnosis
