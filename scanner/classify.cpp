#include <scanner/classify.hpp>

#include <cerrno>

namespace scanner {
namespace {

bool is_connect_failure(CURLcode code) {
  return code == CURLE_COULDNT_CONNECT || code == CURLE_COULDNT_RESOLVE_HOST || code == CURLE_COULDNT_RESOLVE_PROXY;
}

TransferStatus classify_connect_failure(const TransferFacts& f) {
  // Out of descriptors is our problem, not the phone's.
  if (f.os_errno == EMFILE || f.os_errno == ENFILE || f.os_errno == ENOBUFS) return TransferStatus::local_error;
  return TransferStatus::connect_failed;
}

TransferStatus classify_timeout(const TransferFacts& f) {
  // libcurl reports a connect timeout and a slow answer with the same code; a transfer that
  // never connected has a zero connect time. A transfer on a reused connection has a zero
  // connect time too (it made no connect), but it got as far as sending its request: a
  // non-zero pre-transfer time (libcurl counts at least 1 µs once it is reached).
  // A TLS handshake that stalls after the TCP connect ("SSL connection timeout") also has a
  // zero connect time in libcurl 7.88 (it is taken when TLS is up), but the connection was
  // made: NUM_CONNECTS is 1 (0 when the TCP connect itself timed out).
  const bool connected = f.connect_us > 0 || f.pretransfer_us > 0 || f.got_headers || f.new_connections > 0;
  return connected ? TransferStatus::timed_out : TransferStatus::connect_timeout;
}

} // namespace

TransferStatus classify(const TransferFacts& f) {
  if (is_connect_failure(f.code)) return classify_connect_failure(f);
  switch (f.code) {
  case CURLE_OK: return TransferStatus::completed;
  case CURLE_WRITE_ERROR: return f.over_cap ? TransferStatus::too_large : TransferStatus::local_error;
  case CURLE_FILESIZE_EXCEEDED: return TransferStatus::too_large;
  case CURLE_OPERATION_TIMEDOUT: return classify_timeout(f);
  case CURLE_SSL_CONNECT_ERROR:
  case CURLE_PEER_FAILED_VERIFICATION:
  case CURLE_SSL_CERTPROBLEM:
  case CURLE_SSL_CIPHER:
  case CURLE_SSL_CACERT_BADFILE:
  case CURLE_SSL_ISSUER_ERROR:
  case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
  case CURLE_SSL_INVALIDCERTSTATUS:
  case CURLE_USE_SSL_FAILED: return TransferStatus::tls_failed;
  case CURLE_PARTIAL_FILE:
  case CURLE_RECV_ERROR:
  case CURLE_SEND_ERROR:
  case CURLE_GOT_NOTHING:
  case CURLE_WEIRD_SERVER_REPLY:
  case CURLE_HTTP2:
  case CURLE_HTTP2_STREAM:
  case CURLE_BAD_CONTENT_ENCODING:
  case CURLE_TOO_MANY_REDIRECTS:
  case CURLE_UNSUPPORTED_PROTOCOL: return TransferStatus::closed_early;
  default: return TransferStatus::local_error;
  }
}

TransferFacts read_facts(CURL* easy, CURLcode code, bool over_cap, bool got_headers) {
  TransferFacts f;
  f.code = code;
  f.over_cap = over_cap;
  f.got_headers = got_headers;
  // A failed getinfo leaves the zero it was given: the facts of a transfer that got nowhere.
  if (is_connect_failure(code)) {
    curl_easy_getinfo(easy, CURLINFO_OS_ERRNO, &f.os_errno);
  } else if (code == CURLE_OPERATION_TIMEDOUT) {
    curl_easy_getinfo(easy, CURLINFO_CONNECT_TIME_T, &f.connect_us);
    curl_easy_getinfo(easy, CURLINFO_PRETRANSFER_TIME_T, &f.pretransfer_us);
    curl_easy_getinfo(easy, CURLINFO_NUM_CONNECTS, &f.new_connections);
  }
  return f;
}

} // namespace scanner
