#include <app/version_text.hpp>

#include <ares.h>
#include <curl/curl.h>
#include <fmt/format.h>
#include <pugixml.hpp>
#include <simdjson.h>
#include <sqlite3.h>

// simdjson's header spells its version as bare tokens (3.0.1).
#define PHONESWEEP_TEXT_OF(x) #x
#define PHONESWEEP_TEXT(x) PHONESWEEP_TEXT_OF(x)

#ifndef PHONESWEEP_COMMIT
#define PHONESWEEP_COMMIT "unknown"
#endif

namespace app {

std::string version_text() {
  // libcurl, c-ares and SQLite are asked at run time (the shared library actually loaded);
  // simdjson and pugixml are compiled in from their headers' versions.
  const curl_version_info_data* curl = curl_version_info(CURLVERSION_NOW);
  return fmt::format("phonesweep {} (commit {})\nlibcurl {}, c-ares {}, SQLite {}, simdjson {}, pugixml {}.{}",
                     PHONESWEEP_VERSION, PHONESWEEP_COMMIT, curl ? curl->version : "?", ares_version(nullptr),
                     sqlite3_libversion(), PHONESWEEP_TEXT(SIMDJSON_VERSION), PUGIXML_VERSION / 1000,
                     PUGIXML_VERSION % 1000 / 10); // pugixml: major * 1000 + minor * 10
}

} // namespace app
