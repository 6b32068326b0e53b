// The "Status messages" page: every trust-list phrase of doc/DOMAIN.md §5, case-insensitively, in
// the layouts phones use; the newest trust-related line decides and is the detail.
#include <scanner/pages/status_messages_reader.hpp>

#include "page_test_support.hpp"

#include <string>
#include <vector>

using scanner::ItlState;
using scanner::pages::classify_trust_message;
using scanner::pages::read_status_messages;
using scanner::pages::TrustMessage;

namespace {

std::string upper(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

std::string lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// The 88xx layout: one table row per message, "stamp message" in one bold cell, oldest first.
std::string modern_page(const std::vector<std::string>& lines) {
  std::string page = "<HTML><HEAD><TITLE>Cisco Systems, Inc.</TITLE></HEAD><BODY><TABLE><TR><TD>"
                     "<a href=\"/CGI/Java/Serviceability?adapter=device.statistics.device\">Device information</A>"
                     "</TD></TR><TR><TD><B>Status messages</B></TD></TR></TABLE>"
                     "<TABLE BORDER=\"0\" CELLSPACING=\"10\" CELLPADDING=\"0\">";
  for (const auto& line : lines) page += "<TR><TD><B>" + line + "</B></TD></TR>\n";
  page += "</TABLE></BODY></HTML>";
  return page;
}

struct Phrase {
  const char* text;
  TrustMessage kind;
};

// doc/DOMAIN.md §5, plus the "ITL Trust Failed" the troubleshooting guide speaks of.
constexpr Phrase domain_phrases[] = {
    {"ITL installed", TrustMessage::installed},
    {"CTL Installed", TrustMessage::installed},
    {"CTL and ITL installed", TrustMessage::installed},
    {"Trust List updated", TrustMessage::installed},
    {"Trust List update failed", TrustMessage::update_failed},
    {"Trust List update failed, verification failure", TrustMessage::update_failed},
    {"ITL Trust Failed", TrustMessage::update_failed},
    {"CTL update failed", TrustMessage::ctl_update_failed},
    {"No Trust List installed", TrustMessage::not_installed},
    {"Erasing CTL and ITL files", TrustMessage::erasing},
    {"File Not Found <CTLFile.tlv>", TrustMessage::ctl_file_missing},
};

ItlState state_for(TrustMessage kind) {
  switch (kind) {
  case TrustMessage::installed: return ItlState::ok;
  case TrustMessage::update_failed: return ItlState::trust_failed;
  case TrustMessage::not_installed: return ItlState::not_installed;
  default: return ItlState::unknown;
  }
}

} // namespace

TEST_CASE("status: every doc/DOMAIN.md trust phrase is classified, in any casing") {
  for (const auto& phrase : domain_phrases) {
    const std::string text = phrase.text;
    for (const std::string& variant : {text, upper(text), lower(text), "11:39:03am 10/09/18 " + text,
                                       "  " + text + ".  ", "[" + lower(text) + "]"}) {
      CAPTURE(variant);
      CHECK(classify_trust_message(variant) == phrase.kind);
    }
  }
}

TEST_CASE("status: variants of the failure wording still count as an ITL trust failure") {
  for (const char* line : {"ITL  trust   failed", "ITL verification failure", "ITL file mismatch",
                           "Trust verification failure", "ITL update FAILED (TFTP)", "itl-trust-failed"}) {
    CAPTURE(line);
    CHECK(classify_trust_message(line) == TrustMessage::update_failed);
  }
  CHECK(classify_trust_message("No ITL installed") == TrustMessage::not_installed);
}

TEST_CASE("status: a signed file the trust list cannot verify is a trust failure (a real CP-8945 line)") {
  // real-pages/cisco-community-tac/FACTS.md
  CHECK(classify_trust_message("invalid file SEPA0B1C2D3E4F5.cnf.xml.sgn, authenticated fail. Reason:14.") ==
        TrustMessage::update_failed);
  CHECK(classify_trust_message("File Auth Fail") == TrustMessage::update_failed);
  CHECK(classify_trust_message("802.1X authentication failed") == TrustMessage::none);
  CHECK(classify_trust_message("File Not Found SEPA0B1C2D3E4F5.cnf.xml.sgn") == TrustMessage::none);
}

TEST_CASE("status: a missing CTL says nothing about the ITL, and 'ITL not installed' is not an installed ITL") {
  CHECK(classify_trust_message("No CTL installed") == TrustMessage::none);
  CHECK(classify_trust_message("ITL not installed") == TrustMessage::not_installed);
  const auto r = read_status_messages(modern_page({
      "10:00:00 2018-10-09 ITL Trust Failed",
      "10:05:00 2018-10-09 No CTL installed",
  }));
  CHECK(r.state == ItlState::trust_failed);
}

TEST_CASE("status: lines about other things are not trust messages") {
  for (const char* line :
       {"", "Load ID: sip88xx.12-5-1SR3-74", "Registered to cucm.example", "SEP001B54AABB0C.cnf.xml.sgn (TFTP)",
        "DHCP timeout", "Trusted", "Update failed: TFTP timeout", "Subtitle installed", "TFTP server 1 updated"}) {
    CAPTURE(line);
    CHECK(classify_trust_message(line) == TrustMessage::none);
  }
}

TEST_CASE("status: one timestamped line of each state-setting phrase sets the state") {
  for (const auto& phrase : domain_phrases) {
    if (state_for(phrase.kind) == ItlState::unknown) continue;
    const std::string text = "11:39:03am 10/09/18 " + upper(phrase.text);
    CAPTURE(text);
    const auto r = read_status_messages(modern_page({"9:26:53pm 10/08/18 Load ID: sip88xx", text}));
    CHECK(r.state == state_for(phrase.kind));
    CHECK(r.detail == text);
  }
}

TEST_CASE("status: a newer failure after an older success is a trust failure") {
  const auto r = read_status_messages(modern_page({
      "9:20:01am 10/09/18 Load ID: sip88xx.12-5-1SR3-74",
      "9:20:05am 10/09/18 ITL installed",
      "9:21:00am 10/09/18 Registered to cucm.example",
      "11:39:03am 10/09/18 Trust List update failed",
      "11:39:04am 10/09/18 SEP001B54AABB0C.cnf.xml.sgn (TFTP)",
  }));
  CHECK(r.state == ItlState::trust_failed);
  CHECK(r.detail == "11:39:03am 10/09/18 Trust List update failed");
}

TEST_CASE("status: a newer success after an older failure is fine") {
  const auto r = read_status_messages(modern_page({
      "9:20:05am 10/09/18 ITL Trust Failed",
      "11:39:03am 10/09/18 CTL and ITL installed",
  }));
  CHECK(r.state == ItlState::ok);
  CHECK(r.detail == "11:39:03am 10/09/18 CTL and ITL installed");
}

TEST_CASE("status: the DX wording with its verification failure suffix is a trust failure") {
  const auto r = read_status_messages(modern_page({
      "08:00:00 2018-10-09 ITL installed",
      "08:05:00 2018-10-09 Trust List update failed, verification failure",
  }));
  CHECK(r.state == ItlState::trust_failed);
  CHECK_THAT(r.detail, Catch::Contains("verification failure"));
}

TEST_CASE("status: timestamps decide over page order when a page lists newest first") {
  const auto r = read_status_messages(modern_page({
      "11:39:03am 10/09/18 No Trust List installed",
      "10:00:00am 10/09/18 Registered to cucm.example",
      "9:20:05am 10/09/18 ITL installed",
  }));
  CHECK(r.state == ItlState::not_installed);
  CHECK(r.detail == "11:39:03am 10/09/18 No Trust List installed");
}

TEST_CASE("status: am/pm and 24-hour clocks and year forms compare correctly") {
  // 12:30am is just after midnight, before 9am; 1:00pm is after 11am.
  CHECK(read_status_messages(
            modern_page({"9:00:00am 10/09/18 Trust List update failed", "12:30:00am 10/09/18 ITL installed"}))
            .state == ItlState::trust_failed);
  CHECK(read_status_messages(
            modern_page({"1:00:00pm 10/09/2018 Trust List update failed", "11:00:00am 10/09/2018 ITL installed"}))
            .state == ItlState::trust_failed);
  CHECK(read_status_messages(
            modern_page({"23:39:03 10/09/18 ITL installed", "13:00:00 10/09/18 Trust List update failed"}))
            .state == ItlState::ok);
}

TEST_CASE("status: a day greater than 12 settles dd/mm order for the whole page") {
  // 13/10/18 proves day-first; then 02/11/18 (2 Nov) is newer than 05/10/18 (5 Oct).
  const auto r = read_status_messages(modern_page({
      "10:00:00 02/11/18 ITL installed",
      "10:00:00 13/10/18 Registered to cucm.example",
      "10:00:00 05/10/18 Trust List update failed",
  }));
  CHECK(r.state == ItlState::ok);
  CHECK_THAT(r.detail, Catch::StartsWith("10:00:00 02/11/18"));
}

TEST_CASE("status: ambiguous dates fall back to page order, newest last") {
  // 02/11 vs 05/10: mm/dd says Feb < May, dd/mm says Nov > Oct; the page cannot tell.
  const auto r = read_status_messages(modern_page({
      "10:00:00 02/11/18 ITL installed",
      "10:00:00 05/10/18 Trust List update failed",
  }));
  CHECK(r.state == ItlState::trust_failed);
}

TEST_CASE("status: lines without timestamps are ordered newest last") {
  const auto r = read_status_messages("<pre>ITL installed\nTrust List update failed\n</pre>");
  CHECK(r.state == ItlState::trust_failed);
  CHECK(r.detail == "Trust List update failed");
}

TEST_CASE("status: a page whose dated lines run backwards is read newest first") {
  const auto r = read_status_messages(modern_page({
      "11:00:00am 10/09/18 Registered to cucm.example",
      "10:00:00am 10/09/18 DHCP bound",
      "ITL installed",
      "9:00:00am 10/09/18 Load ID: sip88xx",
      "Trust List update failed",
  }));
  CHECK(r.state == ItlState::ok);
  CHECK(r.detail == "ITL installed");
}

TEST_CASE("status: entities and odd markup inside a line are read through") {
  const auto r =
      read_status_messages("<table><tr><td><font color=red>11:39:03am&nbsp;10/09/18</font> <b>Trust&#x20;List</b>"
                           " <i>update</i>&#32;<span>FAILED</span>&#44; verification&nbsp;failure</td></tr>"
                           "<tr><td>9:00:00am 10/09/18 File Not Found &lt;CTLFile.tlv&gt;</td></tr></table>");
  CHECK(r.state == ItlState::trust_failed);
  CHECK(r.detail == "11:39:03am 10/09/18 Trust List update FAILED, verification failure");
}

TEST_CASE("status: a raw <CTLFile.tlv> in a line is text, not markup") {
  const auto r = read_status_messages(modern_page({
      "9:00:00am 10/09/18 ITL installed",
      "9:00:01am 10/09/18 File Not Found <CTLFile.tlv>",
  }));
  CHECK(r.state == ItlState::ok);
  CHECK(r.detail == "9:00:00am 10/09/18 ITL installed");
}

TEST_CASE("status: lines separated by <br> and uppercase tags are separate messages") {
  const auto r =
      read_status_messages("<HTML><BODY>9:00:00AM 10/09/18 ITL INSTALLED<BR>9:10:00AM 10/09/18 TRUST LIST UPDATE FAILED"
                           "<br/>9:20:00AM 10/09/18 REGISTERED</BODY></HTML>");
  CHECK(r.state == ItlState::trust_failed);
  CHECK(r.detail == "9:10:00AM 10/09/18 TRUST LIST UPDATE FAILED");
}

TEST_CASE("status: the 79xx layout with the timestamp in a cell of its own is read") {
  const auto r = read_status_messages("<table border=0 cellspacing=4 cellpadding=0>\n"
                                      "<tr><td>9:20:05a 10/09/18</td><td>ITL installed</td></tr>\n"
                                      "<tr><td>11:39:03a 10/09/18</td><td>ITL Trust Failed</td></tr>\n"
                                      "</table>");
  CHECK(r.state == ItlState::trust_failed);
  CHECK(r.detail == "11:39:03a 10/09/18 ITL Trust Failed");
  const auto swapped =
      read_status_messages("<table><tr><td>Trust List update failed</td><td>9:20:05a 10/09/18</td></tr>"
                           "<tr><td>ITL installed</td><td>11:39:03a 10/09/18</td></tr></table>");
  CHECK(swapped.state == ItlState::ok);
  CHECK(swapped.detail == "ITL installed 11:39:03a 10/09/18");
}

TEST_CASE("status: an erase newer than the deciding line is named first, the state kept") {
  const auto r = read_status_messages(modern_page({
      "9:00:00am 10/09/18 ITL installed",
      "9:05:00am 10/09/18 Erasing CTL and ITL files",
  }));
  CHECK(r.state == ItlState::ok);
  CHECK(r.detail == "9:05:00am 10/09/18 Erasing CTL and ITL files (state from older line: 9:00:00am 10/09/18 "
                    "ITL installed)");
}

TEST_CASE("status: a CTL update failure alone does not set the ITL state") {
  const auto alone = read_status_messages(modern_page({"9:00:00am 10/09/18 CTL update failed"}));
  CHECK(alone.state == ItlState::unknown);
  CHECK(alone.detail == "9:00:00am 10/09/18 CTL update failed");
  const auto after_itl = read_status_messages(modern_page({
      "9:00:00am 10/09/18 ITL installed",
      "9:05:00am 10/09/18 CTL update failed",
  }));
  CHECK(after_itl.state == ItlState::ok);
  CHECK_THAT(after_itl.detail, Catch::StartsWith("9:05:00am 10/09/18 CTL update failed"));
}

TEST_CASE("status: a page with no trust line is unknown, saying how many lines it had") {
  const auto r = read_status_messages(modern_page({
      "9:00:00am 10/09/18 Load ID: sip88xx",
      "9:00:01am 10/09/18 File Not Found <CTLFile.tlv>",
  }));
  CHECK(r.state == ItlState::unknown);
  CHECK_THAT(r.detail, Catch::Contains("no trust-list message"));
}

TEST_CASE("status: a missing, empty or unparseable page is unknown") {
  const auto empty = read_status_messages("");
  CHECK(empty.state == ItlState::unknown);
  CHECK(empty.detail == "no text on the status page");
  CHECK(read_status_messages("   \r\n\t ").state == ItlState::unknown);
  CHECK(read_status_messages("<html><head><title></title></head><body></body></html>").state == ItlState::unknown);
  CHECK(read_status_messages("<html><body><h1>404 Not Found</h1></body></html>").state == ItlState::unknown);
  CHECK(read_status_messages(std::string("\x00\xFF\xFE<<<&&&>>>\x01", 13)).state == ItlState::unknown);
  CHECK(read_status_messages("<CiscoIPPhoneError Number=\"4\"/>").state == ItlState::unknown);
}

TEST_CASE("status: the detail is cut to 200 bytes without splitting a UTF-8 character") {
  std::string long_line = "11:39:03am 10/09/18 Trust List update failed, verification failure ";
  while (long_line.size() < 400) long_line += "\xC3\xA9"; // é
  const auto r = read_status_messages(modern_page({long_line}));
  CHECK(r.state == ItlState::trust_failed);
  CHECK(r.detail.size() <= 200);
  CHECK_THAT(r.detail, Catch::EndsWith("..."));
  const std::string body = r.detail.substr(0, r.detail.size() - 3);
  CHECK((static_cast<unsigned char>(body.back()) == 0xA9 || static_cast<unsigned char>(body.back()) == ' '));
}
