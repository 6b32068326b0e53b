#include <app/axl_preflight.hpp>

#include <app/exit_status.hpp>
#include <app/log.hpp>
#include <app/signals.hpp>
#include <cucm/discovery.hpp>
#include <cucm/soap.hpp>
#include <cucm/transport.hpp>
#include <util/json_text.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace app {

namespace {

// The phones named one per line before the count of the rest: the report's CUCM section lists
// them all (report/html.cpp), so the terminal and cron mail never grow with the estate.
constexpr std::size_t listed_phones = 20;

// What AXL says about the inventory's phones: the count is the line that matters (info: the
// phones' causes carry it to the summary and the report); the first few are named.
void say_uncontrolled(const AxlPreflightOptions& o, std::span<const inventory::Target> targets,
                      const cucm::UserAssessment& user) {
  std::vector<std::string> not_controlled;
  std::size_t unnamed = 0;
  for (const auto& t : targets) {
    if (t.device_name.empty()) ++unnamed;
    else if (!cucm::controls(user, t.device_name)) not_controlled.push_back(t.device_name + " (" + t.address() + ")");
  }
  log_say("info", "axl_not_controlled",
          fmt::format("preflight: {} of {} inventory phones are not controlled by '{}'{}", not_controlled.size(),
                      targets.size(), o.user, not_controlled.empty() ? "" : ":"),
          {{"not_controlled", std::to_string(not_controlled.size())}, {"phones", std::to_string(targets.size())}});
  for (std::size_t i = 0; i < not_controlled.size() && i < listed_phones; ++i)
    log_say("info", "axl_not_controlled_phone", "preflight:   " + not_controlled[i],
            {{"phone", util::json_string(not_controlled[i])}});
  if (not_controlled.size() > listed_phones)
    log_say("info", "axl_not_controlled_more",
            fmt::format("preflight:   and {} more: the HTML report names them", not_controlled.size() - listed_phones),
            {{"more", std::to_string(not_controlled.size() - listed_phones)}});
  if (unnamed > 0)
    log_say(
        "info", "axl_unnamed",
        fmt::format("preflight: {} inventory phones have no device name; their association is not checked", unnamed),
        {{"unnamed", std::to_string(unnamed)}});
}

} // namespace

cucm::Endpoint soap_endpoint(const AxlPreflightOptions& o) {
  cucm::Endpoint endpoint;
  endpoint.base_url = cucm::base_url(o.url);
  endpoint.user = o.axl_user;
  endpoint.password = o.axl_password;
  endpoint.cacert = o.cacert;
  endpoint.insecure = o.insecure;
  endpoint.proxy = o.proxy;
  endpoint.stop_requested = [] { return StopSignals::received() != 0; };
  return endpoint;
}

AxlFacts axl_preflight(const AxlPreflightOptions& o, cucm::Transport& transport,
                       std::span<const inventory::Target> targets) {
  const std::string operation = o.end_user ? "getUser" : "getAppUser";
  const auto answer = transport.post(std::string(cucm::axl_path), cucm::axl_soap_action(operation),
                                     o.end_user ? cucm::get_user_request(o.user) : cucm::get_app_user_request(o.user));
  if (!answer && StopSignals::received() != 0)
    throw RunError(fmt::format("stopped by {} during the AXL preflight; nothing was scanned",
                               signal_name(StopSignals::received())));
  if (!answer) throw RunError("AXL preflight: " + answer.error());
  AxlFacts facts;
  if (answer->status == 401 && o.scan_account) {
    facts.refused = true;
    log_say("warning", "axl_refused",
            fmt::format("preflight: AXL {} refused the password of '{}' (HTTP 401): one failed logon "
                        "of the account the sweep uses; going on without AXL's facts",
                        operation, o.axl_user));
    return facts;
  }
  if (answer->status != 200) {
    const auto fault = cucm::read_fault(answer->body);
    if (fault && fault->axl_code == "5007") {
      facts.user_missing = true;
      log_say("warning", "axl_no_user",
              fmt::format("preflight: AXL {}: the CUCM has no user '{}': every authentication will fail", operation,
                          o.user));
      return facts;
    }
    throw RunError("AXL preflight " + operation + ": " + cucm::http_problem(*answer));
  }
  const auto user = cucm::read_user(answer->body);
  if (!user) throw RunError("AXL preflight " + operation + ": " + user.error());
  facts.user = cucm::assess(*user);
  for (const auto& group : user->groups) facts.groups.push_back(group.name);
  log_say("info", "axl_user",
          fmt::format("preflight: AXL user '{}' exists and controls {} devices", o.user, facts.user.controlled.size()),
          {{"controlled", std::to_string(facts.user.controlled.size())}});
  for (const auto& group : facts.user.missing_groups)
    log_say("warning", "axl_missing_group",
            fmt::format("preflight: the user lacks the group '{}' remote control uses", group),
            {{"group", util::json_string(group)}});
  say_uncontrolled(o, targets, facts.user);
  return facts;
}

storage::AxlView stored_axl_view(const AxlPreflightOptions& o, const AxlFacts& facts) {
  storage::AxlView view;
  view.url = cucm::base_url(o.url);
  view.operation = o.end_user ? "getUser" : "getAppUser";
  view.user = o.user;
  view.exists = !facts.user_missing;
  view.groups = facts.groups;
  view.missing_groups = facts.user.missing_groups;
  view.controlled.assign(facts.user.controlled.begin(), facts.user.controlled.end());
  std::sort(view.controlled.begin(), view.controlled.end());
  return view;
}

AxlFacts axl_facts_from(const storage::AxlView& view) {
  AxlFacts facts;
  facts.user_missing = !view.exists;
  facts.groups = view.groups;
  facts.user.userid = view.user;
  facts.user.missing_groups = view.missing_groups;
  facts.user.controlled.insert(view.controlled.begin(), view.controlled.end());
  return facts;
}

} // namespace app
