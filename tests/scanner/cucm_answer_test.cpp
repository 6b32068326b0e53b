#include <scanner/cucm_answer.hpp>

#include <catch2/catch.hpp>

using namespace scanner;

TEST_CASE("read_cucm_answer: the three verdicts, bare or wrapped") {
  CHECK(read_cucm_answer(200, "AUTHORIZED").auth == CucmAuth::authorized);
  CHECK(read_cucm_answer(200, "  AUTHORIZED\r\n").auth == CucmAuth::authorized);
  CHECK(read_cucm_answer(200, "<html><body>AUTHORIZED</body></html>").auth == CucmAuth::authorized);
  CHECK(read_cucm_answer(200, "UN-AUTHORIZED").auth == CucmAuth::unauthorized);
  CHECK(read_cucm_answer(200, "UNAUTHORIZED\n").auth == CucmAuth::unauthorized);
  CHECK(read_cucm_answer(200, "ERROR").auth == CucmAuth::error);
}

TEST_CASE("read_cucm_answer: a non-200 status or an unknown body is an error with a reason") {
  const auto down = read_cucm_answer(503, "AUTHORIZED");
  CHECK(down.auth == CucmAuth::error);
  CHECK(down.detail.find("503") != std::string::npos);
  const auto odd = read_cucm_answer(200, "<html>login page</html>");
  CHECK(odd.auth == CucmAuth::error);
  CHECK(odd.detail.find("login page") != std::string::npos);
}

TEST_CASE("form_encode: reserved characters of a password are percent-encoded") {
  CHECK(form_encode("a b&c=d+e%") == "a+b%26c%3Dd%2Be%25");
  CHECK(form_encode("plain-Text_1.~") == "plain-Text_1.~");
}
