#include <storage/timestamp.hpp>

#include <fmt/chrono.h>

#include <charconv>

namespace storage {

std::string utc_timestamp(std::chrono::system_clock::time_point when) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(when);
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::chrono::system_clock::to_time_t(seconds)));
}

std::optional<std::chrono::sys_seconds> parse_utc_timestamp(std::string_view text) {
  // "YYYY-MM-DDTHH:MM:SSZ": fixed positions, so no locale or std::get_time involved.
  if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      text[19] != 'Z')
    return std::nullopt;
  const auto number = [&](std::size_t at, std::size_t length, int& value) {
    const char* first = text.data() + at;
    const char* last = first + length;
    const auto [end, error] = std::from_chars(first, last, value);
    return error == std::errc() && end == last && first[0] != '-' && first[0] != '+';
  };
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (!number(0, 4, y) || !number(5, 2, mo) || !number(8, 2, d) || !number(11, 2, h) || !number(14, 2, mi) ||
      !number(17, 2, s))
    return std::nullopt;
  using namespace std::chrono;
  const year_month_day date{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!date.ok() || h > 23 || mi > 59 || s > 60) return std::nullopt;
  return sys_days{date} + hours{h} + minutes{mi} + seconds{s};
}

} // namespace storage
