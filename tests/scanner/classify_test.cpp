// How a finished transfer is classified: a table of what libcurl can say (its code, the errno of
// a failed connect, how far a timed-out transfer got) against the status the diagnosis sees; and
// the facts a real libcurl transfer on loopback gives for the cases the table cannot show.
#include <scanner/classify.hpp>
#include <tests/support/loopback_server.hpp>

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <string>

using scanner::TransferStatus;

namespace {

struct Row {
  CURLcode code;
  long os_errno;
  curl_off_t connect_us;
  curl_off_t pretransfer_us;
  long new_connections;
  bool over_cap;
  bool got_headers;
};

scanner::TransferFacts facts_of(const Row& r) {
  scanner::TransferFacts f;
  f.code = r.code;
  f.os_errno = r.os_errno;
  f.connect_us = r.connect_us;
  f.pretransfer_us = r.pretransfer_us;
  f.new_connections = r.new_connections;
  f.over_cap = r.over_cap;
  f.got_headers = r.got_headers;
  return f;
}

// One blocking libcurl transfer to `url` with a short timeout; the facts read from its handle.
scanner::TransferFacts transfer_facts(const std::string& url) {
  CURL* easy = curl_easy_init();
  REQUIRE(easy != nullptr);
  curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_PROXY, "");
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, 400L);
  curl_easy_setopt(
      easy, CURLOPT_WRITEFUNCTION, +[](char*, std::size_t size, std::size_t count, void*) { return size * count; });
  const CURLcode code = curl_easy_perform(easy);
  const scanner::TransferFacts facts = scanner::read_facts(easy, code, false, false);
  curl_easy_cleanup(easy);
  return facts;
}

} // namespace

