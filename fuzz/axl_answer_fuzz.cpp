// libFuzzer: the AXL and RisPort70 readers take whatever the CUCM (or whoever answers at --axl)
// sends; fix writes whole lists from read_user's answer, so it must never misread one.
#include <cucm/axl.hpp>
#include <cucm/axl_update.hpp>
#include <cucm/risport.hpp>
#include <cucm/soap.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  (void)cucm::read_user(body);
  (void)cucm::read_update(body, false);
  (void)cucm::read_update(body, true);
  (void)cucm::read_list_phone(body);
  (void)cucm::read_select_cm_device(body);
  (void)cucm::read_fault(body);
  return 0;
}
