// The sweep on a scripted loop (tests/scanner/scripted_loop.hpp): the admission window, one
// lookup per host name, the CUCM circuit breaker, the stop deadline, the credential guard's
// wiring and local errors, each on simulated time and without a socket.
#include <scanner/sweeper.hpp>
#include <tests/scanner/scripted_loop.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

using namespace test_support;
using scanner::Lane;
using scanner::TransferStatus;

namespace {

// The shortest image the screenshot reader takes for a PNG: signature, IHDR chunk, IEND chunk.
const std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + std::string("\0\0\0\x0dIHDR", 8) +
                        std::string(13 + 4, '\0') + std::string("\0\0\0\0IEND", 8) + std::string(4, '\0');
const std::string error4 = R"(<?xml version="1.0"?><CiscoIPPhoneError Number="4"/>)";
const std::string cucm_url = "https://127.0.0.2:8443/ccmcip/authenticate.jsp";

std::string device_name(int n) {
  std::string digits = std::to_string(n);
  return "SEP" + std::string(12 - digits.size(), '0') + digits;
}

inventory::Target phone(int n) {
  inventory::Target t;
  t.host = "127.16.0." + std::to_string(n);
  t.port = 80;
  t.device_name = device_name(n);
  t.model = "CP-8841";
  return t;
}

std::vector<inventory::Target> phones(int count) {
  std::vector<inventory::Target> targets;
  for (int n = 1; n <= count; ++n) targets.push_back(phone(n));
  return targets;
}

Reply answer(long status, std::string body = {}, std::string type = "text/html", Clock::duration after = 10ms) {
  Reply r;
  r.response.status = TransferStatus::completed;
  r.response.http_status = status;
  r.response.content_type = std::move(type);
  r.response.body = std::move(body);
  r.after = after;
  return r;
}

Reply failure(TransferStatus status, std::string error, Clock::duration after) {
  Reply r;
  r.response.status = status;
  r.response.error = std::move(error);
  r.after = after;
  return r;
}

bool is_screenshot(const scanner::Request& r) { return r.url.find("/CGI/Screenshot") != std::string::npos; }
bool is_device_page(const scanner::Request& r) { return r.url.find("/DeviceInformationX") != std::string::npos; }

// A phone's pages: its device information, and a 404 for every other page; the screenshot and
// the CUCM as `screenshot` and `cucm` say.
Script estate(std::function<Reply(const scanner::Request&)> screenshot,
              std::function<Reply(const scanner::Request&)> cucm = nullptr) {
  Script s;
  s.answer = [screenshot = std::move(screenshot), cucm = std::move(cucm)](const scanner::Request& r) {
    if (r.lane == Lane::cucm) {
      if (!cucm) FAIL("the CUCM was asked: " << r.url);
      return cucm(r);
    }
    if (is_screenshot(r)) return screenshot(r);
    if (is_device_page(r))
      return answer(200,
                    "<?xml version=\"1.0\"?><DeviceInformation><modelNumber>CP-8841</modelNumber>"
                    "<MACAddress>0CD0F8123456</MACAddress></DeviceInformation>",
                    "text/xml");
    return answer(404);
  };
  return s;
}

Reply image(const scanner::Request&) { return answer(200, png, "image/png"); }

struct Run {
  scanner::SweepStats stats;
  std::vector<scanner::FinishedPhone> finished;
  LoopRecord loop;
  std::size_t pulled = 0;        // targets taken from the source
  std::size_t peak_admitted = 0; // taken and not finished, at most at once
};

Run sweep(const scanner::SweepSettings& settings, const std::vector<inventory::Target>& targets, const Script& script,
          const std::atomic<bool>& stop = std::atomic<bool>{false}) {
  Run run;
  const scanner::TargetSource source = [&]() -> std::optional<inventory::Target> {
    if (run.pulled == targets.size()) return std::nullopt;
    ++run.pulled;
    run.peak_admitted = std::max(run.peak_admitted, run.pulled - run.finished.size());
    return targets[run.pulled - 1];
  };
  const scanner::PhoneSink sink = [&](scanner::FinishedPhone&& phone) { run.finished.push_back(std::move(phone)); };
  run.stats = scanner::sweep_on(scripted_loop(script, run.loop), settings, source, sink, stop);
  return run;
}

const scanner::FinishedPhone& finished(const Run& run, int n) {
  const std::string address = phone(n).address();
  const auto found = std::find_if(run.finished.begin(), run.finished.end(),
                                  [&](const scanner::FinishedPhone& p) { return p.target.address() == address; });
  REQUIRE(found != run.finished.end());
  return *found;
}

scanner::SweepSettings accepted_credentials(int concurrency) {
  scanner::SweepSettings settings;
  settings.limits.concurrency = concurrency;
  settings.guard.accepted_by = "AXL"; // the guard stands aside: these tests are not about it
  return settings;
}

} // namespace

