#pragma once
// The per-phone probe plan: a small state machine that says what to ask next and turns the
// answers into Evidence. It never touches curl handles or sockets (the engine does).
// Order: name lookup, device information, status messages, network setup, screenshot, the
// authentication URL's host lookup, the CUCM's verdict. Each page is asked where the model
// table says; when that path answers anything but a page (a 404), or the table does not know
// the model, the plan follows the phone's own menu (scanner/page_search.hpp). Menu pages are
// asked on the anonymous lane, without credentials, on the phone's own host only.
#include <inventory/target.hpp>
#include <scanner/evidence.hpp>
#include <scanner/page_search.hpp>
#include <scanner/transfer.hpp>
#include <util/redact.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace scanner {

namespace pages {
struct PhoneModel;
}

struct PlanSettings {
  std::string cucm_url;        // authentication service; empty: no CUCM cross-check
  std::string cucm_connect_ip; // address of the CUCM host (resolved once per sweep)
  std::string user;            // for the CUCM form; the password is added by the sweep
  std::string password;
  util::Redactor redactor; // the password out of answers read into text (set by the sweep)
  bool check_auth_url_dns = true;
  std::size_t page_cap = 512 * 1024;       // HTML / XML pages
  std::size_t image_cap = 4 * 1024 * 1024; // screenshots (an 8865 PNG is a few hundred KiB)
};

// The CUCM authentication service's form POST for `device_name` (doc/DOMAIN.md §3), on the CUCM lane:
// a phone's cross-check, and the credential guard's canaries.
Request cucm_check_request(const PlanSettings& settings, std::string_view device_name);

struct Step {
  enum class Kind { fetch, resolve, done };
  Kind kind = Kind::done;
  Request request;  // kind == fetch
  std::string host; // kind == resolve: a host name to look up
};

class ProbePlan {
public:
  // `target` and `settings` must outlive the plan.
  ProbePlan(const inventory::Target& target, const PlanSettings& settings);

  // What to do now. After a fetch or resolve step, the sweep delivers exactly one answer: a
  // response, a resolution, or (for an authenticated request, see Request::lane) withhold().
  Step next();
  void on_response(const Response& response);
  void on_resolved(const Resolution& resolution);
  // The sweep did not send the authenticated request of the last step, so that the credentials
  // would not be spent (scanner/credential_guard.hpp): the screenshot is marked `why`
  // (withheld_rejected / withheld_unproven), or a cross-check stays not_checked; `reason` says why.
  void withhold(ScreenshotAnswer why, const std::string& reason);

  [[nodiscard]] const Evidence& evidence() const { return evidence_; }
  [[nodiscard]] Evidence& evidence() { return evidence_; }

private:
  enum class Stage {
    target_lookup,
    device_info,
    status_messages,
    network_setup,
    screenshot,
    auth_url_lookup,
    cucm_check,
    finished,
  };
  void advance();
  // Makes `stage` current if it has something to ask (for a page stage: a path to try).
  [[nodiscard]] bool enter(Stage stage);
  [[nodiscard]] bool applies(Stage stage) const;
  // The next path to try for a page stage, std::nullopt when there is none left.
  [[nodiscard]] std::optional<std::string> next_page_path(Stage stage) const;
  // After an answer that was not the page wanted: the next path for the same stage, or on.
  void try_next_path_or_advance();
  Request page_request(std::string_view path, std::size_t cap) const;
  [[nodiscard]] bool last_phone_request() const;
  // Records a page stage's answer; true when it is the page wanted, else the next path is set
  // up (or the stage left).
  bool took_page(pages::PageKind kind, const Response& response);
  void on_device_page(const Response& response, bool answered);
  void on_status_page(const Response& response);
  void on_network_page(const Response& response);
  [[nodiscard]] bool identified_as_phone() const;
  void record_device(const DeviceInfo& info, std::string_view source);

  const inventory::Target& target_;
  const PlanSettings& settings_;
  Evidence evidence_;
  Stage stage_ = Stage::target_lookup;
  // The model table's row for the phone: the inventory's model, replaced by the phone's own
  // answer in record_device. Looked up there and in the constructor only (lookups allocate).
  const pages::PhoneModel* model_;
  PageSearch search_;
  std::string page_path_;   // the path asked in the current page stage
  bool host_is_ip_literal_; // target_.host needs no DNS lookup (decided once)
  std::string connect_ip_;
  std::string base_url_;
  std::string auth_url_host_;
};

} // namespace scanner
