#pragma once
// What the whole sweep showed about the credentials: one wrong password must read as one
// fleet-wide cause, not thousands of per-phone ones, so diagnose() needs more than one phone's
// evidence. Folded phone by phone as the sweep finishes them (and from the recorded phones of a
// resumed run, or every shard's phones for merge).
#include <diagnosis/evidence.hpp>

namespace diagnosis {

struct FleetFacts {
  bool credentials_accepted_somewhere = false; // a screenshot image, or CUCM AUTHORIZED for any phone
};

// Folds one phone's evidence into the fleet facts. Order does not matter, and folding the same
// evidence twice changes nothing.
void accumulate(FleetFacts& fleet, const Evidence& evidence);

} // namespace diagnosis
