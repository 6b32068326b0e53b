#include <scanner/pages/status_messages_reader.hpp>

#include <scanner/pages/ascii.hpp>
#include <scanner/pages/html_fields.hpp>
#include <scanner/pages/line_words.hpp>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

#include <fmt/format.h>

namespace scanner::pages {

namespace {

constexpr std::size_t max_detail = 200;

struct Stamp {
  bool has_time = false;
  bool has_date = false;
  bool iso = false; // year-month-day: the only unambiguous form
  int hour = 0;
  int minute = 0;
  int second = 0;
  int first = 0;  // mm or dd
  int middle = 0; // dd or mm
  int year = 0;
};

// Reads 1..max_digits digits at `at`; -1 when there are fewer than min_digits or more follow.
int read_number(std::string_view s, std::size_t& at, std::size_t min_digits, std::size_t max_digits) {
  std::size_t i = at;
  int value = 0;
  while (i < s.size() && is_digit(s[i]) && i - at < max_digits) value = value * 10 + (s[i++] - '0');
  if (i - at < min_digits || (i < s.size() && is_digit(s[i]))) return -1;
  at = i;
  return value;
}

// "11:39:03am", "9:26:53p", "9:26:53 PM", "23:39:03", "11:39"
bool parse_time(std::string_view s, std::size_t at, Stamp& stamp) {
  std::size_t i = at;
  int hour = read_number(s, i, 1, 2);
  if (hour < 0 || i >= s.size() || s[i] != ':') return false;
  ++i;
  const int minute = read_number(s, i, 2, 2);
  if (minute < 0 || minute > 59) return false;
  int second = 0;
  if (i < s.size() && s[i] == ':') {
    std::size_t j = i + 1;
    second = read_number(s, j, 2, 2);
    if (second > 59) return false;
    if (second < 0) {
      second = 0;
    } else {
      i = j;
    }
  }
  std::size_t j = i;
  if (j < s.size() && s[j] == ' ') ++j;
  if (j < s.size() && (lower(s[j]) == 'a' || lower(s[j]) == 'p')) {
    const bool pm = lower(s[j]) == 'p';
    std::size_t k = j + 1;
    if (k < s.size() && lower(s[k]) == 'm') ++k;
    if (k >= s.size() || !is_alpha(s[k])) {
      if (hour < 1 || hour > 12) return false;
      hour = (hour % 12) + (pm ? 12 : 0);
    }
  }
  if (hour > 23) return false;
  stamp.has_time = true;
  stamp.hour = hour;
  stamp.minute = minute;
  stamp.second = second;
  return true;
}

// "10/09/18", "10/09/2018", "2018-10-09"
bool parse_date(std::string_view s, std::size_t at, Stamp& stamp) {
  std::size_t i = at;
  const int a = read_number(s, i, 1, 4);
  if (a < 0 || i >= s.size()) return false;
  const char separator = s[i];
  if (i - at == 4) {
    if (separator != '-') return false;
    ++i;
    const int month = read_number(s, i, 1, 2);
    if (month < 1 || i >= s.size() || s[i] != '-') return false;
    ++i;
    const int day = read_number(s, i, 1, 2);
    if (day < 1) return false;
    stamp.has_date = true;
    stamp.iso = true;
    stamp.first = month;
    stamp.middle = day;
    stamp.year = a;
    return true;
  }
  if (i - at > 2 || separator != '/') return false;
  ++i;
  const int b = read_number(s, i, 1, 2);
  if (b < 0 || i >= s.size() || s[i] != '/') return false;
  ++i;
  const std::size_t year_at = i;
  const int year = read_number(s, i, 2, 4);
  if (year < 0 || i - year_at == 3) return false;
  stamp.has_date = true;
  stamp.iso = false;
  stamp.first = a;
  stamp.middle = b;
  stamp.year = year;
  return true;
}

// The first time and the first date anywhere in the line (phones put them first; some
// layouts put them in a cell of their own, which the caller merges in).
std::optional<Stamp> find_stamp(std::string_view line) {
  Stamp stamp;
  for (std::size_t i = 0; i < line.size() && !(stamp.has_time && stamp.has_date); ++i) {
    if (!is_digit(line[i]) || (i > 0 && is_alnum(line[i - 1]))) continue;
    if (!stamp.has_time) parse_time(line, i, stamp);
    if (!stamp.has_date) parse_date(line, i, stamp);
  }
  if (!stamp.has_time && !stamp.has_date) return std::nullopt;
  return stamp;
}

// Only digits, separators and am/pm letters: a timestamp cell without a message.
bool is_bare_stamp(std::string_view text) {
  for (const char c : text) {
    if (is_alpha(c) && lower(c) != 'a' && lower(c) != 'p' && lower(c) != 'm') return false;
  }
  return find_stamp(text).has_value();
}

enum class DateOrder { month_first, day_first };

std::optional<std::int64_t> stamp_key(const Stamp& stamp, DateOrder order) {
  if (!stamp.has_date) return std::nullopt; // a bare time cannot be placed across days
  const bool month_first = stamp.iso || order == DateOrder::month_first;
  const int month = month_first ? stamp.first : stamp.middle;
  const int day = month_first ? stamp.middle : stamp.first;
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  const std::int64_t year = stamp.year < 100 ? 2000 + stamp.year : stamp.year;
  std::int64_t key = (year * 13 + month) * 32 + day;
  key = ((key * 24 + stamp.hour) * 60 + stamp.minute) * 60 + stamp.second;
  return key;
}

std::optional<int> sign_of(std::optional<std::int64_t> a, std::optional<std::int64_t> b) {
  if (!a || !b) return std::nullopt;
  return *a < *b ? -1 : (*a > *b ? 1 : 0);
}

struct Line {
  std::string text;
  std::optional<Stamp> stamp;
  std::size_t index = 0;
  TrustMessage kind = TrustMessage::none;
};

class Chronology {
public:
  explicit Chronology(const std::vector<Line>& lines) {
    bool day_first_seen = false;
    bool month_first_seen = false;
    for (const auto& line : lines) {
      if (!line.stamp || !line.stamp->has_date || line.stamp->iso) continue;
      day_first_seen = day_first_seen || (line.stamp->first > 12 && line.stamp->middle <= 12);
      month_first_seen = month_first_seen || (line.stamp->middle > 12 && line.stamp->first <= 12);
    }
    if (day_first_seen != month_first_seen) {
      order_ = day_first_seen ? DateOrder::day_first : DateOrder::month_first;
    }
    int forwards = 0;
    int backwards = 0;
    const Line* previous = nullptr;
    for (const auto& line : lines) {
      if (!line.stamp || !line.stamp->has_date) continue;
      if (previous != nullptr) {
        if (const auto sign = compare(*previous->stamp, *line.stamp)) {
          forwards += *sign < 0 ? 1 : 0;
          backwards += *sign > 0 ? 1 : 0;
        }
      }
      previous = &line;
    }
    newest_first_ = backwards > forwards;
  }

