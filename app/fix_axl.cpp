#include <app/fix_axl.hpp>

#include <app/exit_status.hpp>
#include <app/signals.hpp>
#include <cucm/discovery.hpp>
#include <cucm/soap.hpp>

#include <fmt/format.h>

namespace app {
namespace {

bool stop_requested() { return StopSignals::received() != 0; }

} // namespace

FixAxl::FixAxl(FixAxlSettings settings) : settings_(std::move(settings)), url_(cucm::base_url(settings_.url)) {
  cucm::Endpoint endpoint;
  endpoint.base_url = url_;
  endpoint.user = settings_.axl_user;
  endpoint.password = std::move(settings_.password);
  endpoint.cacert = settings_.cacert;
  endpoint.insecure = settings_.insecure;
  endpoint.proxy = settings_.proxy;
  endpoint.stop_requested = stop_requested;
  transport_ = std::make_unique<cucm::CurlTransport>(std::move(endpoint));
}

FixAxl::FixAxl(FixAxlSettings settings, std::unique_ptr<cucm::Transport> transport)
    : settings_(std::move(settings)), url_(cucm::base_url(settings_.url)), transport_(std::move(transport)) {}

cucm::AxlUser FixAxl::read() {
  const std::string operation(cucm::get_operation(settings_.end_user));
  ++reads_;
  const auto answer =
      transport_->post(std::string(cucm::axl_path), cucm::axl_soap_action(operation, settings_.version),
                       settings_.end_user ? cucm::get_user_request(settings_.userid, settings_.version)
                                          : cucm::get_app_user_request(settings_.userid, settings_.version));
  if (!answer && stop_requested())
    throw RunError(fmt::format("stopped by {} while asking AXL", signal_name(StopSignals::received())));
  if (!answer) throw RunError(fmt::format("AXL {} at {}: {}", operation, url_, answer.error()));
  if (answer->status != 200) {
    const auto fault = cucm::read_fault(answer->body);
    if (fault && fault->axl_code == "5007")
      throw RunError(fmt::format("AXL {} at {}: the CUCM has no user '{}'", operation, url_, settings_.userid));
    throw RunError(fmt::format("AXL {} at {}: {}", operation, url_, cucm::http_problem(*answer)));
  }
  auto user = cucm::read_user(answer->body);
  if (!user) throw RunError(fmt::format("AXL {} at {}: {}", operation, url_, user.error()));
  if (!user->devices_listed || !user->groups_listed)
    throw RunError(fmt::format("AXL {} at {} did not show the user's {}: fix writes whole lists and will not "
                               "write one it cannot see",
                               operation, url_, user->devices_listed ? "access control groups" : "controlled devices"));
  return std::move(*user);
}

tl::expected<std::string, std::string> FixAxl::write(const cucm::UserLists& lists) {
  const std::string operation(cucm::update_operation(settings_.end_user));
  ++writes_;
  const auto answer =
      transport_->post(std::string(cucm::axl_path), cucm::axl_soap_action(operation, settings_.version),
                       cucm::update_user_request(settings_.end_user, settings_.userid, lists, settings_.version));
  if (!answer) return tl::make_unexpected(answer.error());
  if (answer->status != 200) return tl::make_unexpected(cucm::http_problem(*answer));
  return cucm::read_update(answer->body, settings_.end_user);
}

} // namespace app