TEST_CASE("sweeper: never more than --concurrency phones read pages at once, as many more may wait parked on "
          "their screenshot, and every phone reaches the sink once",
          "[sweeper]") {
  const auto settings = accepted_credentials(3);
  // Slow screenshots: phones pile up parked on them while others read their pages.
  const Run run = sweep(settings, phones(30), estate([](const scanner::Request& r) {
                          Reply reply = image(r);
                          reply.after = 2s;
                          return reply;
                        }));
  CHECK(run.stats.phones == 30);
  CHECK(run.stats.abandoned == 0);
  REQUIRE(run.finished.size() == 30);
  std::set<std::string> addresses;
  for (const auto& p : run.finished) {
    addresses.insert(p.target.address());
    CHECK(p.evidence.screenshot == scanner::ScreenshotAnswer::image);
  }
  CHECK(addresses.size() == 30);
  CHECK(run.loop.peak(Lane::anonymous) <= 3);
  CHECK(run.loop.peak(Lane::anonymous) == 3);
  // Parked phones make room for more readers (a phone is admitted while fewer than --concurrency
  // are parked), never more than twice the window.
  CHECK(run.peak_admitted > 3);
  CHECK(run.peak_admitted <= 6);
  CHECK(run.loop.peak(Lane::authenticated) > 3);
}

TEST_CASE("sweeper: a host name is looked up once however many phones use it, and the CUCM's first of all",
          "[sweeper]") {
  auto settings = accepted_credentials(3);
  settings.plan.cucm_url = "https://cucm.example.net:8443/ccmcip/authenticate.jsp";
  std::vector<inventory::Target> targets;
  for (int n = 1; n <= 12; ++n) {
    inventory::Target t = phone(n);
    t.host = n <= 8 ? "shared.example.net" : "phone" + std::to_string(n) + ".example.net";
    t.port = static_cast<std::uint16_t>(8000 + n); // another port, another phone
    targets.push_back(t);
  }
  Script script = estate(image);
  script.lookup = [](const std::string& host) {
    LookupReply reply;
    reply.resolution.ok = true;
    reply.resolution.addresses = {host == "cucm.example.net" ? "127.0.0.2" : "127.16.1.1"};
    reply.after = 300ms; // slower than a page: phones admitted meanwhile wait on the same lookup
    return reply;
  };
  const Run run = sweep(settings, targets, script);
  CHECK(run.finished.size() == 12);
  REQUIRE_FALSE(run.loop.lookups.empty());
  CHECK(run.loop.lookups.front() == "cucm.example.net");
  std::multiset<std::string> asked(run.loop.lookups.begin(), run.loop.lookups.end());
  CHECK(asked == std::multiset<std::string>{"cucm.example.net", "phone10.example.net", "phone11.example.net",
                                            "phone12.example.net", "phone9.example.net", "shared.example.net"});
  REQUIRE_FALSE(run.loop.sent.empty());
  CHECK(run.loop.sent.front().at >= 300ms); // no phone before the CUCM's address is known
  for (const Sent& s : run.loop.sent) {
    CAPTURE(s.request.url);
    CHECK(s.request.connect_ip == (s.request.lane == Lane::cucm ? "127.0.0.2" : "127.16.1.1"));
  }
}

