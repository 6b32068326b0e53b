// libFuzzer: the CUCM verdict reader and the form encoder must handle any bytes.
#include <scanner/cucm_answer.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  (void)scanner::read_cucm_answer(200, body);
  (void)scanner::form_encode(body);
  return 0;
}
