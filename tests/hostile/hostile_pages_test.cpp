// The hostile pages fleetsim serves, read with the scanner's own readers, and documents nested
// far deeper than any cap lets through: no reader may recurse, crash or lose the fields a person
// would still read.
#include <sim/fleetsim/pages.hpp>

#include <scanner/pages/device_info_reader.hpp>
#include <scanner/pages/model_table.hpp>
#include <scanner/pages/network_setup_reader.hpp>
#include <scanner/pages/screenshot_reader.hpp>
#include <scanner/pages/status_messages_reader.hpp>

#include <catch2/catch.hpp>
#include <zlib.h>

#include <chrono>
#include <string>
#include <vector>

using namespace fleetsim;

namespace {

// Phones of every model family for one scenario.
std::vector<Phone> phones_of(Scenario scenario) {
  EstateOptions options;
  options.counts[index_of(scenario)] = 60;
  options.port = 80;
  options.closed_port = 9;
  return build_estate(options).phones;
}

std::string page(const Phone& p, std::string_view url) {
  const std::size_t q = url.find('?');
  const Resource r =
      resource_for(*p.model, url.substr(0, q), q == std::string_view::npos ? std::string_view{} : url.substr(q + 1));
  return render_page(p, r).body;
}

std::string repeated(std::string_view unit, std::size_t times) {
  std::string out;
  out.reserve(unit.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += unit;
  return out;
}

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

} // namespace

TEST_CASE("hostile pages: a million nested elements are read without recursion or crash", "[hostile][pages]") {
  constexpr std::size_t levels = 1'000'000;
  const auto started = std::chrono::steady_clock::now();

  const std::string deep_xml = "<?xml version=\"1.0\"?><DeviceInformation><modelNumber>CP-8841"
                               "</modelNumber>" +
                               repeated("<x>", levels) + repeated("</x>", levels) + "</DeviceInformation>";
  const auto info = scanner::pages::read_device_information(deep_xml);
  REQUIRE(info);
  CHECK(info->model == "CP-8841");
  CHECK_FALSE(scanner::pages::read_device_information("<DeviceInformation>" + repeated("<x>", levels)));

  const std::string deep_network = "<?xml version=\"1.0\"?><NetworkConfiguration>" + repeated("<x>", levels) +
                                   "<authenticationURL>http://cucm.sim.test/a</authenticationURL>" +
                                   repeated("</x>", levels) + "</NetworkConfiguration>";
  CHECK(scanner::pages::read_network_setup(deep_network).auth_url == "http://cucm.sim.test/a");

  const std::string deep_html = repeated("<table><tr><td><div>", levels) + "<b>Model Number</b></td><td>CP-7841</td>" +
                                repeated("</div></td></tr></table>", levels);
  const auto html_info = scanner::pages::read_device_information(deep_html);
  CHECK((!html_info || html_info->model.empty() || html_info->model == "CP-7841"));
  CHECK(scanner::pages::read_network_setup(deep_html).auth_url.empty());
  CHECK(scanner::pages::read_status_messages(repeated("<td>", levels) + "ITL installed").state !=
        diagnosis::ItlState::trust_failed);
  const auto error =
      scanner::pages::read_screenshot(200, "text/xml", "<CiscoIPPhoneError Number=\"4\">" + repeated("<x>", levels));
  CHECK(error.answer == diagnosis::ScreenshotAnswer::phone_error);
  CHECK(error.phone_error == 4);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(20)); // linear, not quadratic
}

TEST_CASE("hostile pages: markup in every field still shows the model and trust state", "[hostile][pages]") {
  for (const Phone& p : phones_of(Scenario::markup)) {
    if (p.model->family == Family::cp6901 || p.model->family == Family::ata187) continue;
    CAPTURE(p.model->model);
    const scanner::pages::PhoneModel& row = scanner::pages::lookup_model(p.model->model);
    const auto xml = scanner::pages::read_device_information(page(p, row.device_info_path));
    REQUIRE(xml);
    CHECK(xml->model.find("<script>") != std::string::npos); // the markup arrives as text
    if (!row.status_messages_path.empty()) {
      const std::string status = page(p, row.status_messages_path);
      CHECK(status.find("<script>alert(document.cookie)</script>") != std::string::npos);
      CHECK(scanner::pages::read_status_messages(status).state == diagnosis::ItlState::ok);
    }
  }
}

TEST_CASE("hostile pages: invalid UTF-8 in device information is served as is and read", "[hostile][pages]") {
  for (const Phone& p : phones_of(Scenario::bad_utf8)) {
    if (p.model->family == Family::cp6901 || p.model->family == Family::ata187) continue;
    CAPTURE(p.model->model);
    const scanner::pages::PhoneModel& row = scanner::pages::lookup_model(p.model->model);
    const std::string body = page(p, row.device_info_path);
    CHECK_FALSE(valid_utf8(body));
    const auto info = scanner::pages::read_device_information(body);
    REQUIRE(info);
    CHECK(scanner::pages::lookup_model(info->model).family == row.family);
    CHECK(valid_utf8(page(p, row.network_setup_path)));
  }
}

TEST_CASE("hostile pages: the deep and huge DeviceInformationX bodies", "[hostile][pages]") {
  const Phone deep = phones_of(Scenario::deep_xml).front();
  const std::string body = page(deep, "/DeviceInformationX");
  CHECK(body.size() < 512 * 1024); // under the scanner's page cap: the parser sees it all
  const auto info = scanner::pages::read_device_information(body);
  REQUIRE(info);
  CHECK(info->model == deep.model->model);

  const Phone huge = phones_of(Scenario::huge_xml).front();
  const StreamedBody xml = huge_xml_body(huge);
  CHECK(xml.size() > 30ULL << 20);
  std::string all(static_cast<std::size_t>(xml.size()), '\0');
  std::size_t at = 0;
  while (const std::size_t n = xml.read(at, all.data() + at, 1 << 20)) at += n;
  CHECK(at == xml.size());
  const auto huge_info = scanner::pages::read_device_information(all); // well-formed, merely big
  REQUIRE(huge_info);
  CHECK(huge_info->model == huge.model->model);

  const StreamedBody image = huge_image_body();
  CHECK(image.size() == huge_image_size);
  std::string head(64, '\0');
  head.resize(image.read(0, head.data(), head.size()));
  CHECK(scanner::pages::read_screenshot(200, "image/png", head).answer == diagnosis::ScreenshotAnswer::image);
}

TEST_CASE("hostile pages: the gzip bomb is small and inflates to 1 GiB starting like a PNG", "[hostile][gzip]") {
  const std::string& bomb = gzip_bomb_body();
  CHECK(bomb.size() < 2 * 1024 * 1024);
  z_stream z{};
  REQUIRE(inflateInit2(&z, 16 + 15) == Z_OK); // gzip wrapper: checks CRC-32 and length
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bomb.data()));
  z.avail_in = static_cast<uInt>(bomb.size());
  std::vector<unsigned char> out(1 << 20);
  std::uint64_t inflated = 0;
  std::string first_bytes;
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = out.data();
    z.avail_out = static_cast<uInt>(out.size());
    rc = inflate(&z, Z_NO_FLUSH);
    const std::size_t n = out.size() - z.avail_out;
    if (first_bytes.empty() && n >= 8) first_bytes.assign(reinterpret_cast<char*>(out.data()), 8);
    inflated += n;
  }
  inflateEnd(&z);
  CHECK(rc == Z_STREAM_END);
  CHECK(inflated == gzip_bomb_inflated_size);
  CHECK(first_bytes == png_image().substr(0, 8));
}
