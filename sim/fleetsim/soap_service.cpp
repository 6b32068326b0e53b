#include <sim/fleetsim/soap_service.hpp>

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace fleetsim {
namespace {

constexpr std::string_view envelope_open = "<?xml version='1.0' encoding='UTF-8'?><soapenv:Envelope "
                                           "xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>";
constexpr std::string_view envelope_close = "</soapenv:Body></soapenv:Envelope>";
constexpr std::string_view risport_path = "/realtimeservice2/services/RISService70";
// Epoch seconds of the modelled registrations: a fixed instant keeps answers reproducible.
constexpr std::int64_t registered_since = 1717000000;

std::string_view local_name(std::string_view name) {
  const auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node named_child(const pugi::xml_node& parent, std::string_view name) {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && local_name(c.name()) == name) return c;
  return {};
}

pugi::xml_node named_descendant(const pugi::xml_node& root, std::string_view name) {
  return root.find_node(
      [name](const pugi::xml_node& n) { return n.type() == pugi::node_element && local_name(n.name()) == name; });
}

std::string text_of(const pugi::xml_node& node) {
  std::string_view s = node.text().get();
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

// Its own XML escaper, not cucm::xml_escape: a test oracle shares no code with the program it checks.
std::string escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    default: out += c;
    }
  }
  return out;
}

std::string element(std::string_view name, std::string_view value) {
  return "<" + std::string(name) + ">" + escape(value) + "</" + std::string(name) + ">";
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// SQL LIKE as AXL's searchCriteria applies it: '%' any run, '_' one character, no case.
bool like(std::string_view pattern, std::string_view text) {
  if (pattern.empty()) return text.empty();
  if (pattern.front() == '%') {
    for (std::size_t skip = 0; skip <= text.size(); ++skip)
      if (like(pattern.substr(1), text.substr(skip))) return true;
    return false;
  }
  if (text.empty()) return false;
  const bool same = pattern.front() == '_' || std::tolower(static_cast<unsigned char>(pattern.front())) ==
                                                  std::tolower(static_cast<unsigned char>(text.front()));
  return same && like(pattern.substr(1), text.substr(1));
}

SoapReply fault(std::string_view code, std::string_view message, std::string_view detail = {}) {
  SoapReply reply;
  reply.status = 500;
  reply.body = std::string(envelope_open) + "<soapenv:Fault><faultcode>" + escape(code) + "</faultcode><faultstring>" +
               escape(message) + "</faultstring>";
  if (!detail.empty()) reply.body += "<detail>" + std::string(detail) + "</detail>";
  reply.body += "</soapenv:Fault>" + std::string(envelope_close);
  return reply;
}

SoapReply axl_fault(std::string_view message, int code, std::string_view request) {
  return fault("soapenv:Client", message,
               "<axlError><axlcode>" + std::to_string(code) + "</axlcode><axlmessage>" + escape(message) +
                   "</axlmessage><request>" + escape(request) + "</request></axlError>");
}

// An AXL answer in the namespace (AXL version) the request used.
SoapReply axl_answer(const std::string& ns, std::string_view name, const std::string& inner) {
  return SoapReply{200, std::string(envelope_open) + "<ns:" + std::string(name) + " xmlns:ns=\"" + escape(ns) + "\">" +
                            inner + "</ns:" + std::string(name) + ">" + std::string(envelope_close)};
}

std::size_t number_or(const pugi::xml_node& node, std::size_t fallback) {
  const std::string text = text_of(node);
  std::size_t value = fallback;
  if (text.empty()) return fallback;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc{} && end == text.data() + text.size() ? value : fallback;
}

// RisPort's numeric model codes are illustrative: phonesweep reads the model from AXL.
std::string_view model_code(std::string_view model) {
  if (model == "CP-8841") return "36213";
  if (model == "CP-8811") return "36217";
  if (model == "CP-8851") return "36214";
  if (model == "CP-8865") return "36247";
  if (model == "CP-7821") return "621";
  if (model == "CP-7841") return "622";
  if (model == "CP-8821") return "36250";
  if (model == "DX80") return "36208";
  if (model == "CP-7942G") return "434";
  if (model == "CP-7962G") return "404";
  if (model == "CP-7965G") return "436";
  if (model == "CP-7975G") return "437";
  if (model == "CP-6901") return "547";
  return "36041";
}

// Tomcat's session ids are 32 upper-case hex digits.
std::string fmt_session_id(std::uint64_t n) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string id(32, '0');
  for (std::size_t i = 0; i < 16 && n != 0; ++i, n >>= 4) id[31 - i] = hex[n & 0xF];
  return id;
}

} // namespace

