// Heap allocations per book frame on the pure hot path, in steady state:
// one Upbit / Bithumb orderbook frame as karb-sim renders it for the node's
// own subscription (the --feed-rate pump's variants: level sizes and deep
// prices change from frame to frame) is decoded by korea::book_decoder into
// a reused order_book and applied by book::book_core (full-snapshot
// sequencing), as the feed's I/O thread and a book actor do, without the
// actor hop.
//
//   BM_FrameDecodeApply/<venue>  decode + apply (the counter that matters)
//   BM_FrameDecode/<venue>       decode only
//   BM_FrameApply/<venue>        apply only (pre-decoded books)
//
// Counters: allocs_per_frame and alloc_bytes_per_frame, counted at the
// malloc level by tools/karb-bench/alloc_count.cpp after 512 frames of
// warm-up (so every reused buffer has its steady size); frames/s.

#include <benchmark/benchmark.h>

#include <chrono>
#include <string>
#include <vector>

#include "actors/book/book_core.hpp"
#include "exchanges/registry.hpp"
#include "exchanges/korea/book_decoder.hpp"
#include "tools/karb-bench/alloc_count.hpp"
#include "tools/karb-bench/tape.hpp"
#include "tools/karb-sim/feed_pump.hpp"
#include "tools/karb-sim/sim.hpp"

using namespace karb;

namespace {

constexpr sim::time_ms start_ms = 1'770'000'000'000;
constexpr int steps = 16;     // market steps rendered
constexpr int warm_up = 512;  // frames before counting

struct frame {
  std::string text;
  uint32_t stamp_at = bench::tape_frame::no_stamp;
};

/// 4 variants x `steps` market steps of KRW-BTC, in the order the pump
/// sends them.
std::vector<frame> make_frames(exchange x) {
  auto kind = x == exchange::upbit ? sim::venue_kind::upbit
                                   : sim::venue_kind::bithumb;
  sim::sim_config sc;
  sc.venues = {kind};
  sc.book_hz = 20;
  sc.start = start_ms;
  sim::simulator s{sc};
  auto text = karb::venue::protocol_for(x).book_subscription({"KRW-BTC"}).at(0);
  auto sub = sim::parse_subscription(text, false).sub.value();
  sim::feed_pump pump{kind, -1, 0};
  std::vector<frame> out;
  for (int k = 0; k < steps; ++k) {
    for (auto& u : s.step(start_ms + k * 50))
      if (u->code == "KRW-BTC")
        pump.update(*u, sub);
    for (int v = 0; v < sim::feed_pump::variants; ++v) {
      frame f;
      f.text = pump.next(start_ms);
      f.stamp_at = bench::find_stamp(f.text);
      out.push_back(std::move(f));
    }
  }
  return out;
}

/// Cycles the frames, stamping each later than the one before (as a live
/// feed is: the full-snapshot sequencer drops older books).
class feed {
public:
  explicit feed(exchange venue) : frames_(make_frames(venue)) {}

  const std::string& next() {
    auto& f = frames_[i_++ % frames_.size()];
    if (f.stamp_at != bench::tape_frame::no_stamp)
      bench::write_stamp(f.text.data() + f.stamp_at, ++ms_);
    return f.text;
  }
  size_t size() const { return frames_.size(); }

private:
  std::vector<frame> frames_;
  size_t i_ = 0;
  int64_t ms_ = start_ms;
};

book::book_core make_core() {
  book::book_core_config cfg;
  cfg.mode = book::sync_mode::full_snapshot;
  cfg.stale_after_ns = int64_t{3600} * 1'000'000'000;
  cfg.depth = 30;
  return book::book_core{cfg};
}

int64_t steady_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
           std::chrono::steady_clock::now().time_since_epoch())
    .count();
}

void report(benchmark::State& state, const bench::alloc_totals& a) {
  auto n = static_cast<double>(state.iterations());
  state.counters["allocs_per_frame"] = static_cast<double>(a.allocs) / n;
  state.counters["alloc_bytes_per_frame"] = static_cast<double>(a.bytes) / n;
  state.counters["frames_per_s"]
    = benchmark::Counter(n, benchmark::Counter::kIsRate);
}

void BM_FrameDecodeApply(benchmark::State& state, exchange venue) {
  feed in{venue};
  korea::book_decoder decoder{venue};
  auto core = make_core();
  order_book book;
  uint64_t applied = 0;
  auto one = [&] {
    auto now = steady_ns();
    if (!decoder.decode(in.next(), now, book).ok())
      state.SkipWithError("decode failed");
    applied += core.on_book(book, now).applied;
  };
  for (int i = 0; i < warm_up; ++i)
    one();
  applied = 0;
  auto a0 = bench::alloc_count();
  for (auto _ : state)
    one();
  report(state, bench::alloc_count() - a0);
  state.counters["applied_share"]
    = static_cast<double>(applied) / static_cast<double>(state.iterations());
  state.counters["levels"] = static_cast<double>(book.bids.size());
}

void BM_FrameDecode(benchmark::State& state, exchange venue) {
  feed in{venue};
  korea::book_decoder decoder{venue};
  order_book book;
  for (int i = 0; i < warm_up; ++i)
    if (!decoder.decode(in.next(), 0, book).ok())
      state.SkipWithError("decode failed");
  auto a0 = bench::alloc_count();
  for (auto _ : state) {
    auto r = decoder.decode(in.next(), 1, book);
    benchmark::DoNotOptimize(r);
  }
  report(state, bench::alloc_count() - a0);
}

void BM_FrameApply(benchmark::State& state, exchange venue) {
  feed in{venue};
  korea::book_decoder decoder{venue};
  std::vector<order_book> books(in.size());
  for (auto& b : books)
    if (!decoder.decode(in.next(), 0, b).ok())
      state.SkipWithError("decode failed");
  auto core = make_core();
  int64_t ts = start_ms * 1'000'000;
  size_t i = 0;
  auto one = [&] {
    auto& b = books[i++ % books.size()];
    b.ts_event_ns = (ts += 1'000'000);
    auto r = core.on_book(b, steady_ns());
    benchmark::DoNotOptimize(r);
  };
  for (int k = 0; k < warm_up; ++k)
    one();
  auto a0 = bench::alloc_count();
  for (auto _ : state)
    one();
  report(state, bench::alloc_count() - a0);
}

} // namespace

BENCHMARK_CAPTURE(BM_FrameDecodeApply, upbit, exchange::upbit);
BENCHMARK_CAPTURE(BM_FrameDecodeApply, bithumb, exchange::bithumb);
BENCHMARK_CAPTURE(BM_FrameDecode, upbit, exchange::upbit);
BENCHMARK_CAPTURE(BM_FrameApply, upbit, exchange::upbit);
