#pragma once
// Delivers --notify-url's document: one JSON POST, retried with exponential back-off when the
// receiver is down, times out, or answers 429 or 5xx. Never throws and never fails the run: a
// notification that cannot be delivered is one warning. It carries no credentials: no user
// information in the URL (refused when the options are checked), no Authorization header, no
// .netrc, proxy variables ignored, redirects not followed.
#include <chrono>
#include <string>

namespace app {

struct NotifySettings {
  std::string url;
  int retries = 3;                          // attempts after the first
  std::chrono::milliseconds backoff{1000};  // before the first retry; doubled for each next one
  std::chrono::milliseconds timeout{10000}; // per attempt
};

struct NotifyResult {
  bool delivered = false;
  int attempts = 0;
  std::string last_problem; // the receiver's status or curl's reason, for the warning
};

NotifyResult post_notification(const NotifySettings& settings, const std::string& json);

// Throws UsageError naming --notify-url for a URL that is not http(s):// or holds user:password@.
void check_notify_url(const std::string& url);

} // namespace app
