#include <app/notify_post.hpp>

#include <app/exit_status.hpp>
#include <app/service_urls.hpp>

#include <curl/curl.h>
#include <fmt/format.h>

#include <memory>
#include <thread>

namespace app {
namespace {

std::size_t discard(char*, std::size_t size, std::size_t count, void*) { return size * count; }

struct Attempt {
  bool delivered = false;
  bool retry = false;
  std::string problem;
};

Attempt post_once(const NotifySettings& s, const std::string& json) {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return {false, true, "curl_easy_init failed"};
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(
      curl_slist_append(nullptr, "Content-Type: application/json"), curl_slist_free_all);
  char error[CURL_ERROR_SIZE] = {};
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, s.url.c_str());
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, json.data());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(json.size()));
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(s.timeout.count()));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(s.timeout.count()));
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_PROXY, ""); // proxy variables are ignored, as everywhere
  curl_easy_setopt(c, CURLOPT_NETRC, static_cast<long>(CURL_NETRC_IGNORED));
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
  const CURLcode code = curl_easy_perform(c);
  if (code != CURLE_OK) return {false, true, error[0] ? error : curl_easy_strerror(code)};
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  if (status >= 200 && status < 300) return {true, false, ""};
  // A receiver that is overloaded or restarting may take it later; any other answer will not change.
  return {false, status == 429 || status >= 500, fmt::format("HTTP {}", status)};
}

} // namespace

NotifyResult post_notification(const NotifySettings& s, const std::string& json) {
  NotifyResult result;
  auto wait = s.backoff;
  for (int attempt = 0; attempt <= s.retries; ++attempt) {
    if (attempt > 0) {
      std::this_thread::sleep_for(wait);
      wait *= 2;
    }
    ++result.attempts;
    const Attempt a = post_once(s, json);
    if (a.delivered) {
      result.delivered = true;
      return result;
    }
    result.last_problem = a.problem;
    if (!a.retry) break;
  }
  return result;
}

void check_notify_url(const std::string& url) {
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
    throw UsageError("--notify-url must be an http:// or https:// URL");
  if (without_userinfo(url) != url)
    throw UsageError("--notify-url must not hold user information (user:password@): notifications carry no "
                     "credentials");
}

} // namespace app
