#pragma once
// The evidence the probes fill is diagnosis's (diagnosis/evidence.hpp says why it lives there);
// the scanner names its types without the prefix, as it names its own.
#include <diagnosis/evidence.hpp>

namespace scanner {

using diagnosis::CucmAuth;
using diagnosis::DeviceInfo;
using diagnosis::Evidence;
using diagnosis::ItlState;
using diagnosis::NameLookup;
using diagnosis::redact;
using diagnosis::ScreenshotAnswer;
using diagnosis::to_string;
using diagnosis::TransferStatus;

} // namespace scanner
