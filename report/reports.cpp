#include <report/reports.hpp>

#include <report/breakdown.hpp>
#include <report/row.hpp>

#include <fmt/format.h>

#include <string>

namespace report {

void write_reports(storage::Database& db, std::int64_t run, const Outputs& outputs) {
  if (!db.run(run)) throw storage::Error(fmt::format("database {}: no run {}", db.path(), run));
  std::optional<HtmlReport> html;
  if (outputs.html) html.emplace(db, run, outputs.against, outputs.html_options);
  std::optional<ManagerCsv> manager;
  if (outputs.manager_csv || outputs.cause_csv) manager.emplace(db, run, outputs.against);
  if (outputs.csv) write_csv_header(*outputs.csv, outputs.csv_options);
  Breakdown sites;
  std::string line;
  db.for_each_record(run, [&](const storage::PhoneRecord& record) {
    const Row row = make_row(record);
    if (outputs.csv) write_csv_row(*outputs.csv, row, line);
    if (outputs.site_csv) sites[row.site].add(record.outcome.cause);
    if (html) html->add(record, row);
    if (manager) manager->add(record, row);
  });
  if (outputs.manager_csv) manager->write_phones(*outputs.manager_csv, outputs.csv_options);
  if (outputs.cause_csv) manager->write_causes(*outputs.cause_csv, outputs.csv_options);
  if (outputs.site_csv) write_site_csv(*outputs.site_csv, sites, outputs.csv_options);
  if (html) html->write(*outputs.html);
}

} // namespace report