std::string axl_model_name(std::string_view model) {
  std::string name(model);
  if (name.rfind("CP-", 0) == 0) name.erase(0, 3);
  if (name.size() == 5 && name[0] == '7' && name.back() == 'G') name.pop_back(); // 7965G
  if (name.rfind("ATA-", 0) == 0) name[3] = ' ';
  return "Cisco " + name;
}

SoapService::SoapService(const Estate& estate, SoapLimits limits, CredentialPolicy* policy, UserAccount* account)
    : estate_(estate), limits_(limits), policy_(policy),
      own_account_(account == nullptr ? std::make_unique<UserAccount>(estate) : nullptr),
      account_(account == nullptr ? own_account_.get() : account) {
  if (limits_.risport_requests == 0) limits_.risport_requests = 1;
  for (const Phone& p : estate_.phones) by_name_.emplace(lower(p.device_name), p.index);
}

SoapReply SoapService::handle(std::string_view path, std::string_view body,
                              const std::optional<Credentials>& credentials, Clock::time_point now) {
  const bool axl_path = path == "/axl/" || path == "/axl";
  if (!axl_path && path != risport_path) return SoapReply{404, "<html><body>404 Not Found</body></html>", "text/html"};
  if (!accepts(credentials)) {
    std::lock_guard lock(mutex_);
    ++counters_.unauthorized;
    return SoapReply{401,
                     "<html><head><title>HTTP Status 401 - Unauthorized</title></head><body>"
                     "<h1>HTTP Status 401 - Unauthorized</h1></body></html>",
                     "text/html"};
  }
  return axl_path ? axl(body) : risport(body, now);
}

std::string SoapService::session(std::string_view cookie) {
  const auto at = cookie.find("JSESSIONID=");
  std::string session;
  if (at != std::string_view::npos) {
    const auto value = cookie.substr(at + 11);
    session = std::string(value.substr(0, value.find(';')));
  }
  std::lock_guard lock(mutex_);
  if (!session.empty() && sessions_.contains(session)) {
    ++counters_.requests_in_session;
    return {};
  }
  session = fmt_session_id(++counters_.sessions_started);
  sessions_.insert(session);
  return "JSESSIONID=" + session + "; Path=/; Secure; HttpOnly";
}

void SoapService::count_connection() {
  std::lock_guard lock(mutex_);
  ++counters_.soap_connections;
}

bool SoapService::accepts(const std::optional<Credentials>& credentials) {
  if (!credentials) return false;
  if (policy_ != nullptr) return policy_->logon(credentials->user, credentials->password);
  return credentials->user == estate_.cucm.user && credentials->password == estate_.cucm.password;
}

