// The scanner's probe plan run in process against the pages fleetsim serves, every phone of a
// large estate: each reaches its truth.csv cause, ITL state and CUCM verdict through the table's
// paths or, for the menu-only phones, through the links of its home page, with a bounded number
// of requests. The transport faults (timeouts, resets, closed ports) need real sockets and are
// left to tests/integration; everything that depends on the pages is checked here, fast.
#include <sim/fleetsim/pages.hpp>
#include <sim/fleetsim/truth.hpp>

#include <diagnosis/diagnose.hpp>
#include <scanner/engine.hpp>
#include <scanner/probe_plan.hpp>
#include <tests/support/plan_answers.hpp>

#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>

using namespace fleetsim;

namespace {

using test_support::http_answer;

constexpr std::uint16_t port = 8080;
const std::string password = "sim-secret-Pa55";

bool needs_real_sockets(Scenario s) {
  switch (s) {
  case Scenario::truncated:
  case Scenario::garbage:
  case Scenario::reset:
  case Scenario::drip:
  case Scenario::silent:
  case Scenario::unreachable:
  case Scenario::dns_unresolved:
  case Scenario::by_name: return true;
  default: return false;
  }
}

scanner::Response screenshot_answer(const Phone& p, const Cucm& cucm) {
  switch (screenshot_reply(p, cucm, Credentials{cucm.user, password})) {
  case ScreenshotReply::image:
    return p.model->screenshot == ImageFormat::bmp ? http_answer(200, bmp_image(), "image/bmp")
                                                   : http_answer(200, png_image(), "image/png");
  case ScreenshotReply::error_4: return http_answer(200, phone_error_body(4), "text/xml");
  case ScreenshotReply::error_1: return http_answer(200, phone_error_body(1), "text/xml");
  case ScreenshotReply::error_3: return http_answer(200, phone_error_body(3), "text/xml");
  case ScreenshotReply::not_found: return http_answer(404, "Not Found", "text/html");
  case ScreenshotReply::server_error: return http_answer(500, "Internal Server Error", "text/html");
  default: FAIL("a reply that needs real sockets"); return {};
  }
}

struct Run {
  diagnosis::Evidence evidence;
  std::vector<std::string> asked; // paths
};

// Answers the plan's requests as fleetsim's server would (routes, pages, screenshot, CUCM).
Run run_plan(const Phone& p, const Estate& estate) {
  inventory::Target target;
  target.host = ipv4_text(p.address);
  target.port = port;
  target.device_name = p.device_name;
  if (p.inventory_names_model) target.model = std::string(p.model->model);
  scanner::PlanSettings settings;
  settings.cucm_url = "http://127.0.0.1:9/ccmcip/authenticate.jsp";
  settings.user = estate.cucm.user;
  settings.password = password;
  scanner::ProbePlan plan(target, settings);
  const std::string base = "http://" + target.host + ":" + std::to_string(port);
  Run run;
  for (int guard = 0; guard < 40; ++guard) {
    const scanner::Step step = plan.next();
    if (step.kind == scanner::Step::Kind::done) break;
    if (step.kind == scanner::Step::Kind::resolve) {
      scanner::Resolution resolution;
      resolution.ok = step.host != stale_cucm_host; // the hosts file's view
      if (resolution.ok) resolution.addresses = {"127.0.0.1"};
      else resolution.error = "Domain name not found";
      plan.on_resolved(resolution);
      continue;
    }
    if (step.request.lane == scanner::Lane::cucm) {
      plan.on_response(http_answer(
          200, std::string(to_body(authorize(estate.cucm, estate.cucm.user, password, p.device_name))), "text/plain"));
      continue;
    }
    REQUIRE(step.request.url.substr(0, base.size()) == base);
    const std::string url = step.request.url.substr(base.size());
    run.asked.push_back(url);
    const std::size_t q = url.find('?');
    const Resource resource = resource_for(
        *p.model, url.substr(0, q), q == std::string::npos ? std::string_view{} : std::string_view(url).substr(q + 1));
    if (resource == Resource::screenshot) {
      CHECK(step.request.basic_auth);
      plan.on_response(screenshot_answer(p, estate.cucm));
    } else {
      CHECK_FALSE(step.request.basic_auth); // pages, menu pages included, are asked anonymously
      if (resource == Resource::none) {
        plan.on_response(http_answer(404, "<html><body>Not Found</body></html>", "text/html"));
      } else {
        const Page page = render_page(p, resource);
        plan.on_response(http_answer(200, page.body, page.content_type));
      }
    }
  }
  run.evidence = plan.evidence();
  return run;
}

} // namespace