TEST_CASE("sweeper: a --cucm host that does not resolve ends the sweep with its name before any phone is asked",
          "[sweeper]") {
  auto settings = accepted_credentials(3);
  settings.plan.cucm_url = "https://cucm.example.net:8443/ccmcip/authenticate.jsp";
  Script script = estate(image);
  script.lookup = [](const std::string&) {
    LookupReply reply;
    reply.resolution.error = "Domain name not found";
    return reply;
  };
  LoopRecord record;
  std::size_t pulled = 0;
  const scanner::TargetSource source = [&]() -> std::optional<inventory::Target> {
    ++pulled;
    return phone(1);
  };
  CHECK_THROWS_WITH(
      scanner::sweep_on(
          scripted_loop(script, record), settings, source, [](scanner::FinishedPhone&&) {}, std::atomic<bool>{false}),
      Catch::Contains("cucm.example.net does not resolve: Domain name not found"));
  CHECK(pulled == 0);
  CHECK(record.sent.empty());
}

TEST_CASE("sweeper: once the CUCM failed 2 × --cucm-concurrency (at least 8) requests in a row, the phones still "
          "needing it are answered at once, not sent",
          "[sweeper]") {
  auto settings = accepted_credentials(10);
  settings.plan.cucm_url = cucm_url;
  settings.limits.cucm_concurrency = 2; // threshold: max(8, 4) = 8
  const auto error4_screenshot = [](const scanner::Request&) { return answer(200, error4, "text/xml"); };
  const Run run = sweep(settings, phones(40), estate(error4_screenshot, [](const scanner::Request&) {
                          return failure(TransferStatus::connect_failed, "Connection refused", 1s);
                        }));
  REQUIRE(run.finished.size() == 40);
  const std::size_t asked = run.loop.sent_to("/ccmcip/").size();
  CHECK(asked >= 8);
  CHECK(asked <= 8 + 2); // those already in flight when the 8th failure came back
  CHECK(run.loop.peak(Lane::cucm) <= 2);
  std::size_t not_asked = 0;
  for (const auto& p : run.finished) {
    CHECK(p.evidence.cucm == scanner::CucmAuth::error);
    if (p.evidence.cucm_detail.find("not asked: the CUCM failed 8 requests in a row (last: Connection refused)") !=
        std::string::npos)
      ++not_asked;
  }
  CHECK(not_asked == 40 - asked);
  // Answered at once: 30 phones do not wait 30 / 2 × 1 s for a CUCM that is down.
  CHECK(run.loop.ended < 10s);
}

TEST_CASE("sweeper: an answer from the CUCM between failures resets the count: every cross-check is sent",
          "[sweeper]") {
  auto settings = accepted_credentials(10);
  settings.plan.cucm_url = cucm_url;
  settings.limits.cucm_concurrency = 2;
  int cucm_requests = 0;
  const Run run = sweep(settings, phones(40),
                        estate([](const scanner::Request&) { return answer(200, error4, "text/xml"); },
                               [&](const scanner::Request&) {
                                 // Every fifth answers; four failures in a row never reach 8.
                                 if (++cucm_requests % 5 == 0) return answer(200, "UN-AUTHORIZED", "text/plain", 1s);
                                 return failure(TransferStatus::timed_out, "Operation timed out", 1s);
                               }));
  REQUIRE(run.finished.size() == 40);
  CHECK(run.loop.sent_to("/ccmcip/").size() == 40);
}

