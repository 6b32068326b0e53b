#include <util/printable.hpp>

#include <catch2/catch.hpp>

using util::LineBreaks;

TEST_CASE("printable: control characters become visible text, UTF-8 and printable ASCII stay", "[util]") {
  CHECK(util::printable("plain text, ümlaut, 東京") == "plain text, ümlaut, 東京");
  CHECK(util::printable("a\nphonesweep: error: forged") == "a\\nphonesweep: error: forged");
  CHECK(util::printable("\x1b[2J\r\t\x7f") == "\\x1b[2J\\r\\t\\x7f");
  CHECK(util::printable(std::string("nul\0", 4)) == "nul\\x00");
  CHECK(util::printable("c1 \xC2\x9B"
                        "1m") == "c1 \\u009b1m");
  CHECK(util::printable("Latin-1 Z\xFCrich") == "Latin-1 Z\\xfcrich");
  CHECK(util::printable("\xC2\xA0nbsp") == "\xC2\xA0nbsp"); // U+00A0 is not a control
  CHECK(util::printable("two\nlines\r\n\ttab \x1b", LineBreaks::keep) == "two\nlines\r\n\ttab \\x1b");
  CHECK(util::is_printable("ok: 東京"));
  CHECK_FALSE(util::is_printable("a\nb"));
  CHECK(util::is_printable("a\nb", LineBreaks::keep));
}
