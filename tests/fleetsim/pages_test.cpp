// fleetsim's pages read back with the scanner's page readers: what the oracle (truth.csv)
// expects must be what a correct reader can see.
#include <sim/fleetsim/pages.hpp>
#include <sim/fleetsim/truth.hpp>

#include <scanner/pages/device_info_reader.hpp>
#include <scanner/pages/model_table.hpp>
#include <scanner/pages/network_setup_reader.hpp>
#include <scanner/pages/screenshot_reader.hpp>
#include <scanner/pages/status_messages_reader.hpp>

#include <catch2/catch.hpp>

using namespace fleetsim;

namespace {

Estate estate_for_pages() {
  EstateOptions options;
  options.counts = realistic_mix(2000);
  options.port = 80;
  options.closed_port = 9;
  return build_estate(options);
}

// "/CGI/Java/Serviceability?adapter=x" -> resource of that path and query.
Resource route(const Phone& p, std::string_view url) {
  const std::size_t q = url.find('?');
  return resource_for(*p.model, url.substr(0, q), q == std::string_view::npos ? std::string_view{} : url.substr(q + 1));
}

// Local mapping: the scanner's to_string lives in a library these tests need not link.
ItlState as_fleetsim(diagnosis::ItlState state) {
  switch (state) {
  case diagnosis::ItlState::ok: return ItlState::ok;
  case diagnosis::ItlState::trust_failed: return ItlState::trust_failed;
  case diagnosis::ItlState::not_installed: return ItlState::not_installed;
  case diagnosis::ItlState::unknown: break;
  }
  return ItlState::unknown;
}

} // namespace

TEST_CASE("every model serves its pages where the scanner's table looks, menu-only phones only from their menu",
          "[fleetsim][pages]") {
  // Two independent statements of where pages live (fleetsim's routes from the real pages, the
  // scanner's table) must agree, except where fleetsim on purpose serves pages no table knows.
  const Estate e = estate_for_pages();
  for (const Phone& p : e.phones) {
    const scanner::pages::PhoneModel& row = scanner::pages::lookup_model(p.model->model);
    CAPTURE(p.model->model);
    CHECK(row.has_screenshot == has_screenshot_service(*p.model));
    if (row.has_screenshot) CHECK(route(p, row.screenshot_path) == Resource::screenshot);
    CHECK(route(p, "/") == Resource::device_info_html);
    if (menu_only(p.model->family)) {
      CHECK(route(p, row.device_info_path) == Resource::none);
      if (!row.network_setup_path.empty()) CHECK(route(p, row.network_setup_path) == Resource::none);
      if (!row.status_messages_path.empty()) CHECK(route(p, row.status_messages_path) == Resource::none);
      continue;
    }
    if (!row.device_info_path.empty()) CHECK(route(p, row.device_info_path) != Resource::none);
    if (!row.network_setup_path.empty()) CHECK(route(p, row.network_setup_path) == Resource::network_setup_html);
    if (!row.status_messages_path.empty()) CHECK(route(p, row.status_messages_path) == Resource::status_messages);
  }
}

TEST_CASE("the scanner's readers find what truth.csv expects on the pages each menu links", "[fleetsim][pages]") {
  const Estate e = estate_for_pages();
  const TruthContext context = truth_context(e.options.counts, CredentialMode::good);
  const auto absolute = [](std::string_view path) {
    return path.front() == '/' ? std::string(path) : "/" + std::string(path);
  };
  for (const Phone& p : e.phones) {
    CAPTURE(p.model->model, to_string(p.scenario), to_string(p.locale), p.variant);
    const MenuPaths paths = menu_paths(*p.model);

    const Page info = render_page(p, route(p, absolute(paths.device_info)));
    const auto device = scanner::pages::read_device_information(info.body);
    REQUIRE(device);
    // The real ATA 187 page shows no host name (its heading is "Cisco ATA 187 (SIP)").
    if (p.model->family != Family::ata187) CHECK(device->host_name == p.device_name);
    CHECK(device->mac == p.mac);
    CHECK(scanner::pages::normalise_model(device->model) == scanner::pages::normalise_model(p.model->model));
    CHECK(device->serial == p.serial);
    // The 6901 shows only its app load (cisco-phone-nse/CP-6901.html).
    CHECK(device->firmware == (p.model->family == Family::cp6901 ? p.firmware->app_load : p.firmware->version));

    const Page network = render_page(p, route(p, absolute(paths.network_setup)));
    const auto setup = scanner::pages::read_network_setup(network.body);
    if (p.model->family != Family::ata187) CHECK(setup.auth_url == p.auth_url);
    if (p.model->family == Family::cp79xx) {
      const Page xml = render_page(p, Resource::network_setup_xml);
      CHECK(scanner::pages::read_network_setup(xml.body).auth_url == p.auth_url);
    }

    // Where the phone answers pages at all, its status page gives the expected ITL state, or,
    // when the trust line rolled off, its network setup page's ITL file line does.
    const Truth truth = derive_truth(p.scenario, context);
    if (truth.itl == ItlState::unknown || p.model->family == Family::ata187) continue;
    const Page status = render_page(p, route(p, absolute(paths.status_messages)));
    const auto reading = scanner::pages::read_status_messages(status.body);
    if (p.trust_line_rolled_off) {
      CHECK(reading.state == diagnosis::ItlState::unknown);
      const auto shown = scanner::pages::classify_itl_file(setup.itl_file);
      CHECK(shown == (truth.itl == ItlState::ok ? scanner::pages::ItlFileShown::installed
                                                : scanner::pages::ItlFileShown::not_installed));
    } else {
      CHECK(to_string(as_fleetsim(reading.state)) == to_string(truth.itl));
    }
  }
}

TEST_CASE("screenshot bodies read as the scanner expects", "[fleetsim][pages]") {
  using diagnosis::ScreenshotAnswer;
  const auto png = scanner::pages::read_screenshot(200, "image/png", png_image());
  CHECK(png.answer == ScreenshotAnswer::image);
  CHECK(png.image_format == "png");
  CHECK(png.detail.empty());
  const auto bmp = scanner::pages::read_screenshot(200, "image/bmp", bmp_image());
  CHECK(bmp.answer == ScreenshotAnswer::image);
  CHECK(bmp.image_format == "bmp");
  CHECK(bmp.detail.empty());
  for (const int n : {1, 3, 4}) {
    const auto error = scanner::pages::read_screenshot(200, "text/xml", phone_error_body(n));
    CHECK(error.answer == ScreenshotAnswer::phone_error);
    CHECK(error.phone_error == n);
  }
  for (std::size_t seed = 0; seed < 50; ++seed) {
    CHECK(scanner::pages::read_screenshot(200, "application/octet-stream", garbage_body(seed)).answer ==
          ScreenshotAnswer::malformed);
  }
}