  bool newer(const Line& a, const Line& b) const {
    if (a.stamp && b.stamp) {
      if (const auto sign = compare(*a.stamp, *b.stamp); sign && *sign != 0) return *sign > 0;
    }
    return newest_first_ ? a.index < b.index : a.index > b.index;
  }

private:
  std::optional<int> compare(const Stamp& a, const Stamp& b) const {
    if (order_) return sign_of(stamp_key(a, *order_), stamp_key(b, *order_));
    const auto as_month_first = sign_of(stamp_key(a, DateOrder::month_first), stamp_key(b, DateOrder::month_first));
    const auto as_day_first = sign_of(stamp_key(a, DateOrder::day_first), stamp_key(b, DateOrder::day_first));
    if (as_month_first && as_day_first && *as_month_first == *as_day_first) return as_month_first;
    return std::nullopt;
  }

  std::optional<DateOrder> order_;
  bool newest_first_ = false;
};

bool same_row(const TextCell& a, const TextCell& b) { return a.row == b.row; }

std::vector<Line> status_lines(std::string_view page) {
  const std::vector<TextCell> cells = html_cells(page, CellOptions{.newline_breaks = true});
  std::vector<Line> lines;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    std::string text = cells[i].text;
    const bool has_next = i + 1 < cells.size() && same_row(cells[i], cells[i + 1]);
    if (has_next && is_bare_stamp(text) && !is_bare_stamp(cells[i + 1].text)) {
      text += ' ';
      text += cells[++i].text; // "<td>11:39:03am 10/09/18</td><td>ITL installed</td>"
    } else if (has_next && cells[i].row != 0 && is_bare_stamp(cells[i + 1].text) && !find_stamp(text)) {
      text += ' ';
      text += cells[++i].text; // "<td>ITL installed</td><td>11:39:03am 10/09/18</td>"
    }
    Line line;
    line.stamp = find_stamp(text);
    line.kind = classify_trust_message(text);
    line.index = lines.size();
    line.text = std::move(text);
    lines.push_back(std::move(line));
  }
  return lines;
}

// Cuts to at most `limit` bytes without splitting a UTF-8 sequence.
std::string clipped(std::string text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t cut = limit - 3;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  text += "...";
  return text;
}

bool sets_state(TrustMessage kind) {
  return kind == TrustMessage::installed || kind == TrustMessage::update_failed || kind == TrustMessage::not_installed;
}

bool worth_mentioning(TrustMessage kind) {
  return sets_state(kind) || kind == TrustMessage::erasing || kind == TrustMessage::ctl_update_failed;
}

ItlState state_of(TrustMessage kind) {
  switch (kind) {
  case TrustMessage::installed: return ItlState::ok;
  case TrustMessage::update_failed: return ItlState::trust_failed;
  case TrustMessage::not_installed: return ItlState::not_installed;
  case TrustMessage::none:
  case TrustMessage::erasing:
  case TrustMessage::ctl_update_failed:
  case TrustMessage::ctl_file_missing: break;
  }
  return ItlState::unknown;
}

// Every rule below that names a kind other than none needs one of these words: the trust list
// ("itl", "ctl…", "trust", "trusted") or a signed file ("sgn", "file"). Most status lines have
// none of them.
bool names_a_rule_subject(std::string_view word) {
  return word == "itl" || word == "itls" || word == "trust" || word == "trusted" || word == "sgn" || word == "file" ||
         word.starts_with("ctl");
}

} // namespace

