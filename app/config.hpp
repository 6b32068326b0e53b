#pragma once
// Where a nightly job keeps its options: a config file read by CLI11 (INI/TOML), one section
// per subcommand, keys are the long option names:
//
//   [scan]
//   inventory = "/etc/phonesweep/phones.csv"
//   db = "/var/lib/phonesweep/sweeps.db"
//   user = "remote-app"
//   password-file = "/etc/phonesweep/password"
//   quiet = true
//
// Options on the command line win over the file. There is no password option, so no password
// can be put in a config file (an unknown key is an error).
#include <string>

namespace app {

// The file read when --config is not given: $XDG_CONFIG_HOME/phonesweep/config (or
// ~/.config/phonesweep/config) when it exists, else /etc/phonesweep.conf when it exists, else
// empty (no file). $PHONESWEEP_CONFIG, when set, replaces the search (empty: no file).
std::string default_config_path();

// Why the config file at `path` must not be read, or empty when it may: it is not a regular file,
// it is owned by someone other than the user running phonesweep or root, or group or others may
// write it. Such a file could point `cucm =` or `axl =` at any server, which would then receive
// the password.
std::string config_file_problem(const std::string& path);

} // namespace app
