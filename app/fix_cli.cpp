#include <app/fix_cli.hpp>

#include <app/log_options.hpp>

#include <memory>

namespace app {

Command register_fix(CLI::App& cli) {
  auto options = std::make_shared<FixOptions>();
  FixOptions& o = *options;
  auto* c = cli.add_subcommand("fix", "plan (and with --apply make) the CUCM changes AXL can make for a run's "
                                      "diagnosis: associate phones, add CTI groups; list the manual steps");
  c->add_option("--db", o.db, "SQLite database")->capture_default_str();
  c->add_option("--run", o.run, "run whose diagnosis to fix (default: the newest completed)");
  c->add_option("--axl", o.axl, "the CUCM's AXL service, e.g. https://cucm.example.net:8443")->required();
  c->add_option("--axl-user", o.axl_user, "AXL account allowed to read (and with --apply update) users")->required();
  auto* env =
      c->add_option("--axl-password-env", o.axl_password_env, "environment variable holding the AXL account's password")
          ->capture_default_str();
  c->add_option("--axl-password-file", o.axl_password_file, "file holding the AXL account's password (mode 600)")
      ->excludes(env);
  c->add_option("--cacert", o.cacert, "PEM CA certificate(s) to verify the CUCM with");
  c->add_flag("--insecure", o.insecure, "do not verify the CUCM's certificate");
  c->add_option("--proxy", o.proxy, "proxy for the AXL requests (proxy variables in the environment are ignored)");
  c->add_option("--axl-version", o.axl_version, "AXL schema version")->capture_default_str();
  c->add_flag("--end-user", o.end_user,
              "the run's user is an end user (getUser / updateUser); the run's AXL "
              "preflight tells this by itself");
  c->add_flag("--apply", o.apply, "make the changes (without it: a dry run that only reads AXL)");
  c->add_option("--max-age", o.max_age, "--apply refuses a run older than this (e.g. 24h, 90m, 2d)")
      ->capture_default_str();
  c->add_option("--batch", o.batch, "new devices per AXL write (each write sends the whole list)")
      ->capture_default_str();
  c->add_option("--bat", o.bat, "write the change as a CSV for the Bulk Administration Tool");
  c->add_option("--manual-csv", o.manual_csv, "write the phones needing manual steps, by cause and site, as CSV");
  c->add_option("--undo", o.undo, "take back a recorded change (with --apply; without it, show what it would do)");
  c->add_flag("--verify", o.verify, "after --apply, scan --only-failed the phones the change touched");
  auto* scan_env =
      c->add_option("--password-env", o.password_env, "--verify: environment variable holding the scan user's password")
          ->capture_default_str();
  c->add_option("--password-file", o.password_file, "--verify: file holding the scan user's password (mode 600)")
      ->excludes(scan_env);
  c->add_option("--cucm", o.cucm, "--verify: the CUCM authentication service to cross-check with (default: the run's)");
  c->add_flag("--quiet", o.quiet, "counts only, no lists of names");
  add_log_format_option(*c);
  return {c, [options] { return run_fix(*options); }};
}

} // namespace app
