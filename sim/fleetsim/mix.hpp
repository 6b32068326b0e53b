#pragma once
// --mix: how many phones of each scenario an estate has.
#include <sim/fleetsim/scenario.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace fleetsim {

using MixCounts = std::array<std::size_t, scenario_count>; // indexed by index_of(Scenario)

std::size_t total(const MixCounts& counts);

// "default": realistic_mix(phones); "healthy": all healthy; "name=N,name=N,...": exactly those
// counts (their total overrides `phones`). Error: a one-line reason (unknown scenario, bad
// number, empty list, a total of zero).
tl::expected<MixCounts, std::string> parse_mix(std::string_view spec, std::size_t phones);

// About 60 % healthy, hostile scenarios (!in_default_mix) never. When phones >=
// default_scenario_count every default scenario gets at least one phone;
// the rest is shared by weight (largest remainder), so the counts always add up to `phones`.
MixCounts realistic_mix(std::size_t phones);

} // namespace fleetsim
