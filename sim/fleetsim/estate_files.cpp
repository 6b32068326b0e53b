#include <sim/fleetsim/estate_files.hpp>

#include <sim/fleetsim/truth.hpp>

#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace fleetsim {
namespace {

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

} // namespace

// Its own CSV quoting, not util::csv_cell: a test oracle shares no code with the program it checks.
std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

std::string inventory_csv(const Estate& estate) {
  std::string out = "address,name,model,site,description\n";
  for (const Phone& p : estate.phones) {
    const std::string_view model = p.inventory_names_model ? p.model->model : std::string_view{};
    out += csv_field(p.inventory_address) + ',' + p.device_name + ',' + csv_field(model) + ',' + csv_field(p.site) +
           ',' + csv_field(p.description) + '\n';
  }
  return out;
}

std::string truth_csv(const Estate& estate) {
  const TruthContext context = truth_context(estate.options.counts, estate.options.credentials);
  // model, family, locale and inventory_model say what the phone really is, for tests that
  // check coverage (the inventory may leave the model blank).
  std::string out = "address,root_cause,itl_state,cucm_auth,device_name,scenario,model,family,locale,inventory_model\n";
  for (const Phone& p : estate.phones) {
    const Truth truth = derive_truth(p.scenario, context);
    out += csv_field(p.inventory_address) + ',' + std::string(to_string(truth.root_cause)) + ',' +
           std::string(to_string(truth.itl)) + ',' + std::string(to_string(truth.cucm)) + ',' + p.device_name + ',' +
           std::string(to_string(p.scenario)) + ',' + csv_field(p.model->model) + ',' +
           std::string(to_string(p.model->family)) + ',' + std::string(to_string(p.locale)) + ',' +
           (p.inventory_names_model ? "yes" : "no") + '\n';
  }
  return out;
}

std::string hosts_file(const Estate& estate) {
  std::string out = "127.0.0.1 " + std::string(cucm_host) + '\n';
  for (const Phone& p : estate.phones) {
    if (p.scenario == Scenario::by_name) out += ipv4_text(p.address) + ' ' + p.host_name + '\n';
    if (p.ipv6 && !p.host_name.empty()) out += std::string(ipv6_loopback) + ' ' + p.host_name + '\n';
  }
  return out;
}

void write_estate_files(const Estate& estate, const std::string& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) throw std::runtime_error("cannot create " + dir + ": " + error.message());
  const std::filesystem::path base(dir);
  write_file(base / "inventory.csv", inventory_csv(estate));
  write_file(base / "truth.csv", truth_csv(estate));
  write_file(base / "hosts", hosts_file(estate));
}

} // namespace fleetsim
