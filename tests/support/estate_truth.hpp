#pragma once
// fleetsim's ground truth (truth.csv), read with the project's own CSV reader.
#include <map>
#include <optional>
#include <string>

namespace inventory {
struct Target;
}

namespace storage {
struct PhoneRecord;
}

namespace test_support {

struct Expected {
  std::string root_cause, itl_state, cucm_auth, scenario, host;
  // What the phone really is (truth.csv; the inventory may leave the model blank).
  std::string model, family, locale;
  bool inventory_names_model = true;
};

// Address (as the inventory spells it, e.g. 127.16.0.5:8080) → what the phone must come out as.
std::map<std::string, Expected> read_truth(const std::string& path);

// Root cause → number of phones in the truth file.
std::map<std::string, int> truth_counts(const std::string& path);

// The cause the run must find: truth.csv's (what the phone's own answers prove), or, where the run
// asked the CUCM's RisPort70 about the phone (its row carries a registration column: discovery, or
// scan --axl's lookup), unregistered / web_disabled for the phones that do not answer.
std::string expected_cause(const Expected& expected, const inventory::Target& target);

// nullopt when the stored phone has the expected_cause(), ITL state and CUCM verdict; else one
// line saying what differs (or that the phone is not in the truth at all).
std::optional<std::string> differs_from_truth(const storage::PhoneRecord& record,
                                              const std::map<std::string, Expected>& truth);

} // namespace test_support
