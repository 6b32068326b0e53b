// The one JSON string escaper behind the database's JSON columns, JSON logs and the HTML report's data.
#include <util/json_text.hpp>

#include <catch2/catch.hpp>
#include <simdjson.h>

TEST_CASE("json text: quotes, backslashes and control characters are escaped, UTF-8 kept") {
  CHECK(util::json_string("a\"b\\c\n\t\x01") == R"("a\"b\\c\u000a\u0009\u0001")");
  CHECK(util::json_string("Zürich — 東京") == "\"Zürich — 東京\"");
}

TEST_CASE("json text: bytes that are not UTF-8 become U+FFFD, so every text is valid JSON") {
  const std::string latin1_user = "m\xFCller\xC3";
  const std::string text = util::json_string(latin1_user);
  CHECK(text == "\"m\xEF\xBF\xBDller\xEF\xBF\xBD\"");
  simdjson::dom::parser parser;
  std::string_view parsed;
  REQUIRE_FALSE(parser.parse(text).get_string().get(parsed));
  CHECK(parsed == "m\xEF\xBF\xBDller\xEF\xBF\xBD");
}

TEST_CASE("json text: inside a <script> element no value closes it, opens a comment or breaks a line") {
  const std::string hostile = "</script><!-- & \xE2\x80\xA8\xE2\x80\xA9 \"x\"";
  const std::string text = [&] {
    std::string out;
    util::append_json_string(out, hostile, util::JsonIn::script);
    return out;
  }();
  CHECK(text == R"("\u003c/script\u003e\u003c!-- \u0026 \u2028\u2029 \"x\"")");
  simdjson::dom::parser parser;
  std::string_view parsed;
  REQUIRE_FALSE(parser.parse(text).get_string().get(parsed));
  CHECK(parsed == hostile);
  CHECK(util::json_string(hostile).find("</script>") != std::string::npos); // a JSON document keeps them
}
