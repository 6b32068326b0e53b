#include <storage/codes.hpp>

#include <array>
#include <cstddef>

namespace storage {
namespace {

using diagnosis::CucmAuth;
using diagnosis::ItlState;
using diagnosis::NameLookup;
using diagnosis::ScreenshotAnswer;
using diagnosis::TransferStatus;

// How many enumerators each evidence enum has. diagnosis does not export these (except
// root_cause_count), so they are taken from the last enumerator: appending one there must update
// this table, and a stored code this build cannot parse fails loudly (storage::Error) on read.
template <class Enum>
constexpr int enumerator_count = 0;
template <>
constexpr int enumerator_count<ScreenshotAnswer> = static_cast<int>(ScreenshotAnswer::not_a_phone) + 1;
template <>
constexpr int enumerator_count<ItlState> = static_cast<int>(ItlState::not_installed) + 1;
template <>
constexpr int enumerator_count<CucmAuth> = static_cast<int>(CucmAuth::error) + 1;
template <>
constexpr int enumerator_count<NameLookup> = static_cast<int>(NameLookup::unresolved) + 1;
template <>
constexpr int enumerator_count<TransferStatus> = static_cast<int>(TransferStatus::local_error) + 1;

// The reverse of diagnosis::to_string, so that the names are written down in one place only.
template <class Enum>
std::optional<Enum> parse_evidence_code(std::string_view text) {
  static_assert(enumerator_count<Enum> > 0);
  for (int i = 0; i < enumerator_count<Enum>; ++i)
    if (diagnosis::to_string(static_cast<Enum>(i)) == text) return static_cast<Enum>(i);
  return std::nullopt;
}

constexpr std::array<std::string_view, 4> run_status_codes{"running", "completed", "interrupted", "failed"};
static_assert(static_cast<std::size_t>(RunStatus::failed) + 1 == run_status_codes.size());

constexpr std::array<std::string_view, 4> run_kind_codes{"full", "recheck", "shard", "merge"};
constexpr std::array<std::string_view, 4> run_kind_names{"full sweep", "re-check", "shard", "merge"};
static_assert(static_cast<std::size_t>(RunKind::merge) + 1 == run_kind_codes.size());

} // namespace

std::string_view code(RunKind value) {
  const auto index = static_cast<std::size_t>(value);
  return index < run_kind_codes.size() ? run_kind_codes[index] : std::string_view{};
}

std::string_view describe(RunKind value) {
  const auto index = static_cast<std::size_t>(value);
  return index < run_kind_names.size() ? run_kind_names[index] : std::string_view{};
}

template <>
std::optional<RunKind> from_code(std::string_view text) {
  for (std::size_t i = 0; i < run_kind_codes.size(); ++i)
    if (run_kind_codes[i] == text) return static_cast<RunKind>(i);
  return std::nullopt;
}

std::string_view code(RunStatus value) {
  const auto index = static_cast<std::size_t>(value);
  return index < run_status_codes.size() ? run_status_codes[index] : std::string_view{};
}

template <>
std::optional<diagnosis::RootCause> from_code(std::string_view text) {
  return diagnosis::root_cause_from_string(text);
}
template <>
std::optional<ScreenshotAnswer> from_code(std::string_view text) {
  return parse_evidence_code<ScreenshotAnswer>(text);
}
template <>
std::optional<ItlState> from_code(std::string_view text) {
  return parse_evidence_code<ItlState>(text);
}
template <>
std::optional<CucmAuth> from_code(std::string_view text) {
  return parse_evidence_code<CucmAuth>(text);
}
template <>
std::optional<NameLookup> from_code(std::string_view text) {
  return parse_evidence_code<NameLookup>(text);
}
template <>
std::optional<TransferStatus> from_code(std::string_view text) {
  return parse_evidence_code<TransferStatus>(text);
}
template <>
std::optional<RunStatus> from_code(std::string_view text) {
  for (std::size_t i = 0; i < run_status_codes.size(); ++i)
    if (run_status_codes[i] == text) return static_cast<RunStatus>(i);
  return std::nullopt;
}

} // namespace storage
