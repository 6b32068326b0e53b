#pragma once
// Deterministic pseudo-random numbers (splitmix64). The same --seed must give the same estate on
// every machine, which std::uniform_int_distribution does not promise across standard libraries.
#include <cstddef>
#include <cstdint>
#include <span>

namespace fleetsim {

class Rng {
public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}

  // An independent stream per phone, so that adding a phone or a scenario does not reshuffle
  // every other phone of the estate.
  static Rng for_stream(std::uint64_t seed, std::uint64_t stream) {
    Rng mixer(seed ^ (stream * 0xD1B54A32D192ED03ULL));
    return Rng(mixer.next());
  }

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

  // Uniform in [0, n); the modulo bias is irrelevant for the small n used here. 0 when n is 0.
  std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : next() % n; }
  bool percent(unsigned chance) { return below(100) < chance; }

  template <class T>
  const T& pick(std::span<const T> items) {
    return items[static_cast<std::size_t>(below(items.size()))];
  }

private:
  std::uint64_t state_;
};

} // namespace fleetsim