TEST_CASE("classify: every libcurl outcome maps to the status that names whose problem it is", "[classify]") {
  // code, errno, connect µs, pre-transfer µs, new connections, over cap, got headers -> status
  const auto [row, expected] = GENERATE(table<Row, TransferStatus>({
      // Any complete answer, whatever its HTTP status (a 401, a 500), is `completed`.
      {{CURLE_OK, 0, 900, 950, 1, false, true}, TransferStatus::completed},
      {{CURLE_OK, 0, 0, 3, 0, false, true}, TransferStatus::completed}, // a reused connection
      // Our write or header callback refused more: too large; a write error of ours otherwise.
      {{CURLE_WRITE_ERROR, 0, 900, 950, 1, true, true}, TransferStatus::too_large},
      {{CURLE_WRITE_ERROR, 0, 900, 950, 1, false, true}, TransferStatus::local_error},
      {{CURLE_FILESIZE_EXCEEDED, 0, 900, 950, 1, false, true}, TransferStatus::too_large},
      // A connect that failed: the phone's problem, unless this process ran out of descriptors.
      {{CURLE_COULDNT_CONNECT, ECONNREFUSED, 0, 0, 0, false, false}, TransferStatus::connect_failed},
      {{CURLE_COULDNT_CONNECT, EHOSTUNREACH, 0, 0, 0, false, false}, TransferStatus::connect_failed},
      {{CURLE_COULDNT_CONNECT, ENETUNREACH, 0, 0, 0, false, false}, TransferStatus::connect_failed},
      {{CURLE_COULDNT_CONNECT, EMFILE, 0, 0, 0, false, false}, TransferStatus::local_error},
      {{CURLE_COULDNT_CONNECT, ENFILE, 0, 0, 0, false, false}, TransferStatus::local_error},
      {{CURLE_COULDNT_CONNECT, ENOBUFS, 0, 0, 0, false, false}, TransferStatus::local_error},
      {{CURLE_COULDNT_RESOLVE_HOST, 0, 0, 0, 0, false, false}, TransferStatus::connect_failed},
      {{CURLE_COULDNT_RESOLVE_HOST, EMFILE, 0, 0, 0, false, false}, TransferStatus::local_error},
      // A timeout: whether a connection was ever made tells a connect timeout from a slow answer.
      {{CURLE_OPERATION_TIMEDOUT, 0, 0, 0, 0, false, false}, TransferStatus::connect_timeout},
      {{CURLE_OPERATION_TIMEDOUT, 0, 1200, 1300, 1, false, false}, TransferStatus::timed_out},
      {{CURLE_OPERATION_TIMEDOUT, 0, 0, 1, 0, false, false}, TransferStatus::timed_out}, // reused connection
      {{CURLE_OPERATION_TIMEDOUT, 0, 0, 0, 1, false, false}, TransferStatus::timed_out}, // TLS handshake stalled
      {{CURLE_OPERATION_TIMEDOUT, 0, 0, 0, 0, false, true}, TransferStatus::timed_out},  // headers, no end
      {{CURLE_SSL_CONNECT_ERROR, 0, 900, 0, 1, false, false}, TransferStatus::tls_failed},
      {{CURLE_PEER_FAILED_VERIFICATION, 0, 900, 0, 1, false, false}, TransferStatus::tls_failed},
      {{CURLE_SSL_CACERT_BADFILE, 0, 0, 0, 0, false, false}, TransferStatus::tls_failed},
      {{CURLE_USE_SSL_FAILED, 0, 900, 0, 1, false, false}, TransferStatus::tls_failed},
      {{CURLE_PARTIAL_FILE, 0, 900, 950, 1, false, true}, TransferStatus::closed_early},
      {{CURLE_RECV_ERROR, 0, 900, 950, 1, false, false}, TransferStatus::closed_early},
      {{CURLE_SEND_ERROR, 0, 900, 950, 1, false, false}, TransferStatus::closed_early},
      {{CURLE_GOT_NOTHING, 0, 900, 950, 1, false, false}, TransferStatus::closed_early},
      {{CURLE_WEIRD_SERVER_REPLY, 0, 900, 950, 1, false, true}, TransferStatus::closed_early},
      {{CURLE_BAD_CONTENT_ENCODING, 0, 900, 950, 1, false, true}, TransferStatus::closed_early},
      {{CURLE_UNSUPPORTED_PROTOCOL, 0, 0, 0, 0, false, false}, TransferStatus::closed_early},
      // Our side: libcurl misused or out of memory.
      {{CURLE_OUT_OF_MEMORY, 0, 0, 0, 0, false, false}, TransferStatus::local_error},
      {{CURLE_FAILED_INIT, 0, 0, 0, 0, false, false}, TransferStatus::local_error},
      {{CURLE_URL_MALFORMAT, 0, 0, 0, 0, false, false}, TransferStatus::local_error},
      {{CURLE_BAD_FUNCTION_ARGUMENT, 0, 0, 0, 0, false, false}, TransferStatus::local_error},
  }));
  CAPTURE(curl_easy_strerror(row.code), row.os_errno, row.connect_us, row.pretransfer_us, row.new_connections,
          row.over_cap, row.got_headers);
  CHECK(scanner::classify(facts_of(row)) == expected);
}

TEST_CASE("classify: a real refused connect, a silent server and an HTTP 500 read as connect_failed, timed_out "
          "and completed",
          "[classify]") {
  SECTION("refused") {
    // A port bound but not listening: the kernel answers the SYN with a reset.
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&address), size) == 0);
    REQUIRE(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) == 0);
    const auto facts = transfer_facts("http://127.0.0.1:" + std::to_string(ntohs(address.sin_port)) + "/");
    close(fd);
    CHECK(facts.code == CURLE_COULDNT_CONNECT);
    CHECK(facts.os_errno == ECONNREFUSED);
    CHECK(scanner::classify(facts) == TransferStatus::connect_failed);
  }
  SECTION("silent") {
    test_support::LoopbackServer silent([](const std::string&) { return std::nullopt; });
    const auto facts = transfer_facts(silent.url() + "/");
    CHECK(facts.code == CURLE_OPERATION_TIMEDOUT);
    CHECK((facts.connect_us > 0 || facts.pretransfer_us > 0 || facts.new_connections > 0));
    CHECK(scanner::classify(facts) == TransferStatus::timed_out);
  }
  SECTION("HTTP 500") {
    test_support::LoopbackServer failing([](const std::string&) { return test_support::http_response(500, "broken"); });
    const auto facts = transfer_facts(failing.url() + "/");
    CHECK(facts.code == CURLE_OK);
    CHECK(scanner::classify(facts) == TransferStatus::completed);
  }
}
