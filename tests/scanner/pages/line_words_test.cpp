// The words classify_trust_message reads a status line as: runs of ASCII letters and digits,
// lower-cased, everything else a separator.
#include <scanner/pages/line_words.hpp>
#include <scanner/pages/status_messages_reader.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

using scanner::pages::classify_trust_message;
using scanner::pages::LineWords;
using scanner::pages::TrustMessage;

namespace {

std::vector<std::string> words_of(std::string_view line) {
  const LineWords words(line);
  return {words.words().begin(), words.words().end()};
}

} // namespace

TEST_CASE("line words: letters and digits are lower-cased and punctuation separates words") {
  CHECK(words_of("ITL Trust-Failed, (TFTP) 11:39:03am") ==
        std::vector<std::string>{"itl", "trust", "failed", "tftp", "11", "39", "03am"});
  CHECK(words_of("SEPA0B1C2D3E4F5.cnf.xml.sgn") == std::vector<std::string>{"sepa0b1c2d3e4f5", "cnf", "xml", "sgn"});
}

TEST_CASE("line words: the bytes of accented letters separate words like punctuation") {
  // "Liste de confiance installée": the UTF-8 bytes of é are not ASCII letters.
  CHECK(words_of("Liste de confiance install\xC3\xA9\x65 ITL") ==
        std::vector<std::string>{"liste", "de", "confiance", "install", "e", "itl"});
  CHECK(words_of("\xC3\xA9") == std::vector<std::string>{});
}

TEST_CASE("line words: an empty or blank line has no words") {
  CHECK(words_of("").empty());
  CHECK(words_of(" \t .,;:-").empty());
  const LineWords none("");
  CHECK_FALSE(none.has(""));
  CHECK_FALSE(none.has_prefix(""));
}

TEST_CASE("line words: a word at the very start and end of the line is kept whole") {
  CHECK(words_of("itl") == std::vector<std::string>{"itl"});
  CHECK(words_of("a b") == std::vector<std::string>{"a", "b"});
}

TEST_CASE("line words: has matches whole words and has_prefix the start of a word") {
  const LineWords words("CTLFile.tlv not FOUND");
  CHECK(words.has("found"));
  CHECK(words.has("not"));
  CHECK_FALSE(words.has("ctl"));
  CHECK_FALSE(words.has("FOUND")); // callers ask in lower case
  CHECK(words.has_prefix("ctl"));
  CHECK(words.has_prefix("ctlfile"));
  CHECK_FALSE(words.has_prefix("tlvx"));
  CHECK_FALSE(words.has_prefix("file"));
}

TEST_CASE("line words: a long line is read whole, up to its last word") {
  std::string line;
  for (int i = 0; i < 20000; ++i) line += "Word-";
  line += "ITL";
  const LineWords words(line);
  CHECK(words.words().size() == 20001);
  CHECK(words.words().back() == "itl");
  CHECK(classify_trust_message(line + " installed") == TrustMessage::installed);
}

TEST_CASE("status: a line naming neither the trust list nor a signed file is no trust message") {
  for (const char* line : {"Installed update failed: not found", "Auth fail", "erasing files", "Mismatch"}) {
    CAPTURE(line);
    CHECK(classify_trust_message(line) == TrustMessage::none);
  }
  // Each of the words that opens the rules, with the rest of a rule's words.
  CHECK(classify_trust_message("ITLs installed") == TrustMessage::installed);
  CHECK(classify_trust_message("CTLs updated") == TrustMessage::installed);
  CHECK(classify_trust_message("Trusted list installed") == TrustMessage::installed);
  CHECK(classify_trust_message("x.sgn auth failed") == TrustMessage::update_failed);
  CHECK(classify_trust_message("file authentication failure") == TrustMessage::update_failed);
  CHECK(classify_trust_message("CTLFile.tlv not found") == TrustMessage::ctl_file_missing);
}
