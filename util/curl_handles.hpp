#pragma once
// Owners of libcurl's handles, so that no path (a set-up that throws, an early return) leaks one.
// libcurl itself is initialised once per process, in main (util/net_libraries.hpp).
// curl.h declares CURL, CURLM and CURLSH as `void` for C++: the deleter type is what tells the
// owners apart.
#include <curl/curl.h>

#include <memory>

namespace util {

struct EasyCleanup {
  void operator()(CURL* easy) const noexcept { curl_easy_cleanup(easy); }
};
struct MultiCleanup {
  void operator()(CURLM* multi) const noexcept { curl_multi_cleanup(multi); }
};
struct ShareCleanup {
  // Fails (and leaks) while an easy handle still uses the share: clean those first.
  void operator()(CURLSH* share) const noexcept { curl_share_cleanup(share); } // closes its connections
};

using EasyHandle = std::unique_ptr<CURL, EasyCleanup>;
using MultiHandle = std::unique_ptr<CURLM, MultiCleanup>;
using ShareHandle = std::unique_ptr<CURLSH, ShareCleanup>;

// A curl_slist (header lines, CURLOPT_CONNECT_TO entries). libcurl reads the list during the
// transfer: it must outlive the transfer that was given it.
class CurlSlist {
public:
  CurlSlist() = default;
  CurlSlist(CurlSlist&& other) noexcept : head_(other.head_) { other.head_ = nullptr; }
  CurlSlist& operator=(CurlSlist&& other) noexcept {
    if (this != &other) {
      clear();
      head_ = other.head_;
      other.head_ = nullptr;
    }
    return *this;
  }
  CurlSlist(const CurlSlist&) = delete;
  CurlSlist& operator=(const CurlSlist&) = delete;
  ~CurlSlist() { clear(); }

  // Appends a copy of `line`. False when libcurl could not allocate it (the list is unchanged).
  [[nodiscard]] bool append(const char* line) noexcept {
    curl_slist* grown = curl_slist_append(head_, line);
    if (grown == nullptr) return false;
    head_ = grown;
    return true;
  }
  void clear() noexcept {
    curl_slist_free_all(head_);
    head_ = nullptr;
  }
  [[nodiscard]] curl_slist* get() const noexcept { return head_; }
  [[nodiscard]] bool empty() const noexcept { return head_ == nullptr; }

private:
  curl_slist* head_ = nullptr;
};

// Sets options on one easy handle and keeps the first failure, so that a caller checks once
// whether every option took: a transfer missing one would run other than asked (without its
// timeout, its body cap, or with a proxy), so a caller does not start it.
class EasyOptions {
public:
  explicit EasyOptions(CURL* easy) noexcept : easy_(easy) {}
  template <typename Value>
  void set(CURLoption option, Value value) noexcept {
    const CURLcode code = curl_easy_setopt(easy_, option, value);
    if (first_failure_ == CURLE_OK) first_failure_ = code;
  }
  // CURLE_OK when every option took, else the first failure.
  [[nodiscard]] CURLcode result() const noexcept { return first_failure_; }

private:
  CURL* easy_;
  CURLcode first_failure_ = CURLE_OK;
};

} // namespace util
