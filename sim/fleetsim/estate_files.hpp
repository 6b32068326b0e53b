#pragma once
// The files fleetsim writes before it reports ready: inventory.csv (what the scanner is given),
// truth.csv (what it should conclude) and hosts (dnsmasq addn-hosts for the resolvable names).
#include <sim/fleetsim/estate.hpp>

#include <string>

namespace fleetsim {

// Header "address,name,model,site,description"; one row per phone, in index order.
std::string inventory_csv(const Estate& estate);
// Header "address,root_cause,itl_state,cucm_auth,device_name,scenario"; same order and
// addresses as inventory_csv().
std::string truth_csv(const Estate& estate);
// "127.0.0.1 cucm.sim.test" and "127.16.x.y phoneNNNN.sim.test" for by_name phones only.
std::string hosts_file(const Estate& estate);

// Writes the three files into `dir` (created if missing). Throws std::runtime_error naming
// the file that could not be written.
void write_estate_files(const Estate& estate, const std::string& dir);

// A CSV field, quoted when it holds a comma, quote or line break.
std::string csv_field(std::string_view text);

} // namespace fleetsim
