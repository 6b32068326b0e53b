// What the engine hands back as a response body: whole, whatever size its receive buffer is,
// whether the answer announces its length or ends at the connection's close, and still whole
// after the engine has taken its transfer back (it frees the buffer once the handler is done);
// and how many transfers (libcurl handles) it keeps for reuse.
#include <scanner/engine.hpp>
#include <tests/support/loopback_server.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace {

using namespace std::chrono_literals;

// A body that is not one byte repeated, so that a piece lost or doubled shows.
std::string numbered_body(std::size_t size) {
  std::string body;
  for (std::size_t i = 0; body.size() < size; ++i) body += std::to_string(i) + ',';
  body.resize(size);
  return body;
}

// "/announced/N": N bytes with Content-Length; "/unannounced/N": N bytes ended by the close.
std::optional<std::string> answer_by_path(const std::string& request) {
  const auto path_start = request.find(' ') + 1;
  const std::string path = request.substr(path_start, request.find(' ', path_start) - path_start);
  const std::size_t size = std::stoul(path.substr(path.rfind('/') + 1));
  if (path.starts_with("/announced/")) return test_support::http_response(200, numbered_body(size));
  return "HTTP/1.1 200 X\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n" + numbered_body(size);
}

struct Fetched {
  std::map<std::uint64_t, std::string> bodies; // the body each handler call was given, kept
  std::size_t pooled = 0;                      // the engine's pooled transfers at the end
  std::size_t peak_in_flight = 0;
};

// Fetches every path, `concurrency` at a time (transfers are reused from one request to the
// next), keeping each body the handler was given by moving it out of the response.
Fetched fetch_all(const test_support::LoopbackServer& server, const std::vector<std::string>& paths,
                  int concurrency = 1) {
  scanner::EngineLimits limits;
  limits.concurrency = concurrency;
  limits.connect_timeout = 10s;
  limits.total_timeout = 10s;
  Fetched fetched;
  scanner::Engine engine(
      limits, scanner::Credentials{},
      [&](std::uint64_t token, scanner::Response& r) {
        CHECK(r.status == scanner::TransferStatus::completed);
        fetched.bodies[token] = std::move(r.body);
      },
      [](std::uint64_t, scanner::Resolution&&) {}, [] {});
  for (std::size_t i = 0; i < paths.size(); ++i) {
    scanner::Request request;
    request.url = server.url() + paths[i];
    engine.fetch(i, std::move(request));
  }
  engine.run();
  fetched.pooled = engine.pooled_transfers();
  fetched.peak_in_flight = engine.peak_in_flight();
  return fetched;
}

// Checks that each answer's body arrived as served: `sizes[i]` bytes for `paths[i]`.
void check_bodies(const std::vector<std::string>& paths, const std::vector<std::size_t>& sizes) {
  const test_support::LoopbackServer server(answer_by_path);
  const auto bodies = fetch_all(server, paths).bodies;
  REQUIRE(bodies.size() == paths.size());
  for (std::size_t i = 0; i < paths.size(); ++i) {
    INFO(paths[i]);
    CHECK(bodies.at(i) == numbered_body(sizes[i]));
  }
}

} // namespace

TEST_CASE("engine: a body many receive buffers long arrives whole, whether its length is announced or ends at the "
          "close",
          "[engine]") {
  // 200000: more than the engine sets aside on a Content-Length alone, less than the body cap.
  check_bodies({"/announced/50000", "/unannounced/50000", "/announced/4097", "/announced/1", "/announced/200000"},
               {50000, 50000, 4097, 1, 200000});
}

TEST_CASE("engine: a body the handler kept stays intact while its transfer carries the next answers", "[engine]") {
  check_bodies({"/announced/3000", "/unannounced/9000", "/announced/200", "/announced/0"}, {3000, 9000, 200, 0});
}

TEST_CASE("engine: it keeps no more transfers (libcurl handles) than were in flight at once, however many requests "
          "it served",
          "[engine]") {
  const test_support::LoopbackServer server(answer_by_path);
  const std::vector<std::string> paths(24, "/announced/100");
  const Fetched fetched = fetch_all(server, paths, 3);
  CHECK(fetched.bodies.size() == 24);
  CHECK(fetched.peak_in_flight == 3);
  CHECK(fetched.pooled == 3);
}
