#pragma once
// What each root cause means for the voice team and how to fix it: the text of the report's
// sections, kept apart from any output format so that every format explains a cause the same way.
#include <diagnosis/root_cause.hpp>

#include <span>
#include <string_view>

namespace report {

struct CauseGuide {
  std::string_view title;                  // a short heading: "Wrong password"
  std::string_view meaning;                // what it means for remote control of the phone
  std::string_view evidence;               // what phonesweep saw that proves it (doc/DESIGN.md table)
  std::span<const std::string_view> steps; // remediation, in the order to try them; empty for ok
  std::string_view action;                 // what to do, in one line: the chart, the manager's CSV
};

// Defined for every RootCause.
const CauseGuide& guide(diagnosis::RootCause cause);

} // namespace report
