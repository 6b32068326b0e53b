// How fix writes (app/fix_change.hpp: write_change) against fleetsim's AXL in this process, so
// that another administrator can change the user between two batches at a known moment: the
// change stops when the user lost a name, keeps what others added, and never writes back a list
// it could not read.
#include <app/exit_status.hpp>
#include <app/fix_change.hpp>
#include <sim/fleetsim/soap_service.hpp>
#include <storage/changes.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <functional>

using namespace app;
using Names = std::vector<std::string>;

namespace {

// cucm::Transport onto a SoapService; `after_update` runs after each accepted update (another
// admin's moment), `strip_returned_tags` plays a CUCM that ignores getUser's returnedTags.
class InProcess final : public cucm::Transport {
public:
  InProcess(fleetsim::SoapService& service, std::function<void(int)> after_update, bool strip_returned_tags = false)
      : service_(service), after_update_(std::move(after_update)), strip_(strip_returned_tags) {}
  tl::expected<cucm::HttpAnswer, std::string> post(const std::string& path, const std::string&,
                                                   const std::string& body) override {
    std::string sent = body;
    if (strip_)
      if (const auto at = sent.find("<returnedTags>"); at != std::string::npos)
        sent.erase(at, sent.find("</returnedTags>") + 15 - at);
    const auto before = service_.counters().axl_updates;
    const auto reply = service_.handle(path, sent, fleetsim::Credentials{"phonesweep-app", "sim-secret-Pa55"},
                                       fleetsim::SoapService::Clock::now());
    if (service_.counters().axl_updates != before && after_update_) after_update_(static_cast<int>(++updates_));
    return cucm::HttpAnswer{static_cast<long>(reply.status), reply.body};
  }

private:
  fleetsim::SoapService& service_;
  std::function<void(int)> after_update_;
  bool strip_;
  std::uint64_t updates_ = 0;
};

fleetsim::Estate estate(bool end_user = false) {
  fleetsim::EstateOptions options;
  options.counts = fleetsim::realistic_mix(300);
  options.port = 8080;
  options.closed_port = 9;
  options.end_user = end_user;
  return fleetsim::build_estate(options);
}

Names uncontrolled(const fleetsim::Estate& e) {
  Names names;
  for (const auto& p : e.phones)
    if (!e.cucm.controlled.contains(p.device_name)) names.push_back(p.device_name);
  return names;
}

FixAxlSettings settings(bool end_user = false) {
  FixAxlSettings s;
  s.url = "https://cucm.example.net:8443";
  s.axl_user = "phonesweep-app";
  s.end_user = end_user;
  s.userid = "phonesweep-app";
  return s;
}

storage::Change record() {
  storage::Change c;
  c.operation = "updateAppUser";
  c.userid = "phonesweep-app";
  return c;
}

struct Db {
  std::filesystem::path dir;
  storage::Database db;
  static Db open() {
    std::string pattern = (std::filesystem::temp_directory_path() / "phonesweep-fix-write-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    auto opened = storage::Database::open(pattern + "/s.db");
    REQUIRE(opened);
    return {pattern, std::move(*opened)};
  }
  ~Db() {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
};

} // namespace

TEST_CASE("write_change stops at the next batch when the user lost a device meanwhile, and names it", "[app][fix]") {
  const auto e = estate();
  fleetsim::UserAccount account(e);
  fleetsim::SoapService service(e, {}, nullptr, &account);
  const Names first_device{account.devices().front()};
  FixAxl axl(settings(), std::make_unique<InProcess>(service, [&](int update) {
               if (update == 1) { // another admin removes a device the user had
                 auto devices = account.devices();
                 devices.erase(devices.begin());
                 REQUIRE_FALSE(account.update(devices, std::nullopt));
               }
             }));
  const auto now = axl.read();
  cucm::ListChange change;
  change.add_devices = uncontrolled(e);
  REQUIRE(change.add_devices.size() > 3);
  auto db = Db::open();
  storage::ChangeLog log(db.db);
  const auto out = write_change(axl, log, record(), now, change, 2);
  CHECK(out.status == storage::ChangeStatus::partial);
  CHECK(out.writes == 1);
  CHECK(out.made.add_devices.size() == 2);
  CHECK(out.detail.find("the user lost 1 device (" + first_device.front() + ") while fix was writing") !=
        std::string::npos);
  CHECK(service.counters().axl_updates == 1); // nothing written after the loss was seen
  CHECK(account.updates() == 2);              // fix's write and the other admin's
  const auto recorded = log.find(out.change);
  REQUIRE(recorded);
  CHECK(recorded->status == storage::ChangeStatus::partial);
  CHECK(recorded->added.devices.size() == 2);
}

TEST_CASE("write_change keeps a device another admin added between two batches", "[app][fix]") {
  const auto e = estate();
  fleetsim::UserAccount account(e);
  fleetsim::SoapService service(e, {}, nullptr, &account);
  const auto outside = uncontrolled(e);
  REQUIRE(outside.size() > 3);
  FixAxl axl(settings(), std::make_unique<InProcess>(service, [&](int update) {
               if (update == 1) { // another admin associates the last one itself
                 auto devices = account.devices();
                 devices.push_back(outside.back());
                 REQUIRE_FALSE(account.update(devices, std::nullopt));
               }
             }));
  const auto now = axl.read();
  cucm::ListChange change;
  change.add_devices = Names(outside.begin(), outside.end() - 1);
  auto db = Db::open();
  storage::ChangeLog log(db.db);
  const auto out = write_change(axl, log, record(), now, change, 1);
  CHECK(out.status == storage::ChangeStatus::applied);
  CHECK(out.writes == outside.size() - 1);
  CHECK(account.devices().size() == now.devices.size() + outside.size());
  CHECK(account.controls(outside.back()));
}

TEST_CASE("fix never writes after a reading that left the groups out: an end user on a CUCM that ignores returnedTags",
          "[app][fix]") {
  const auto e = estate(true);
  fleetsim::SoapService service(e, {});
  FixAxl asked(settings(true), std::make_unique<InProcess>(service, nullptr));
  CHECK(asked.read().groups_listed);
  FixAxl ignored(settings(true), std::make_unique<InProcess>(service, nullptr, true));
  CHECK_THROWS_WITH(ignored.read(), Catch::Contains("did not show the user's access control groups"));
  CHECK(service.counters().axl_updates == 0);
}
