// libFuzzer: every reader of a phone's answers (device information XML/HTML, status messages,
// network setup, screenshot) must classify any bytes without crashing.
#include <scanner/pages/device_info_reader.hpp>
#include <scanner/pages/model_table.hpp>
#include <scanner/pages/network_setup_reader.hpp>
#include <scanner/pages/screenshot_reader.hpp>
#include <scanner/pages/status_messages_reader.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  namespace pages = scanner::pages;
  (void)pages::read_device_information(body);
  (void)pages::read_status_messages(body);
  (void)pages::url_host(pages::read_network_setup(body).auth_url);
  (void)pages::read_screenshot(200, "image/png", body);
  (void)pages::read_screenshot(401, "text/xml", body);
  (void)pages::lookup_model(body.substr(0, 64));
  return 0;
}
