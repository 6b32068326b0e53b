#include <storage/schema.hpp>

#include <array>

namespace storage {
namespace {

// v1. STRICT tables so a wrongly typed bind fails loudly instead of being stored as text.
// Enum columns hold the codes of storage/codes.hpp and diagnosis/root_cause.hpp; they have no
// CHECK so that the code lists stay in C++ (one place), see codes.hpp for the versioning rule.
// results keeps every Evidence field so a fleet-level pass can re-diagnose a phone from its row.
constexpr std::string_view v1 = R"sql(
CREATE TABLE runs (
  id            INTEGER PRIMARY KEY,
  started_at    TEXT    NOT NULL,
  finished_at   TEXT,
  status        TEXT    NOT NULL CHECK (status IN ('running', 'completed', 'interrupted', 'failed')),
  options_json  TEXT    NOT NULL CHECK (json_valid(options_json)),
  phone_count   INTEGER NOT NULL CHECK (phone_count >= 0),
  tool_version  TEXT    NOT NULL
) STRICT;

CREATE TABLE results (
  run_id                   INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  address                  TEXT    NOT NULL,
  host                     TEXT    NOT NULL,
  port                     INTEGER NOT NULL,
  device_name              TEXT    NOT NULL,
  model                    TEXT    NOT NULL,
  site                     TEXT    NOT NULL,
  description              TEXT    NOT NULL,
  extra_json               TEXT    NOT NULL CHECK (json_valid(extra_json)),
  root_cause               TEXT    NOT NULL,
  detail                   TEXT    NOT NULL,
  target_lookup            TEXT    NOT NULL,
  target_lookup_detail     TEXT    NOT NULL,
  transport                TEXT    NOT NULL,
  transport_detail         TEXT    NOT NULL,
  any_answer               INTEGER NOT NULL,
  device_info_read         INTEGER NOT NULL,
  device_model             TEXT    NOT NULL,
  firmware                 TEXT    NOT NULL,
  serial                   TEXT    NOT NULL,
  device_host_name         TEXT    NOT NULL,
  mac                      TEXT    NOT NULL,
  model_without_screenshot INTEGER NOT NULL,
  screenshot               TEXT    NOT NULL,
  screenshot_http_status   INTEGER NOT NULL,
  phone_error              INTEGER NOT NULL,
  image_format             TEXT    NOT NULL,
  screenshot_detail        TEXT    NOT NULL,
  itl_state                TEXT    NOT NULL,
  itl_detail               TEXT    NOT NULL,
  auth_url                 TEXT    NOT NULL,
  auth_url_lookup          TEXT    NOT NULL,
  auth_url_lookup_detail   TEXT    NOT NULL,
  cucm_auth                TEXT    NOT NULL,
  cucm_detail              TEXT    NOT NULL,
  https_used               INTEGER NOT NULL,
  elapsed_ms               REAL    NOT NULL,
  checked_at               TEXT    NOT NULL,
  UNIQUE (run_id, address)
) STRICT;

CREATE INDEX results_by_cause ON results (run_id, root_cause);
CREATE INDEX results_by_site ON results (run_id, site);
)sql";

// v2. What the CUCM said about the run as a whole (storage/cucm_view.hpp): the AXL preflight and
// the discovery that produced the inventory. Per-phone CUCM state (RisPort's registration and
// Httpd) stays in results.extra_json, where the inventory's columns already are.
constexpr std::string_view v2 = R"sql(
ALTER TABLE runs ADD COLUMN cucm_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(cucm_json));
)sql";

// v3. Where the model a phone was probed as came from (Evidence::model_source): a page's path,
// "inventory", or '' when nothing identified it. Rows written before v3 say 'unrecorded'.
constexpr std::string_view v3 = R"sql(
ALTER TABLE results ADD COLUMN model_source TEXT NOT NULL DEFAULT 'unrecorded';
)sql";

// v4. What the run learnt about its credentials (storage/credentials_view.hpp: accepted, or
// refused and the sweep stopped spending them), and whether a phone is an address of a --targets
// range (inventory::Target::from_range: no credentials until it identifies itself as a phone, also
// when --only-failed asks it again). The same version brings the screenshot codes
// withheld_rejected, withheld_unproven and not_a_phone: an older phonesweep must refuse a
// database that may hold them.
constexpr std::string_view v4 = R"sql(
ALTER TABLE runs ADD COLUMN credentials_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(credentials_json));
ALTER TABLE results ADD COLUMN from_range INTEGER NOT NULL DEFAULT 0;
)sql";