TEST_CASE("fleetsim estate: the probe plan reaches every page-dependent phone's truth, menu-only phones included",
          "[fleetsim][plan]") {
  EstateOptions options;
  options.counts = realistic_mix(1500);
  options.port = port;
  options.closed_port = 9;
  const Estate estate = build_estate(options);
  const TruthContext context = truth_context(options.counts, CredentialMode::good);
  const diagnosis::FleetFacts fleet{true};

  std::map<std::string, int> checked_by_family;
  std::set<std::string> menu_only_causes;
  std::set<std::string> locales;
  std::size_t mismatches = 0;
  for (const Phone& p : estate.phones) {
    if (needs_real_sockets(p.scenario)) continue;
    const Run run = run_plan(p, estate);
    const Truth truth = derive_truth(p.scenario, context);
    const diagnosis::Outcome outcome = diagnosis::diagnose(run.evidence, fleet);
    const std::string got = std::string(diagnosis::to_string(outcome.cause)) + "/" +
                            std::string(diagnosis::to_string(run.evidence.itl)) + "/" +
                            std::string(diagnosis::to_string(run.evidence.cucm));
    const std::string expected = std::string(to_string(truth.root_cause)) + "/" + std::string(to_string(truth.itl)) +
                                 "/" + std::string(to_string(truth.cucm));
    if (got != expected && ++mismatches <= 20) {
      std::string asked;
      for (const auto& a : run.asked) asked += a + " ";
      FAIL_CHECK(p.model->model << " (" << to_string(p.scenario) << ", " << to_string(p.locale)
                                << (p.inventory_names_model ? "" : ", no inventory model") << "): got " << got
                                << ", expected " << expected << " — " << outcome.detail << " — asked " << asked);
    }
    // Every phone of the estate is identified, by the inventory or by its own pages.
    if (!p.inventory_names_model) CHECK_FALSE(run.evidence.model_source.empty());
    // Bounded: three table paths, the home page, three linked pages and the screenshot at most.
    CHECK(run.asked.size() <= 8);
    std::set<std::string> distinct(run.asked.begin(), run.asked.end());
    CHECK(distinct.size() == run.asked.size()); // nothing asked twice
    ++checked_by_family[std::string(p.model->model)];
    if (menu_only(p.model->family)) menu_only_causes.insert(std::string(to_string(truth.root_cause)));
    locales.insert(std::string(to_string(p.locale)));
  }
  CHECK(mismatches == 0);
  // The estate exercised what it must: every page family, menu-only phones reaching the causes
  // that depend on their pages, pages in every language.
  for (const char* model : {"CP-7942G", "CP-7965G", "CP-7975G", "CP-8945", "CP-6921", "CP-6941", "CP-DX80", "CP-8851",
                            "CP-4321", "CP-6901", "ATA-187"}) {
    CAPTURE(model);
    CHECK(checked_by_family[model] > 0);
  }
  for (const char* cause : {"itl_trust", "auth_url_dns", "not_associated", "ok", "auth_failed"}) {
    CAPTURE(cause);
    CHECK(menu_only_causes.count(cause) == 1);
  }
  CHECK(locales.size() == locale_count);
}
