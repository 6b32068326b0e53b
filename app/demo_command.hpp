#pragma once
// `phonesweep demo`: starts fleetsim (and dnsmasq when installed), scans it, writes the reports.
#include <string>

namespace app {

struct DemoOptions {
  int phones = 2000;
  std::string out_prefix = "phonesweep-demo"; // .db, .csv, .html
};
int run_demo(const DemoOptions& options);

} // namespace app