// v5. What `phonesweep fix` changed on the CUCM (storage/changes.hpp): one `changes` row per
// apply or undo, with the user's lists before it and what it set out to add and remove (JSON
// arrays of names), and one `change_writes` row per AXL write it made. A change outlives a pruned
// run (run_id becomes NULL): it is what restores the CUCM.
constexpr std::string_view v5 = R"sql(
CREATE TABLE changes (
  id                     INTEGER PRIMARY KEY,
  run_id                 INTEGER REFERENCES runs (id) ON DELETE SET NULL,
  undoes                 INTEGER REFERENCES changes (id),
  started_at             TEXT    NOT NULL,
  finished_at            TEXT,
  requested_by           TEXT    NOT NULL,
  axl_url                TEXT    NOT NULL,
  axl_user               TEXT    NOT NULL,
  operation              TEXT    NOT NULL CHECK (operation IN ('updateAppUser', 'updateUser')),
  userid                 TEXT    NOT NULL,
  status                 TEXT    NOT NULL CHECK (status IN ('applying', 'applied', 'partial', 'failed')),
  detail                 TEXT    NOT NULL DEFAULT '',
  previous_devices_json  TEXT    NOT NULL CHECK (json_valid(previous_devices_json)),
  previous_groups_json   TEXT    NOT NULL CHECK (json_valid(previous_groups_json)),
  add_devices_json       TEXT    NOT NULL CHECK (json_valid(add_devices_json)),
  add_groups_json        TEXT    NOT NULL CHECK (json_valid(add_groups_json)),
  remove_devices_json    TEXT    NOT NULL CHECK (json_valid(remove_devices_json)),
  remove_groups_json     TEXT    NOT NULL CHECK (json_valid(remove_groups_json))
) STRICT;

CREATE TABLE change_writes (
  change_id              INTEGER NOT NULL REFERENCES changes (id) ON DELETE CASCADE,
  seq                    INTEGER NOT NULL,
  written_at             TEXT    NOT NULL,
  ok                     INTEGER NOT NULL CHECK (ok IN (0, 1)),
  add_devices_json       TEXT    NOT NULL CHECK (json_valid(add_devices_json)),
  add_groups_json        TEXT    NOT NULL CHECK (json_valid(add_groups_json)),
  remove_devices_json    TEXT    NOT NULL CHECK (json_valid(remove_devices_json)),
  remove_groups_json     TEXT    NOT NULL CHECK (json_valid(remove_groups_json)),
  answer                 TEXT    NOT NULL,
  PRIMARY KEY (change_id, seq)
) STRICT;
)sql";

// v6. What a run covers (storage/codes.hpp RunKind): a report defaults to the newest run of the
// whole estate and compares only such runs, so a re-check of 600 failing phones no longer reads as
// "0 ok". recheck_of: the run whose failing phones an --only-failed run asked again. merge_key: the
// shard runs a merge was made from (storage/merge.cpp), so that merging them again finds it. Runs
// recorded before v6 get their scope from the options they recorded.
constexpr std::string_view v6 = R"sql(
ALTER TABLE runs ADD COLUMN scope TEXT NOT NULL DEFAULT 'full'
  CHECK (scope IN ('full', 'recheck', 'shard', 'merge'));
ALTER TABLE runs ADD COLUMN recheck_of INTEGER;
ALTER TABLE runs ADD COLUMN merge_key TEXT;
UPDATE runs SET scope = CASE
  WHEN json_array_length(options_json, '$.merged_from') > 0
    THEN CASE WHEN coalesce(json_extract(options_json, '$.shard'), '') = '' THEN 'merge' ELSE 'shard' END
  WHEN json_extract(options_json, '$.scope.only_failed') = 1 THEN 'recheck'
  WHEN coalesce(json_extract(options_json, '$.shard'), '') <> '' THEN 'shard'
  ELSE 'full' END;
CREATE INDEX runs_by_merge_key ON runs (merge_key) WHERE merge_key IS NOT NULL;
)sql";

constexpr std::array<std::string_view, 6> all{v1, v2, v3, v4, v5, v6};

} // namespace

std::span<const std::string_view> migrations() { return all; }

int schema_version() { return static_cast<int>(all.size()); }

} // namespace storage
