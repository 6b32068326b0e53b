#include <storage/codes.hpp>
#include <storage/extra_json.hpp>
#include <storage/timestamp.hpp>
#include <storage/utf8.hpp>

#include <catch2/catch.hpp>

#include <set>

namespace {

std::string_view name(storage::RunStatus value) { return storage::code(value); }
template <class Enum>
std::string_view name(Enum value) {
  return diagnosis::to_string(value);
}

// Every enumerator has a distinct code that parses back to it.
template <class Enum>
void round_trips(int count) {
  std::set<std::string_view> seen;
  for (int i = 0; i < count; ++i) {
    const auto value = static_cast<Enum>(i);
    const auto text = name(value);
    CAPTURE(i, text);
    CHECK_FALSE(text.empty());
    CHECK(seen.insert(text).second);
    CHECK(storage::from_code<Enum>(text) == value);
  }
  CHECK_FALSE(storage::from_code<Enum>("no_such_code"));
  CHECK_FALSE(storage::from_code<Enum>(""));
}

} // namespace

TEST_CASE("stored codes are the enumerator names and round-trip", "[storage][codes]") {
  round_trips<diagnosis::ScreenshotAnswer>(11);
  round_trips<diagnosis::ItlState>(4);
  round_trips<diagnosis::CucmAuth>(4);
  round_trips<diagnosis::NameLookup>(3);
  round_trips<diagnosis::TransferStatus>(8);
  round_trips<diagnosis::RootCause>(diagnosis::root_cause_count);
  round_trips<storage::RunStatus>(4);
  CHECK(storage::code(static_cast<storage::RunStatus>(4)).empty());

  // Spot checks of codes already in stored databases: these must never change.
  CHECK(storage::from_code<diagnosis::ItlState>("trust_failed") == diagnosis::ItlState::trust_failed);
  CHECK(storage::from_code<diagnosis::CucmAuth>("not_checked") == diagnosis::CucmAuth::not_checked);
  CHECK(storage::from_code<diagnosis::TransferStatus>("connect_timeout") == diagnosis::TransferStatus::connect_timeout);
  CHECK(storage::from_code<diagnosis::ScreenshotAnswer>("no_answer") == diagnosis::ScreenshotAnswer::no_answer);
  CHECK(storage::from_code<diagnosis::NameLookup>("not_needed") == diagnosis::NameLookup::not_needed);
  CHECK(storage::from_code<diagnosis::RootCause>("auth_url_dns") == diagnosis::RootCause::auth_url_dns);
  CHECK(storage::code(storage::RunStatus::interrupted) == "interrupted");
}

TEST_CASE("extra columns encode as JSON pairs", "[storage][codes]") {
  const storage::ExtraColumns extra{{"a\"b", "c\\d\n"}, {"a\"b", "日本"}, {"", ""}};
  const auto json = storage::encode_extra(extra);
  CHECK(json == R"([["a\"b","c\\d\u000a"],["a\"b","日本"],["",""]])");
  CHECK(storage::decode_extra(json) == extra);
  CHECK(storage::encode_extra({}) == "[]");
  CHECK(storage::decode_extra("[]") == storage::ExtraColumns{});
  CHECK_FALSE(storage::decode_extra(R"({"a":"b"})"));
  CHECK_FALSE(storage::decode_extra(R"([["a"]])"));
  CHECK_FALSE(storage::decode_extra(R"([["a", 1]])"));
  CHECK_FALSE(storage::decode_extra("[["));
  // Ill-formed UTF-8: a lone continuation byte, a truncated sequence, an encoded surrogate.
  CHECK(storage::encode_extra({{"k", "\x80"
                                     "a\xE2\x82"
                                     "b\xED\xA0\x80"}}) == "[[\"k\",\"\xEF\xBF\xBD"
                                                           "a\xEF\xBF\xBD\xEF\xBF\xBD"
                                                           "b\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"]]");
}

TEST_CASE("timestamps are ISO 8601 UTC", "[storage][codes]") {
  using namespace std::chrono;
  const sys_time<milliseconds> when =
      sys_days{year{2024} / 5 / 1} + hours{6} + minutes{30} + seconds{7} + milliseconds{999};
  CHECK(storage::utc_timestamp(when) == "2024-05-01T06:30:07Z");
}

TEST_CASE("timestamps parse back, other shapes do not", "[storage][codes]") {
  using namespace std::chrono;
  const sys_seconds when = sys_days{year{2024} / 2 / 29} + hours{23} + minutes{59} + seconds{58};
  CHECK(storage::parse_utc_timestamp(storage::utc_timestamp(when)) == when);
  CHECK(storage::parse_utc_timestamp("2024-02-29T23:59:58Z") == when);
  for (const char* bad :
       {"", "2024-02-29 23:59:58Z", "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-01-01T24:00:00Z",
        "2024-01-01T00:00:00", "+024-01-01T00:00:00Z", "2024-01-01T00:00:00Z "}) {
    CAPTURE(bad);
    CHECK_FALSE(storage::parse_utc_timestamp(bad));
  }
}

TEST_CASE("ill-formed UTF-8 becomes U+FFFD, well-formed text is kept", "[storage][codes]") {
  const std::string good = "Zürich 東京 🙂 plain";
  CHECK(storage::is_valid_utf8(good));
  std::string out;
  storage::append_valid_utf8(out, good);
  CHECK(out == good);
  out.clear();
  storage::append_valid_utf8(out, "Z\xFCrich\xE2\x82");
  CHECK(out == "Z\xEF\xBF\xBDrich\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK_FALSE(storage::is_valid_utf8("Z\xFCrich"));
  CHECK_FALSE(storage::is_valid_utf8("\xC0\xAF")); // overlong '/'
  CHECK(storage::is_valid_utf8(""));
}