TEST_CASE("sweeper: after a stop request nothing new is admitted, admitted phones get one timeout, then the rest "
          "are abandoned",
          "[sweeper]") {
  auto settings = accepted_credentials(2);
  settings.limits.total_timeout = 10s;
  std::atomic<bool> stop{false};
  // Pages answer every 4 s (each phone asks many), screenshots never within the sweep.
  Script script;
  script.answer = [](const scanner::Request& r) {
    if (is_screenshot(r)) return failure(TransferStatus::timed_out, "Operation timed out", 10s);
    return answer(404, {}, "text/html", 4s);
  };
  std::size_t pulled_at_stop = 0;
  std::size_t pulled = 0;
  script.at.emplace(5s, [&] {
    stop = true;
    pulled_at_stop = pulled;
  });
  LoopRecord record;
  std::vector<scanner::FinishedPhone> done;
  const auto stats = scanner::sweep_on(
      scripted_loop(script, record), settings,
      [&]() -> std::optional<inventory::Target> { return phone(static_cast<int>(++pulled)); },
      [&](scanner::FinishedPhone&& p) { done.push_back(std::move(p)); }, stop);
  CHECK(stats.stopped);
  CHECK(pulled == pulled_at_stop); // nothing admitted after the stop
  CHECK(pulled_at_stop > 0);
  CHECK(record.stopped);
  // Stopped at the first callback at or after stop + timeout: 15 s, and before the next answer.
  CHECK(record.ended >= 15s);
  CHECK(record.ended < 19s);
  for (const Sent& s : record.sent) CHECK(s.at < 15s); // nothing sent after the deadline
  CHECK(stats.abandoned == pulled - done.size());
  CHECK(stats.abandoned > 0);
  CHECK(stats.phones == done.size());
}

TEST_CASE("sweeper: a stop requested before the sweep admits no phone", "[sweeper]") {
  const auto settings = accepted_credentials(4);
  const std::atomic<bool> stop{true};
  const Run run = sweep(settings, phones(5), estate(image), stop);
  CHECK(run.stats.stopped);
  CHECK(run.pulled == 0);
  CHECK(run.loop.sent.empty());
}

TEST_CASE("sweeper: a configured canary is asked of the CUCM before any phone gets the credentials", "[sweeper]") {
  scanner::SweepSettings settings;
  settings.limits.concurrency = 4;
  settings.plan.cucm_url = cucm_url;
  settings.guard.canaries = {{"SEPCAFE00000001", true}};
  const Run run =
      sweep(settings, phones(10),
            estate(image, [](const scanner::Request&) { return answer(200, "AUTHORIZED", "text/plain", 500ms); }));
  REQUIRE(run.finished.size() == 10);
  REQUIRE_FALSE(run.loop.sent.empty());
  const Sent& first = run.loop.sent.front();
  CHECK(first.request.lane == Lane::cucm);
  CHECK(first.request.post_form.find("devicename=SEPCAFE00000001") != std::string::npos);
  const auto screenshots = run.loop.sent_to("/CGI/Screenshot");
  REQUIRE(screenshots.size() == 10);
  for (const Sent& s : screenshots) CHECK(s.at >= 500ms);
  CHECK(run.loop.sent_to("/ccmcip/").size() == 1); // accepted: the phones' images need no cross-check
  CHECK(run.stats.credentials.verdict == scanner::CredentialVerdict::accepted);
  CHECK(run.stats.credentials.accepted_by == "the CUCM for SEPCAFE00000001");
}

TEST_CASE("sweeper: while the credentials are unproven, one screenshot at a time, once one is an image, they "
          "overlap",
          "[sweeper]") {
  scanner::SweepSettings settings;
  settings.limits.concurrency = 8;
  int screenshots = 0;
  const Run run = sweep(settings, phones(20), estate([&](const scanner::Request&) {
                          // The first phone answers Error 4 (its own problem, or a wrong password).
                          if (++screenshots == 1) return answer(200, error4, "text/xml", 1s);
                          return answer(200, png, "image/png", 1s);
                        }));
  REQUIRE(run.finished.size() == 20);
  const auto sent = run.loop.sent_to("/CGI/Screenshot");
  REQUIRE(sent.size() == 20);
  CHECK(sent[0].outstanding == 1);
  CHECK(sent[1].outstanding == 1);
  CHECK(sent[1].at >= sent[0].at + 1s); // after the first one's answer
  CHECK(sent[2].at >= sent[1].at + 1s);
  CHECK(run.loop.peak(Lane::authenticated) > 1);
  CHECK(run.stats.credentials.verdict == scanner::CredentialVerdict::accepted);
  CHECK(run.stats.credentials.failed_logons == 0);
}