SoapReply SoapService::axl(std::string_view body) {
  {
    std::lock_guard lock(mutex_);
    ++counters_.axl_requests;
  }
  pugi::xml_document doc;
  if (!doc.load_buffer(body.data(), body.size())) return fault("soapenv:Client", "Unmarshalling Error: not XML");
  const pugi::xml_node soap_body = named_descendant(doc, "Body");
  pugi::xml_node operation = soap_body.first_child();
  while (operation && operation.type() != pugi::node_element) operation = operation.next_sibling();
  if (!operation) return fault("soapenv:Client", "Unmarshalling Error: no operation");
  const std::string_view op = local_name(operation.name());
  // Answer in the namespace (AXL version) the request used.
  std::string ns = "http://www.cisco.com/AXL/API/14.0";
  const std::string_view qualified = operation.name();
  const auto colon = qualified.find(':');
  const std::string xmlns =
      colon == std::string_view::npos ? std::string("xmlns") : "xmlns:" + std::string(qualified.substr(0, colon));
  for (pugi::xml_node n = operation; n; n = n.parent())
    if (const auto a = n.attribute(xmlns.c_str())) {
      ns = a.value();
      break;
    }
  const auto response = [&](std::string_view name, const std::string& inner) { return axl_answer(ns, name, inner); };

  if (op == "listPhone") {
    const std::string pattern = text_of(named_child(named_child(operation, "searchCriteria"), "name"));
    if (pattern.empty()) return axl_fault("searchCriteria must name at least one criterion", 5003, "listPhone");
    std::vector<std::string> tags;
    for (pugi::xml_node t = named_child(operation, "returnedTags").first_child(); t; t = t.next_sibling())
      if (t.type() == pugi::node_element) tags.emplace_back(local_name(t.name()));
    if (tags.empty()) tags = {"name", "description", "model", "devicePoolName"};
    const std::size_t skip = number_or(named_child(operation, "skip"), 0);
    const pugi::xml_node first_node = named_child(operation, "first");
    std::vector<const Phone*> matched;
    for (const Phone& p : estate_.phones)
      if (like(pattern, p.device_name)) matched.push_back(&p);
    const std::size_t first = number_or(first_node, matched.size());
    const std::size_t begin = std::min(skip, matched.size());
    const std::size_t end = std::min(matched.size(), begin + first);
    if (end - begin > limits_.axl_max_rows) {
      return axl_fault("Query request too large. Total rows matched: " + std::to_string(matched.size()) +
                           " rows. Suggestive Row Fetch: less than " + std::to_string(limits_.axl_max_rows) + " rows",
                       -1, "listPhone");
    }
    std::string rows;
    for (std::size_t i = begin; i < end; ++i) {
      const Phone& p = *matched[i];
      rows += "<phone uuid=\"{" + p.mac.substr(0, 8) + "-0000-4000-8000-" + p.mac + "}\">";
      for (const std::string& tag : tags) {
        if (tag == "name") rows += element("name", p.device_name);
        else if (tag == "description") rows += element("description", p.description);
        else if (tag == "model") rows += element("model", axl_model_name(p.model->model));
        else if (tag == "devicePoolName")
          rows += "<devicePoolName uuid=\"{1B1B9EB6-7803-11D3-BDF0-00108302EAD1}\">" + escape(p.device_pool) +
                  "</devicePoolName>";
      }
      rows += "</phone>";
    }
    return response("listPhoneResponse", rows.empty() ? "<return/>" : "<return>" + rows + "</return>");
  }

  if (op == "getAppUser" || op == "getUser" || op == "updateAppUser" || op == "updateUser")
    return axl_user(op, operation, ns);
  return fault("soapenv:Client", "Operation not supported by this simulator: " + std::string(op));
}

