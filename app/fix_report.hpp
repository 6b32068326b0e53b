#pragma once
// What `fix` tells the operator and the files it writes: the plan (counts first, then at most the
// first 20 names of each list; the files hold them all), the manual steps by cause and site, the
// change as a CSV for Cisco's Bulk Administration Tool, and the phones needing manual steps as a
// CSV. Text from phones and the CUCM is shown with its control characters escaped; CSV cells are
// safe against formula injection (report/csv.hpp).
#include <app/fix_change.hpp>
#include <app/fix_diagnosis.hpp>

#include <ostream>
#include <string>

namespace app {

// The most names a list on the terminal shows.
inline constexpr std::size_t shown_names = 20;

struct PlanView {
  const FixDiagnosis& diagnosis;
  const UserPlan& plan;
  std::string axl_url;
  bool end_user = false;
  std::size_t batch = 200;
  double age_hours = 0; // of the run
  bool quiet = false;   // counts only, no names
};

void print_plan(std::ostream& out, const PlanView& view);
void print_manual_steps(std::ostream& out, const FixDiagnosis& diagnosis, bool quiet);

// The plan's additions, one row each: OPERATION,USER TYPE,USER ID,CONTROLLED DEVICE,ACCESS
// CONTROL GROUP. Not one of BAT's own templates (which could not be confirmed): map its columns
// in BAT's custom file, or copy them into the BAT.xlt "Update Users" sheet. BAT only adds
// controlled devices, never removes them (Cisco's BAT guide), which is what this file asks.
// Throws UsageError / RunError as the other outputs (util/atomic_file.hpp).
void write_bat(const std::string& path, const UserPlan& plan, const std::string& userid, bool end_user);

// The phones needing manual steps: root_cause,site,device_name,address,model,action,auth_url,detail,
// in the run's order (cause, site, address).
void write_manual_csv(const std::string& path, const FixDiagnosis& diagnosis);

// `fix --undo`: the change, what it did, and what taking it back changes now.
void print_undo_plan(std::ostream& out, const storage::Change& change, const cucm::ListChange& needed,
                     const cucm::AxlUser& now, bool quiet);

} // namespace app