TEST_CASE("sweeper: once refused twice, no phone gets the credentials: the rest are withheld", "[sweeper]") {
  scanner::SweepSettings settings;
  settings.limits.concurrency = 4;
  const Run run =
      sweep(settings, phones(10), estate([](const scanner::Request&) { return answer(200, error4, "text/xml"); }));
  REQUIRE(run.finished.size() == 10);
  CHECK(run.loop.sent_to("/CGI/Screenshot").size() == 2);
  CHECK(run.stats.withheld == 8);
  CHECK(run.stats.credentials.verdict == scanner::CredentialVerdict::rejected);
  std::size_t withheld = 0;
  for (const auto& p : run.finished) withheld += p.evidence.screenshot == scanner::ScreenshotAnswer::withheld_unproven;
  CHECK(withheld == 8);
}

TEST_CASE("sweeper: a phone waiting at the guard when the source runs dry gets its probe, the sweep does not end "
          "with it waiting",
          "[sweeper]") {
  scanner::SweepSettings settings;
  settings.limits.concurrency = 2;
  settings.plan.cucm_url = cucm_url;
  // Phone 1 reads its pages at once and waits at the guard; the CUCM refuses its device as a
  // canary (not conclusive: it may not be the user's). Phone 2 times out only after 3 s: until
  // then it might offer another device name, so the guard waits; when it ends, the source is
  // found dry and phone 1's own screenshot must become the probe.
  Script script =
      estate(image, [](const scanner::Request&) { return answer(200, "UN-AUTHORIZED", "text/plain", 100ms); });
  const auto pages = script.answer;
  script.answer = [pages](const scanner::Request& r) {
    if (r.url.find("127.16.0.2") != std::string::npos)
      return failure(TransferStatus::connect_timeout, "Connection timed out", 3s);
    return pages(r);
  };
  const Run run = sweep(settings, phones(2), script);
  CHECK(run.stats.abandoned == 0);
  REQUIRE(run.finished.size() == 2);
  CHECK(finished(run, 1).evidence.screenshot == scanner::ScreenshotAnswer::image);
  CHECK(finished(run, 2).evidence.transport == TransferStatus::connect_timeout);
  const auto canaries = run.loop.sent_to("/ccmcip/");
  REQUIRE(canaries.size() == 1);
  CHECK(canaries[0].request.post_form.find("devicename=" + device_name(1)) != std::string::npos);
  const auto screenshots = run.loop.sent_to("/CGI/Screenshot");
  REQUIRE(screenshots.size() == 1);
  CHECK(screenshots[0].at >= 3s);
}

TEST_CASE("sweeper: a transfer that failed on this machine is counted as the run's problem and marks the phone "
          "local_error, not unreachable",
          "[sweeper]") {
  const auto settings = accepted_credentials(4);
  Script script = estate(image);
  const auto pages = script.answer;
  script.answer = [pages](const scanner::Request& r) {
    if (r.url.find("127.16.0.3") != std::string::npos && is_device_page(r))
      return failure(TransferStatus::local_error, "event loop: epoll_ctl: No space left on device", 0ms);
    if (r.url.find("127.16.0.5") != std::string::npos && is_screenshot(r))
      return failure(TransferStatus::local_error, "could not start a transfer", 0ms);
    return pages(r);
  };
  const Run run = sweep(settings, phones(6), script);
  REQUIRE(run.finished.size() == 6);
  CHECK(run.stats.local_errors == 2);
  CHECK(finished(run, 3).evidence.transport == TransferStatus::local_error);
  CHECK(finished(run, 3).evidence.transport_detail == "event loop: epoll_ctl: No space left on device");
  CHECK(finished(run, 5).evidence.transport == TransferStatus::local_error);
  for (int n : {1, 2, 4, 6}) CHECK(finished(run, n).evidence.transport == TransferStatus::completed);
}