// The one user of the estate, an application user (getAppUser, updateAppUser) or an end user
// (getUser, updateUser): its devices and groups live in the UserAccount, so an update shows in
// the next answer and in every phone's next logon. Another user or the other kind: fault 5007.
SoapReply SoapService::axl_user(std::string_view op, const pugi::xml_node& operation, const std::string& ns) {
  const bool end_user_op = op == "getUser" || op == "updateUser";
  const std::string userid = text_of(named_child(operation, "userid"));
  if (end_user_op != estate_.cucm.end_user || userid != estate_.cucm.user)
    return axl_fault("Item not valid: The specified User was not found", 5007, op);
  const auto respond = [&](std::string_view name, const std::string& inner) { return axl_answer(ns, name, inner); };
  const std::string uuid = "{0AE1F3C2-0000-4000-8000-000000000001}";
  if (op == "updateAppUser" || op == "updateUser") {
    const auto names = [&](std::string_view list, std::string_view item, bool nested) {
      const pugi::xml_node node = named_child(operation, list);
      std::optional<std::vector<std::string>> out;
      if (!node) return out;
      out.emplace();
      for (pugi::xml_node i = node.first_child(); i; i = i.next_sibling())
        if (i.type() == pugi::node_element && local_name(i.name()) == item)
          out->push_back(text_of(nested ? named_child(i, "name") : i));
      return out;
    };
    // fleetsim's wording for a name the CUCM does not know (the real text is unconfirmed).
    if (const auto unknown =
            account_->update(names("associatedDevices", "device", false), names("associatedGroups", "userGroup", true)))
      return axl_fault("Item not valid: no device or user group named " + *unknown, 5007, op);
    {
      std::lock_guard lock(mutex_);
      ++counters_.axl_updates;
    }
    return respond(std::string(op) + "Response", "<return>" + uuid + "</return>");
  }
  return respond(std::string(op) + "Response", "<return>" + user_element(op, operation, userid, uuid) + "</return>");
}

std::string SoapService::user_element(std::string_view op, const pugi::xml_node& operation, const std::string& userid,
                                      const std::string& uuid) const {
  // getUser: only what returnedTags names; without returnedTags, no associatedGroups, as newer
  // CUCMs are said to answer (unconfirmed: a client that asks for them works either way).
  std::vector<std::string> tags;
  const pugi::xml_node returned = named_child(operation, "returnedTags");
  for (pugi::xml_node t = returned.first_child(); t; t = t.next_sibling())
    if (t.type() == pugi::node_element) tags.emplace_back(local_name(t.name()));
  const bool end_user = op == "getUser";
  const auto wanted = [&](std::string_view tag) {
    if (!end_user) return true;
    if (!returned) return tag != "associatedGroups";
    return std::find(tags.begin(), tags.end(), tag) != tags.end();
  };
  std::string devices;
  for (const std::string& d : account_->devices()) devices += element("device", d);
  std::string groups;
  for (const UserGroup& g : account_->groups()) {
    groups += "<userGroup>" + element("name", g.name) + "<userRoles>";
    for (const std::string& r : g.roles) groups += element("userRole", r);
    groups += "</userRoles></userGroup>";
  }
  const std::string tag = end_user ? "user" : "appUser";
  std::string out = "<" + tag + " uuid=\"" + uuid + "\">";
  if (wanted("userid")) out += element("userid", userid);
  if (!end_user)
    out += "<password/><digestCredentials/><presenceGroupName uuid=\"{AD243D17-98B4-4118-8FEB-5FF2E1B781AC}\">"
           "Standard Presence group</presenceGroupName><acceptPresenceSubscription>false</acceptPresenceSubscription>";
  if (wanted("associatedDevices"))
    out += devices.empty() ? "<associatedDevices/>" : "<associatedDevices>" + devices + "</associatedDevices>";
  if (wanted("associatedGroups")) out += "<associatedGroups>" + groups + "</associatedGroups>";
  return out + "</" + tag + ">";
}

