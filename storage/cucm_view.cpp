#include <storage/cucm_view.hpp>

#include <storage/json_fields.hpp>
#include <util/json_text.hpp>

#include <fmt/format.h>
#include <simdjson.h>

namespace storage {

using json_fields::read_count;
using json_fields::read_string;
using json_fields::read_strings;

std::string encode_cucm_view(const CucmView& view) {
  std::string out = "{";
  if (view.axl) {
    const AxlView& a = *view.axl;
    out += fmt::format(R"("axl":{{"url":{},"operation":{},"user":{},"exists":{},"groups":{},)"
                       R"("missing_groups":{},"controlled":{}}})",
                       util::json_string(a.url), util::json_string(a.operation), util::json_string(a.user), a.exists,
                       util::json_string_array(a.groups), util::json_string_array(a.missing_groups),
                       util::json_string_array(a.controlled));
  }
  if (view.discovery) {
    const DiscoveryView& d = *view.discovery;
    if (out.size() > 1) out += ',';
    out += fmt::format(R"("discovery":{{"url":{},"name_pattern":{},"phones":{},"unregistered":{},)"
                       R"("web_disabled":{},"without_address":{}}})",
                       util::json_string(d.url), util::json_string(d.name_pattern), d.phones, d.unregistered,
                       d.web_disabled, util::json_string_array(d.without_address));
  }
  if (view.risport) {
    const RisPortView& r = *view.risport;
    if (out.size() > 1) out += ',';
    out += fmt::format(R"("risport":{{"url":{},"by_name":{},"by_address":{},"requests":{},"rate_faults":{},)"
                       R"("known":{},"unregistered":{},"web_disabled":{},"moved":{},"not_found":{},)"
                       R"("unchecked":{},"error":{}}})",
                       util::json_string(r.url), r.by_name, r.by_address, r.requests, r.rate_faults, r.known,
                       r.unregistered, r.web_disabled, r.moved, util::json_string_array(r.not_found),
                       util::json_string_array(r.unchecked), util::json_string(r.error));
  }
  return out + "}";
}

namespace {

bool read_risport(simdjson::dom::object object, RisPortView& r) {
  return read_string(object, "url", r.url) && read_count(object, "by_name", r.by_name) &&
         read_count(object, "by_address", r.by_address) && read_count(object, "requests", r.requests) &&
         read_count(object, "rate_faults", r.rate_faults) && read_count(object, "known", r.known) &&
         read_count(object, "unregistered", r.unregistered) && read_count(object, "web_disabled", r.web_disabled) &&
         read_count(object, "moved", r.moved) && read_strings(object["not_found"], r.not_found) &&
         read_strings(object["unchecked"], r.unchecked) && read_string(object, "error", r.error);
}

} // namespace

std::optional<CucmView> decode_cucm_view(std::string_view json) {
  CucmView view;
  if (json == "{}") return view;
  simdjson::dom::parser parser;
  simdjson::dom::object root;
  if (parser.parse(json.data(), json.size()).get_object().get(root)) return std::nullopt;
  simdjson::dom::object object;
  if (!root["axl"].get_object().get(object)) {
    AxlView a;
    bool exists = false;
    if (!read_string(object, "url", a.url) || !read_string(object, "operation", a.operation) ||
        !read_string(object, "user", a.user) || object["exists"].get_bool().get(exists) ||
        !read_strings(object["groups"], a.groups) || !read_strings(object["missing_groups"], a.missing_groups) ||
        !read_strings(object["controlled"], a.controlled))
      return std::nullopt;
    a.exists = exists;
    view.axl = std::move(a);
  } else if (root["axl"].error() != simdjson::NO_SUCH_FIELD) {
    return std::nullopt;
  }
  if (!root["discovery"].get_object().get(object)) {
    DiscoveryView d;
    if (!read_string(object, "url", d.url) || !read_string(object, "name_pattern", d.name_pattern) ||
        !read_count(object, "phones", d.phones) || !read_count(object, "unregistered", d.unregistered) ||
        !read_count(object, "web_disabled", d.web_disabled) ||
        !read_strings(object["without_address"], d.without_address))
      return std::nullopt;
    view.discovery = std::move(d);
  } else if (root["discovery"].error() != simdjson::NO_SUCH_FIELD) {
    return std::nullopt;
  }
  if (!root["risport"].get_object().get(object)) {
    RisPortView r;
    if (!read_risport(object, r)) return std::nullopt;
    view.risport = std::move(r);
  } else if (root["risport"].error() != simdjson::NO_SUCH_FIELD) {
    return std::nullopt;
  }
  return view;
}

diagnosis::AxlUserFacts axl_user_facts(const AxlView& view) {
  diagnosis::AxlUserFacts facts;
  facts.user_missing = !view.exists;
  facts.roles_missing = !view.missing_groups.empty();
  facts.controlled.insert(view.controlled.begin(), view.controlled.end());
  return facts;
}

diagnosis::CucmFacts cucm_facts(const CucmView& view) {
  diagnosis::CucmFacts facts;
  if (view.axl) facts.axl = axl_user_facts(*view.axl);
  return facts;
}

} // namespace storage
