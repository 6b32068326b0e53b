#pragma once
// Stable text codes for the enums stored in the database. The text of an evidence enum is
// diagnosis's own to_string() (diagnosis/evidence.hpp, root_cause.hpp); storage only adds
// the reading direction, and the codes of its own RunStatus. Codes are part of the schema:
// renaming an enumerator breaks every stored run, and adding one needs a new schema version
// (schema.cpp) so that an older binary refuses the database rather than meet a code it cannot read.
#include <diagnosis/evidence.hpp>
#include <diagnosis/root_cause.hpp>

#include <optional>
#include <string_view>

namespace storage {

// How a run ended; `running` until finish_run() (a crashed run stays `running`).
enum class RunStatus { running, completed, interrupted, failed };

std::string_view code(RunStatus value);

// What a run covers (runs.scope, schema v6): the whole estate (`full`: a sweep, or a merge of
// every shard, `merge`), the phones failing in an earlier run (`recheck`: scan --only-failed), or
// part of the estate (`shard`: scan --shard K/N, or a merge that lacks a shard). Only `full` and
// `merge` runs are what a report defaults to and what change and trend compare.
enum class RunKind { full, recheck, shard, merge };

std::string_view code(RunKind value);
// "full sweep", "re-check", "shard", "merge": how `runs` and the report name it.
std::string_view describe(RunKind value);
// A run that covers the whole estate: full or merge.
constexpr bool whole_estate(RunKind kind) { return kind == RunKind::full || kind == RunKind::merge; }

// The enumerator whose code is `text`; nullopt when this build does not know the code.
template <class Enum>
std::optional<Enum> from_code(std::string_view text);

template <>
std::optional<diagnosis::RootCause> from_code(std::string_view text);
template <>
std::optional<diagnosis::ScreenshotAnswer> from_code(std::string_view text);
template <>
std::optional<diagnosis::ItlState> from_code(std::string_view text);
template <>
std::optional<diagnosis::CucmAuth> from_code(std::string_view text);
template <>
std::optional<diagnosis::NameLookup> from_code(std::string_view text);
template <>
std::optional<diagnosis::TransferStatus> from_code(std::string_view text);
template <>
std::optional<RunStatus> from_code(std::string_view text);
template <>
std::optional<RunKind> from_code(std::string_view text);

} // namespace storage
