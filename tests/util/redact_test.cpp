#include <util/redact.hpp>

#include <catch2/catch.hpp>

TEST_CASE("form_encode and base64 as the requests carry them", "[util]") {
  CHECK(util::form_encode("a b/c&d=é~") == "a+b%2Fc%26d%3D%C3%A9~");
  CHECK(util::base64("u:pw") == "dTpwdw==");
  CHECK(util::base64("phonesweep-app:sim-secret-Pa55") == "cGhvbmVzd2VlcC1hcHA6c2ltLXNlY3JldC1QYTU1");
  CHECK(util::base64("") == "");
}

TEST_CASE("Redactor: the password goes raw, form-encoded and base64-encoded, and nothing else", "[util]") {
  const util::Redactor redact("phonesweep-app", "pw Secret/1");
  CHECK(redact("UserID=phonesweep-app&Password=pw+Secret%2F1&devicename=SEP1") ==
        "UserID=phonesweep-app&Password=[redacted]&devicename=SEP1");
  CHECK(redact("echo: pw Secret/1.") == "echo: [redacted].");
  const std::string basic = util::base64("phonesweep-app:pw Secret/1");
  CHECK(redact("Authorization: Basic " + basic) == "Authorization: Basic [redacted]" + basic.substr(32));
  const std::string alone = util::base64("pw Secret/1");
  CHECK(redact("token " + alone + " end") == "token [redacted]" + alone.substr(12) + " end");
  CHECK(redact("pw Secret/1pw Secret/1") == "[redacted][redacted]");
  CHECK(redact("nothing secret here") == "nothing secret here");
  CHECK(util::Redactor()("pw Secret/1") == "pw Secret/1");
  // A password of a few characters would match everywhere; only its longer spellings are looked for.
  CHECK(util::Redactor("u", "ab")("a tab") == "a tab");
}
