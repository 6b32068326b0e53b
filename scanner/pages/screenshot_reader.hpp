#pragma once
// Reads the phone's answer to GET /CGI/Screenshot. Pure: no I/O.
#include <scanner/evidence.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace scanner::pages {

struct ScreenshotReading {
  ScreenshotAnswer answer = ScreenshotAnswer::malformed;
  int phone_error = 0;      // CiscoIPPhoneError Number when answer == phone_error (-1: unreadable)
  std::string image_format; // "png", "bmp" or "cip" when answer == image, else empty
  std::string detail;       // for a human: why malformed, which status, image caveats
};

// Classifies one complete HTTP answer (never called for failed transfers: those are no_answer).
// The body decides first, whatever the status or Content-Type says:
//   PNG / BMP magic bytes with a plausible header, or a <CiscoIPPhoneImage> document -> image;
//   a CiscoIPPhoneError document -> phone_error (also under 401 or 500).
// Then the status: 401 -> unauthorized, 404 -> not_found, any other non-200 -> http_status,
// and a 200 whose body is neither -> malformed ("empty body", "not an image (starts with …)").
ScreenshotReading read_screenshot(long http_status, std::string_view content_type, std::string_view body);

// The Number of a <CiscoIPPhoneError Number="N"/> document; std::nullopt when the body is not
// one. Lenient about quotes, spacing, case, an XML declaration or comments before the element
// and text after it. -1 when the element is there but its Number is missing or unreadable.
std::optional<int> cisco_phone_error(std::string_view body);

} // namespace scanner::pages
