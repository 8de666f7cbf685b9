#pragma once

// The "bad_frames" fault: a share of a venue's outgoing WebSocket data
// frames is mangled, each in one of five ways a hostile or broken peer
// could send: cut short, nested 100,000 arrays deep, a number too large
// for any field, invalid UTF-8 in a string, or a frame just over the
// node's 16 MiB message limit. Drawn from a seeded generator, so the same
// seed and the same frames give the same damage.

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "tools/karb-sim/rng.hpp"

namespace karb::sim {

enum class bad_frame_kind {
  truncated,    ///< cut at a random byte before its end
  deep_nesting, ///< wrapped in `nesting_depth` arrays
  huge_number,  ///< one number (or numeric string) replaced by a huge one
  invalid_utf8, ///< bytes 0xC3 0x28 / 0xFF inside a string
  oversized,    ///< padded with spaces to `oversized_bytes`
};

/// The names used in `bad_frames_injected`.
std::string_view to_string(bad_frame_kind k);

/// Depth of the deep_nesting kind.
inline constexpr size_t nesting_depth = 100'000;
/// Size of the oversized kind: 16 MiB and 1 KiB, over a 16 MiB limit.
inline constexpr size_t oversized_bytes = (size_t{16} << 20) + 1024;

/// `frame` damaged as `kind` says; the random choices (cut point, which
/// number, which replacement) come from `gen`.
std::string mangle_frame(std::string_view frame, bad_frame_kind kind,
                         rng& gen);

struct bad_frames_state {
  bool on = false;
  double share = 0.2;
  uint64_t seed = 0;
  bool include_private = false; ///< private stream frames too
  rng gen{0};
  std::map<std::string, int> injected; ///< by to_string(kind)

  /// Starts (or restarts) drawing from `seed`; the counts start over.
  void start(double share_, uint64_t seed_, bool private_too);
  /// The damage for the next frame (nullopt: sent as it is). Always the
  /// same number of draws per frame.
  std::optional<bad_frame_kind> draw();
};

} // namespace karb::sim
