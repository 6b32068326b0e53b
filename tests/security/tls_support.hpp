#pragma once
// A self-signed certificate for fleetsim's HTTPS phones, made with openssl as the brief of
// issue 7 says (CN=phone: no phone address matches it, as on a real phone).
#include <sim/harness/child_process.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <string>

namespace security_test {

struct Certificate {
  std::string cert;
  std::string key;
};

inline Certificate make_certificate(const std::string& dir) {
  Certificate c{dir + "/cert.pem", dir + "/key.pem"};
  harness::Launch openssl;
  openssl.argv = {
      "/usr/bin/openssl", "req",   "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", c.key, "-out", c.cert, "-subj",
      "/CN=phone",        "-days", "1"};
  openssl.capture_stderr = true;
  const auto r = harness::run(openssl, std::chrono::minutes(1));
  INFO(r.err);
  REQUIRE(r.status == 0);
  return c;
}

} // namespace security_test
