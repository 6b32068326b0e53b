#pragma once
// Reads the phone's "Status messages" page (88xx/78xx/DX Serviceability page, 79xx /DeviceLog?2)
// and says what its trust list (ITL/CTL) state is. Pure: no I/O.
#include <scanner/evidence.hpp>

#include <string>
#include <string_view>

namespace scanner::pages {

// What one status line says about the trust list.
enum class TrustMessage {
  none,              // not about the trust list
  installed,         // "ITL installed", "CTL Installed", "CTL and ITL installed", "Trust List updated"
  update_failed,     // "Trust List update failed[, verification failure]", "ITL Trust Failed",
                     // "ITL … fail…", "Trust … verification failure", "ITL mismatch",
                     // "invalid file ….cnf.xml.sgn, authenticated fail" (a signed file the
                     // trust list cannot verify), "File Auth Fail"
  not_installed,     // "No Trust List installed" (also "No ITL installed")
  erasing,           // "Erasing CTL and ITL files": a reset in progress, says nothing of the result
  ctl_update_failed, // "CTL update failed": a CTL / TFTP problem, not an ITL one
  ctl_file_missing,  // "File Not Found <CTLFile.tlv>": cluster not in mixed mode, harmless
};

// Case-insensitive, word-based: tolerant of extra spaces, punctuation and surrounding text.
TrustMessage classify_trust_message(std::string_view line);

struct TrustReading {
  ItlState state = ItlState::unknown;
  std::string detail; // the newest trust-related line as shown (timestamp included), <= 200 bytes
};

// The state comes from the NEWEST line that is installed / update_failed / not_installed.
// erasing and ctl_update_failed lines never set the state (an ITL can be fine while the CTL
// fails, and an erase says nothing of what came after it): the state is taken from older
// lines, and the detail names the newer line first, then "(state from older line: …)".
// ctl_file_missing lines are ignored.
//
// Which line is newest:
//  1. Two lines whose timestamps ("11:39:03am 10/09/18", "23:39:03 10/09/2018", ISO dates)
//     compare unambiguously: the later timestamp. The date order (mm/dd or dd/mm) is inferred
//     from the page (a first part > 12 proves dd/mm, a second part > 12 proves mm/dd); when the
//     page does not settle it, two dates compare only if both readings agree.
//  2. Otherwise page order. The assumed order is NEWEST LAST (as on 88xx phones) unless the
//     page's own timestamps run mostly backwards, in which case it is newest first.
// No trust line at all, an empty or garbage page -> unknown (detail says why).
TrustReading read_status_messages(std::string_view page);

} // namespace scanner::pages
