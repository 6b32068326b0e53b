// The one JSON string escaper behind run options, extra columns, the CUCM view, merge and JSON logs.
#include <storage/json_text.hpp>

#include <catch2/catch.hpp>
#include <simdjson.h>

TEST_CASE("json text: quotes, backslashes and control characters are escaped, UTF-8 kept") {
  CHECK(storage::json_string("a\"b\\c\n\t\x01") == R"("a\"b\\c\u000a\u0009\u0001")");
  CHECK(storage::json_string("Zürich — 東京") == "\"Zürich — 東京\"");
}

TEST_CASE("json text: bytes that are not UTF-8 become U+FFFD, so every text is valid JSON") {
  const std::string latin1_user = "m\xFCller\xC3";
  const std::string text = storage::json_string(latin1_user);
  CHECK(text == "\"m\xEF\xBF\xBDller\xEF\xBF\xBD\"");
  simdjson::dom::parser parser;
  std::string_view parsed;
  REQUIRE_FALSE(parser.parse(text).get_string().get(parsed));
  CHECK(parsed == "m\xEF\xBF\xBDller\xEF\xBF\xBD");
}
