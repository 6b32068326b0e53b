// libFuzzer: every reader of a phone's answers (device information XML/HTML, status messages,
// network setup, screenshot, the menu and where its links lead) must classify any bytes without
// crashing.
#include <scanner/pages/device_info_reader.hpp>
#include <scanner/pages/menu_reader.hpp>
#include <scanner/pages/model_table.hpp>
#include <scanner/pages/network_setup_reader.hpp>
#include <scanner/pages/screenshot_reader.hpp>
#include <scanner/pages/status_messages_reader.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
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
  (void)pages::classify_itl_file(body.substr(0, 128));
  static const std::string own_hosts[] = {"10.1.2.3", "phone.example"};
  for (const pages::MenuLink& link : pages::page_links(body, 16)) {
    (void)pages::classify_link(link.href, link.text);
    (void)pages::link_path(link.href, "/a/b.html", own_hosts);
  }
  return 0;
}
