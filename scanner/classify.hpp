#pragma once
// How one finished transfer ended, from what libcurl says about it: the one place where CURLcode
// becomes a TransferStatus (scanner/transfer.hpp). Any HTTP status of a complete answer is
// `completed`: judging the answer is the probe plan's job, not the transport's.
#include <scanner/transfer.hpp>

#include <curl/curl.h>

namespace scanner {

// What classify() needs to know about a transfer besides its CURLcode.
struct TransferFacts {
  CURLcode code = CURLE_OK;
  long os_errno = 0;             // CURLINFO_OS_ERRNO (read for connect failures only)
  curl_off_t connect_us = 0;     // CURLINFO_CONNECT_TIME_T (read for timeouts only)
  curl_off_t pretransfer_us = 0; // CURLINFO_PRETRANSFER_TIME_T (read for timeouts only)
  long new_connections = 0;      // CURLINFO_NUM_CONNECTS (read for timeouts only)
  bool over_cap = false;         // our write or header callback refused the answer (too big)
  bool got_headers = false;      // at least one response header line arrived
};

TransferStatus classify(const TransferFacts& facts);

// The facts of a transfer `easy` finished with `code`, asking libcurl only what that code needs.
TransferFacts read_facts(CURL* easy, CURLcode code, bool over_cap, bool got_headers);

} // namespace scanner
