#include "tests/trading/fault_schedule.hpp"

namespace karb::test {

const std::vector<std::string> demo_sim_venues{
  "upbit", "bithumb", "binance_spot", "okx", "bybit", "binance_usdm"};

namespace {

/// splitmix64: a well-mixed value from (seed, n, salt).
uint64_t mix(uint64_t seed, uint64_t n, uint64_t salt) {
  uint64_t z = seed + 0x9e3779b97f4a7c15ULL * (n * 8 + salt + 1);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

int64_t in_range(uint64_t r, int64_t lo, int64_t hi) {
  return lo + static_cast<int64_t>(r % static_cast<uint64_t>(hi - lo + 1));
}

} // namespace

scheduled_fault draw_fault(uint64_t seed, uint64_t n) {
  static const char* const kinds[] = {"disconnect", "stall", "gap",
                                      "http_429", "bad_frames", "slow"};
  scheduled_fault out;
  out.kind = kinds[mix(seed, n, 0) % 6];
  auto venue = demo_sim_venues[mix(seed, n, 1) % demo_sim_venues.size()];
  if (out.kind == "gap" && (venue == "upbit" || venue == "bithumb"))
    venue = demo_sim_venues[2 + mix(seed, n, 2) % 4]; // full books: no ids
  out.spec = {{"venue", venue}};
  auto r = mix(seed, n, 3);
  if (out.kind == "disconnect") {
    out.spec["fault"] = "drop_ws";
  } else if (out.kind == "stall") {
    out.spec["fault"] = "stall_feed";
    out.spec["ms"] = in_range(r, 1000, 5000);
  } else if (out.kind == "gap") {
    out.spec["fault"] = "gap";
  } else if (out.kind == "http_429") {
    out.spec["fault"] = "http_429";
    out.spec["count"] = in_range(r, 1, 3);
    out.spec["retry_after"] = 1;
  } else if (out.kind == "bad_frames") {
    out.spec["fault"] = "bad_frames";
    out.spec["share"] = 0.2;
    out.spec["seed"] = r >> 1;
  } else {
    out.spec["fault"] = "slow";
    out.spec["ms"] = in_range(r, 300, 2000);
    out.spec["count"] = in_range(r >> 16, 1, 4);
  }
  return out;
}

nlohmann::json bad_frames_off(const std::string& venue) {
  return {{"venue", venue}, {"fault", "bad_frames"}, {"share", 0}};
}

} // namespace karb::test
