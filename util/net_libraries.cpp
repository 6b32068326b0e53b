#include <util/net_libraries.hpp>

#include <ares.h>
#include <curl/curl.h>

#include <stdexcept>
#include <string>

namespace util {

NetLibraries::NetLibraries() {
  if (const CURLcode code = curl_global_init(CURL_GLOBAL_DEFAULT); code != CURLE_OK)
    throw std::runtime_error(std::string("libcurl could not be initialised: ") + curl_easy_strerror(code));
  if (const int status = ares_library_init(ARES_LIB_INIT_ALL); status != ARES_SUCCESS) {
    curl_global_cleanup();
    throw std::runtime_error(std::string("c-ares could not be initialised: ") + ares_strerror(status));
  }
}

NetLibraries::~NetLibraries() {
  ares_library_cleanup();
  curl_global_cleanup();
}

} // namespace util