TrustMessage classify_trust_message(std::string_view line) {
  const LineWords words(line);
  if (!std::ranges::any_of(words.words(), names_a_rule_subject)) return TrustMessage::none;
  const auto has = [&](std::string_view wanted) { return words.has(wanted); };
  const auto has_prefix = [&](std::string_view prefix) { return words.has_prefix(prefix); };
  const bool itl = has("itl") || has("itls");
  const bool ctl = has("ctl") || has("ctls");
  const bool trust = has("trust") || has("trusted");
  const bool failed = has_prefix("fail") || has("mismatch");

  if ((itl || ctl || trust) && (has("erasing") || has("erase") || has("deleting"))) {
    return TrustMessage::erasing;
  }
  const bool negated = has("no") || has("not");
  if ((itl || trust) && negated && has_prefix("install")) return TrustMessage::not_installed;
  // "No CTL installed" is normal on a phone in non-secure mode and says nothing about the ITL.
  if (ctl && negated && has_prefix("install")) return TrustMessage::none;
  if ((itl || trust) && failed) return TrustMessage::update_failed;
  if (ctl && failed) return TrustMessage::ctl_update_failed;
  // A signed file the phone cannot verify against its trust list: "invalid file
  // SEP….cnf.xml.sgn, authenticated fail. Reason:14." (a real CP-8945,
  // real-pages/cisco-community-tac/FACTS.md), "File Auth Fail".
  if ((has("sgn") || has("file")) && has_prefix("auth") && failed) return TrustMessage::update_failed;
  if ((itl || ctl || trust) && (has_prefix("install") || has("updated"))) {
    return TrustMessage::installed;
  }
  if (has("not") && has("found") && has_prefix("ctl")) return TrustMessage::ctl_file_missing;
  return TrustMessage::none;
}

TrustReading read_status_messages(std::string_view page) {
  const std::vector<Line> lines = status_lines(page);
  if (lines.empty()) return {ItlState::unknown, "no text on the status page"};

  const Chronology chronology(lines);
  const Line* deciding = nullptr;
  const Line* newest = nullptr;
  for (const auto& line : lines) {
    if (sets_state(line.kind) && (deciding == nullptr || chronology.newer(line, *deciding))) {
      deciding = &line;
    }
    if (worth_mentioning(line.kind) && (newest == nullptr || chronology.newer(line, *newest))) {
      newest = &line;
    }
  }
  if (newest == nullptr) {
    return {ItlState::unknown, fmt::format("no trust-list message among {} status lines", lines.size())};
  }
  TrustReading reading;
  if (deciding == nullptr) {
    reading.detail = clipped(newest->text, max_detail);
    return reading;
  }
  reading.state = state_of(deciding->kind);
  reading.detail =
      deciding == newest ? newest->text : fmt::format("{} (state from older line: {})", newest->text, deciding->text);
  reading.detail = clipped(std::move(reading.detail), max_detail);
  return reading;
}

} // namespace scanner::pages
