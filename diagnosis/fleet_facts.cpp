#include <diagnosis/fleet_facts.hpp>

namespace diagnosis {

void accumulate(FleetFacts& fleet, const Evidence& e) {
  if (e.screenshot == ScreenshotAnswer::image || e.cucm == CucmAuth::authorized)
    fleet.credentials_accepted_somewhere = true;
}

} // namespace diagnosis
