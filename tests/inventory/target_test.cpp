// Which inventory hosts are addresses and which are names to look up.
#include <inventory/target.hpp>

#include <catch2/catch.hpp>

#include <string>

TEST_CASE("is_ip_literal: IPv4 and IPv6 addresses are literals, names and garbage are not", "[inventory]") {
  CHECK(inventory::is_ip_literal("10.1.2.3"));
  CHECK(inventory::is_ip_literal("2001:db8::1"));
  CHECK(inventory::is_ip_literal("::ffff:255.255.255.255"));
  CHECK(inventory::is_ip_literal("0000:0000:0000:0000:0000:ffff:255.255.255.255")); // 45 chars
  CHECK_FALSE(inventory::is_ip_literal(""));
  CHECK_FALSE(inventory::is_ip_literal("phone-7.example.net"));
  CHECK_FALSE(inventory::is_ip_literal("[2001:db8::1]"));
  CHECK_FALSE(inventory::is_ip_literal("10.1.2.3:80"));
  CHECK_FALSE(inventory::is_ip_literal("10.1.2.3 "));
  CHECK_FALSE(inventory::is_ip_literal(std::string(200, '1')));
  // A view into a longer string is judged on its own characters, not on what follows it.
  const std::string text = "10.1.2.3:8080";
  CHECK(inventory::is_ip_literal(std::string_view(text).substr(0, 8)));
}

TEST_CASE("Target::host_is_ip_literal agrees with is_ip_literal", "[inventory]") {
  inventory::Target t;
  t.host = "2001:db8::1";
  CHECK(t.host_is_ip_literal());
  t.host = "phone-7.example.net";
  CHECK_FALSE(t.host_is_ip_literal());
}
