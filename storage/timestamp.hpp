#pragma once
// Timestamps as stored and exported: ISO 8601 UTC to the second, "2024-05-01T06:30:00Z".
// Text of this shape sorts in time order, and Excel and LibreOffice both read it.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace storage {

std::string utc_timestamp(std::chrono::system_clock::time_point when);
inline std::string utc_now() { return utc_timestamp(std::chrono::system_clock::now()); }

// The inverse of utc_timestamp(); nullopt for text of any other shape or an impossible date.
std::optional<std::chrono::sys_seconds> parse_utc_timestamp(std::string_view text);

} // namespace storage