SoapReply SoapService::risport(std::string_view body, Clock::time_point now) {
  {
    std::lock_guard lock(mutex_);
    ++counters_.risport_requests;
    while (!risport_recent_.empty() && now - risport_recent_.front() >= limits_.risport_window)
      risport_recent_.pop_front();
    if (risport_recent_.size() >= limits_.risport_requests) {
      ++counters_.risport_rate_faults;
      const auto per_minute = limits_.risport_requests * 60'000ULL /
                              static_cast<unsigned long long>(std::max<long long>(1, limits_.risport_window.count()));
      return fault("soapenv:Server.RateControl",
                   "AxisFault: Exceeded allowed rate for Reatime information. Current allowed rate for realtime "
                   "information is " +
                       std::to_string(per_minute) +
                       " requests per minute.If problem persists, please contact system administrator.",
                   "<ns1:hostname xmlns:ns1=\"http://xml.apache.org/axis/\">cucm-pub</ns1:hostname>");
    }
    risport_recent_.push_back(now);
    counters_.risport_max_in_window = std::max<std::uint64_t>(counters_.risport_max_in_window, risport_recent_.size());
  }
  pugi::xml_document doc;
  if (!doc.load_buffer(body.data(), body.size()))
    return fault("soapenv:Server.userException", "org.xml.sax.SAXParseException: not XML");
  const pugi::xml_node select = named_descendant(doc, "selectCmDeviceExt");
  if (!select) return fault("soapenv:Server.userException", "only selectCmDeviceExt is simulated");
  const pugi::xml_node criteria = named_child(select, "CmSelectionCriteria");
  const std::string select_by = text_of(named_child(criteria, "SelectBy"));
  // SelectBy as Cisco's RisPort70 schema spells it (Name, IPV4Address, IPV6Address, DirNumber,
  // Description, SIPStatus: developer.cisco.com/docs/sxml/risport70-api); Name and IPV4Address
  // are simulated.
  const bool by_address = select_by == "IPV4Address";
  if (select_by != "Name" && !by_address)
    return fault("soapenv:Server.userException", "only SelectBy Name and IPV4Address are simulated");
  const std::string status = lower(text_of(named_child(criteria, "Status")));
  const std::size_t max_returned =
      std::min(number_or(named_child(criteria, "MaxReturnedDevices"), 1000), limits_.risport_max_items);
  std::vector<std::string> items;
  for (pugi::xml_node i = named_child(criteria, "SelectItems").first_child(); i; i = i.next_sibling())
    if (i.type() == pugi::node_element) items.push_back(text_of(named_child(i, "Item")));
  if (items.size() > limits_.risport_max_items)
    return fault("soapenv:Server.userException",
                 "SelectItems exceeds the maximum of " + std::to_string(limits_.risport_max_items) + " devices");
  {
    std::lock_guard lock(mutex_);
    counters_.risport_max_items = std::max<std::uint64_t>(counters_.risport_max_items, items.size());
    if (by_address) ++counters_.risport_by_address;
  }

  std::vector<const Phone*> found;
  for (const std::string& item : items) {
    const Phone* phone = nullptr;
    if (by_address) {
      const auto address = parse_ipv4(item);
      phone = address ? estate_.find_by_address(*address) : nullptr;
      if (phone != nullptr && phone->ipv6) phone = nullptr;
    } else if (const auto it = by_name_.find(lower(item)); it != by_name_.end()) {
      phone = &estate_.phones[it->second];
    }
    if (phone == nullptr) continue;
    const Phone& p = *phone;
    if (status == "registered" && !p.registered) continue;
    if (status == "unregistered" && p.registered) continue;
    if (found.size() < max_returned) found.push_back(&p);
  }
  // Two subscribers share the phones, as on a real cluster; each device is on one node only.
  std::string nodes;
  for (int node = 0; node < 2; ++node) {
    std::string devices;
    for (const Phone* p : found) {
      if (static_cast<int>(p->index % 2) != node) continue;
      const std::string state = p->registered ? "Registered" : "UnRegistered";
      devices += "<ns1:item>" + element("ns1:Name", p->device_name) +
                 element("ns1:DirNumber", p->directory_number + "-" + state) + element("ns1:DeviceClass", "Phone") +
                 element("ns1:Model", model_code(p->model->model)) +
                 element("ns1:Product", model_code(p->model->model)) + element("ns1:BoxProduct", "0") +
                 element("ns1:Httpd", p->httpd ? "Yes" : "No") + element("ns1:RegistrationAttempts", "0") +
                 element("ns1:IsCtiControllable", "true") + element("ns1:LoginUserId", "") +
                 element("ns1:Status", state) + element("ns1:StatusReason", p->registered ? "0" : "8") +
                 element("ns1:PerfMonObject", "2") + element("ns1:DChannel", "0") +
                 element("ns1:Description", p->description) + "<ns1:H323Trunk/>" +
                 element("ns1:TimeStamp", std::to_string(registered_since + static_cast<std::int64_t>(p->index))) +
                 element("ns1:Protocol", "SIP") + element("ns1:NumOfLines", "1") +
                 element("ns1:ActiveLoadID", p->firmware->version) + element("ns1:InactiveLoadID", "") +
                 element("ns1:DownloadStatus", "Successful") + "<ns1:IPAddress><ns1:item>" +
                 element("ns1:IP", ipv4_text(p->address)) + element("ns1:IPAddrType", "ipv4") +
                 element("ns1:Attribute", "Unknown") + "</ns1:item></ns1:IPAddress></ns1:item>";
    }
    const std::string name = node == 0 ? "cucm-sub1.sim.test" : "cucm-sub2.sim.test";
    if (devices.empty()) {
      nodes += "<ns1:item><ns1:ReturnCode>NotFound</ns1:ReturnCode>" + element("ns1:Name", name) +
               "<ns1:NoChange>false</ns1:NoChange><ns1:CmDevices/></ns1:item>";
    } else {
      nodes += "<ns1:item><ns1:ReturnCode>Ok</ns1:ReturnCode>" + element("ns1:Name", name) +
               "<ns1:NoChange>false</ns1:NoChange><ns1:CmDevices>" + devices + "</ns1:CmDevices></ns1:item>";
    }
  }
  const std::string state_info =
      "<StateInfo><Node Name=\"cucm-sub1.sim.test\" SubsystemStartTime=\"1716900000\" StateId=\"" +
      std::to_string(counters().risport_requests) + "\" TotalItemsFound=\"" + std::to_string(found.size()) +
      "\" TotalItemsReturned=\"" + std::to_string(found.size()) + "\"/></StateInfo>";
  return SoapReply{200, std::string(envelope_open) +
                            "<ns1:selectCmDeviceResponse xmlns:ns1=\"http://schemas.cisco.com/ast/soap\">"
                            "<ns1:selectCmDeviceReturn><ns1:SelectCmDeviceResult>" +
                            element("ns1:TotalDevicesFound", std::to_string(found.size())) + "<ns1:CmNodes>" + nodes +
                            "</ns1:CmNodes></ns1:SelectCmDeviceResult>" + element("ns1:StateInfo", state_info) +
                            "</ns1:selectCmDeviceReturn></ns1:selectCmDeviceResponse>" + std::string(envelope_close)};
}

SoapCounters SoapService::counters() const {
  std::lock_guard lock(mutex_);
  return counters_;
}

std::string SoapService::stats_json() const {
  const SoapCounters c = counters();
  return "{\"axl_requests\":" + std::to_string(c.axl_requests) +
         ",\"risport_requests\":" + std::to_string(c.risport_requests) +
         ",\"risport_rate_faults\":" + std::to_string(c.risport_rate_faults) +
         ",\"risport_by_address\":" + std::to_string(c.risport_by_address) +
         ",\"risport_max_items\":" + std::to_string(c.risport_max_items) +
         ",\"risport_max_in_window\":" + std::to_string(c.risport_max_in_window) +
         ",\"unauthorized\":" + std::to_string(c.unauthorized) + ",\"axl_updates\":" + std::to_string(c.axl_updates) +
         ",\"soap_connections\":" + std::to_string(c.soap_connections) +
         ",\"sessions_started\":" + std::to_string(c.sessions_started) +
         ",\"requests_in_session\":" + std::to_string(c.requests_in_session) + "}\n";
}

} // namespace fleetsim
