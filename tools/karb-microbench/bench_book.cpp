// P3/P4 (performance.md §7): one L2 level update at depths 30, 1000, 5000 on
// karb::book::l2_book and on a std::map book, same replay, same run; best
// bid/ask read; snapshot rebuild.
//
// Replay: prices are slots counted in ticks away from a fixed touch price;
// ~70 % of the slots of a range sized for the target depth are filled at
// start. 90 % of the updates hit the 16 slots nearest the touch, 10 % any
// slot; 30 % of the updates are deletes (size 0), the rest set a size,
// inserting when the level is missing (so the depth stays stationary).
// Generated with a seeded mt19937_64: every run replays the same sequence.
//
// Counters of the *Timed benchmarks come from a metrics::histogram of every
// single update timed with rdtsc (x86) or steady_clock, so they include the
// ~10-20 ns of the clock read itself; *Batch gives the mean without it.

#include <benchmark/benchmark.h>

#include <chrono>
#include <functional>
#include <map>
#include <random>
#include <vector>

#if defined(__x86_64__)
#include <x86intrin.h>
#endif

#include "actors/book/l2_book.hpp"
#include "actors/metrics/histogram.hpp"

using namespace karb;
using namespace karb::book;

namespace {

constexpr int64_t touch_raw = 100 * decimal::one_raw; // 100.0
constexpr int64_t tick_raw = decimal::one_raw / 100;  // 0.01
constexpr size_t replay_len = size_t{1} << 18;

struct update {
  book_side_id side;
  int64_t price;
  int64_t qty;
};

int64_t slot_price(book_side_id s, int64_t slot) {
  return s == book_side_id::bid ? touch_raw - slot * tick_raw
                                : touch_raw + (slot + 1) * tick_raw;
}

struct replay {
  std::vector<price_level> bids, asks; // initial book
  std::vector<update> updates;
};

const replay& replay_for(int64_t depth) {
  static std::map<int64_t, replay> cache;
  auto& r = cache[depth];
  if (!r.updates.empty())
    return r;
  std::mt19937_64 rng{0x6b617262 + static_cast<uint64_t>(depth)};
  int64_t slots = depth * 10 / 7;
  std::uniform_real_distribution<double> u01(0, 1);
  std::uniform_int_distribution<int64_t> qty(1, 100'000);
  for (int64_t k = 0; k < slots; ++k) {
    if (u01(rng) < 0.7)
      r.bids.push_back({decimal::from_raw(slot_price(book_side_id::bid, k)),
                        decimal::from_raw(qty(rng) * 1000)});
    if (u01(rng) < 0.7)
      r.asks.push_back({decimal::from_raw(slot_price(book_side_id::ask, k)),
                        decimal::from_raw(qty(rng) * 1000)});
  }
  std::uniform_int_distribution<int64_t> near(0, 15), any(0, slots - 1);
  r.updates.reserve(replay_len);
  for (size_t i = 0; i < replay_len; ++i) {
    auto s = u01(rng) < 0.5 ? book_side_id::bid : book_side_id::ask;
    int64_t slot = u01(rng) < 0.9 ? near(rng) : any(rng);
    int64_t q = u01(rng) < 0.3 ? 0 : qty(rng) * 1000;
    r.updates.push_back({s, slot_price(s, slot), q});
  }
  return r;
}

/// The baseline: one std::map per side, best first.
struct map_book {
  std::map<int64_t, int64_t, std::greater<>> bids;
  std::map<int64_t, int64_t> asks;

  void load(const std::vector<price_level>& b,
            const std::vector<price_level>& a) {
    bids.clear();
    asks.clear();
    for (const auto& l : b)
      bids.emplace(l.price.raw, l.volume.raw);
    for (const auto& l : a)
      asks.emplace(l.price.raw, l.volume.raw);
  }
  template <class M>
  static void set(M& m, int64_t p, int64_t q) {
    if (q == 0)
      m.erase(p);
    else
      m.insert_or_assign(p, q);
  }
  void apply(const update& u) {
    if (u.side == book_side_id::bid)
      set(bids, u.price, u.qty);
    else
      set(asks, u.price, u.qty);
  }
};

struct karb_book {
  l2_book book;
  void load(const std::vector<price_level>& b,
            const std::vector<price_level>& a) {
    book.apply_snapshot(b, a, 1);
  }
  void apply(const update& u) {
    book.apply(u.side, decimal::from_raw(u.price), decimal::from_raw(u.qty));
  }
};

// -- clock ----------------------------------------------------------------------

#if defined(__x86_64__)
inline uint64_t ticks() {
  _mm_lfence();
  uint64_t t = __rdtsc();
  _mm_lfence();
  return t;
}
double ns_per_tick() {
  static double f = [] {
    using clk = std::chrono::steady_clock;
    auto t0 = clk::now();
    auto c0 = ticks();
    while (clk::now() - t0 < std::chrono::milliseconds(50)) {
    }
    auto c1 = ticks();
    auto ns = std::chrono::duration<double, std::nano>(clk::now() - t0).count();
    return ns / static_cast<double>(c1 - c0);
  }();
  return f;
}
#else
inline uint64_t ticks() {
  return std::chrono::steady_clock::now().time_since_epoch().count();
}
double ns_per_tick() { return 1.0; }
#endif

void report(benchmark::State& state, const metrics::histogram& h) {
  state.counters["mean_ns"] = h.mean();
  state.counters["p50_ns"] = static_cast<double>(h.percentile(50));
  state.counters["p99_ns"] = static_cast<double>(h.percentile(99));
  state.counters["p999_ns"] = static_cast<double>(h.percentile(99.9));
}

// -- benchmarks -------------------------------------------------------------------

/// Every update timed on its own into a histogram.
template <class Book>
void BM_BookUpdateTimed(benchmark::State& state) {
  const auto& r = replay_for(state.range(0));
  Book b;
  b.load(r.bids, r.asks);
  metrics::histogram h;
  double f = ns_per_tick();
  size_t i = 0;
  for (auto _ : state) {
    const auto& u = r.updates[i];
    i = (i + 1) & (replay_len - 1);
    auto t0 = ticks();
    b.apply(u);
    auto t1 = ticks();
    h.record(static_cast<int64_t>(static_cast<double>(t1 - t0) * f));
  }
  report(state, h);
}

/// The plain mean: updates back to back, no clock per update.
template <class Book>
void BM_BookUpdateBatch(benchmark::State& state) {
  const auto& r = replay_for(state.range(0));
  Book b;
  b.load(r.bids, r.asks);
  size_t i = 0;
  for (auto _ : state) {
    b.apply(r.updates[i]);
    i = (i + 1) & (replay_len - 1);
  }
}

void BM_BookBestRead(benchmark::State& state) {
  const auto& r = replay_for(1000);
  l2_book b;
  b.apply_snapshot(r.bids, r.asks, 1);
  for (auto _ : state) {
    benchmark::DoNotOptimize(b);
    auto bid = b.best_bid();
    auto ask = b.best_ask();
    benchmark::DoNotOptimize(bid);
    benchmark::DoNotOptimize(ask);
  }
}

void BM_BookBestReadMap(benchmark::State& state) {
  const auto& r = replay_for(1000);
  map_book b;
  b.load(r.bids, r.asks);
  for (auto _ : state) {
    benchmark::DoNotOptimize(b);
    price_level bid{decimal::from_raw(b.bids.begin()->first),
                    decimal::from_raw(b.bids.begin()->second)};
    price_level ask{decimal::from_raw(b.asks.begin()->first),
                    decimal::from_raw(b.asks.begin()->second)};
    benchmark::DoNotOptimize(bid);
    benchmark::DoNotOptimize(ask);
  }
}

/// Rebuild from a snapshot of `range(0)` levels per side, best first (the
/// order venues send).
template <class Book>
void BM_BookSnapshot(benchmark::State& state) {
  auto n = static_cast<size_t>(state.range(0));
  std::vector<price_level> bids, asks;
  for (size_t k = 0; k < n; ++k) {
    auto slot = static_cast<int64_t>(k);
    bids.push_back({decimal::from_raw(slot_price(book_side_id::bid, slot)),
                    decimal::from_raw(1000 + slot)});
    asks.push_back({decimal::from_raw(slot_price(book_side_id::ask, slot)),
                    decimal::from_raw(2000 + slot)});
  }
  Book b;
  for (auto _ : state) {
    b.load(bids, asks);
    benchmark::DoNotOptimize(b);
  }
}

} // namespace

BENCHMARK_TEMPLATE(BM_BookUpdateTimed, karb_book)->Arg(30)->Arg(1000)->Arg(5000);
BENCHMARK_TEMPLATE(BM_BookUpdateTimed, map_book)->Arg(30)->Arg(1000)->Arg(5000);
BENCHMARK_TEMPLATE(BM_BookUpdateBatch, karb_book)->Arg(30)->Arg(1000)->Arg(5000);
BENCHMARK_TEMPLATE(BM_BookUpdateBatch, map_book)->Arg(30)->Arg(1000)->Arg(5000);
BENCHMARK(BM_BookBestRead);
BENCHMARK(BM_BookBestReadMap);
BENCHMARK_TEMPLATE(BM_BookSnapshot, karb_book)->Arg(30)->Arg(5000);
BENCHMARK_TEMPLATE(BM_BookSnapshot, map_book)->Arg(30)->Arg(5000);
