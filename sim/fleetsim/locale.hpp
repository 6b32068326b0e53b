#pragma once
// The language a simulated phone's pages are in (its installed user locale). Real pages follow
// the locale: the real Spanish CP-6901 page (tests/fixtures/real-pages/index-snippets/FACTS.md)
// translates its menu texts and labels and keeps its link targets and values. Only the Spanish
// words below are real; the others are fleetsim's own wording, chosen independently of the
// scanner's label dictionary (some deliberately abbreviated, so that a reader has to rely on
// value shapes). Status message texts stay English (no real translated one is known).
#include <cstddef>
#include <string_view>

namespace fleetsim {

enum class Locale { en, es, fr, de, it, pt, nl };
inline constexpr std::size_t locale_count = 7;

std::string_view to_string(Locale locale); // "en", "es", …

enum class Words {
  // menu link texts
  device_information,
  network_setup,
  status_messages,
  // labels
  mac_address,
  host_name,
  phone_dn,
  app_load_id,
  boot_load_id,
  version,
  hardware_revision,
  serial_number,
  model_number,
  message_waiting,
  authentication_url,
  web_access,
  ctl_file,
  itl_file,
  itl_signature,
};

// The words in `locale`; for English, `sentence_case` gives the 88xx spelling ("Host name")
// rather than the older pages' ("Host Name").
std::string_view words(Locale locale, Words which, bool sentence_case = false);

} // namespace fleetsim
