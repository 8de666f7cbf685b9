// P5 (performance.md): the book actor hop in the actual actor graph against
// a CAF ping-pong in the same binary.
//
//   BM_PingPongRtt  driver --int--> echo --int--> driver    (2 enqueues)
//   BM_BookHop      driver --order_book--> book actor --book_view--> listener
//                   (2 enqueues: the frame hop and the view hop, plus the
//                   book update and the view copy); the listener stamps the
//                   arrival against the frame's ts_recv_ns (steady clock)
//                   and reports to the driver, which then sends the next
//                   frame (one frame in flight: no conflation).
//
// Both run on the default work-stealing scheduler with 2 threads; counters
// p50/p90/p99/p999 (ns) come from a metrics::histogram of every iteration.
// The ping-pong counter is the full RTT, i.e. the same two enqueues as the
// book hop, so the ratio BookHop/PingPongRtt is the P5 overhead figure.

#include <benchmark/benchmark.h>

#include <chrono>
#include <string>

#include <caf/all.hpp>

#include "actors/book/book_actor.hpp"
#include "actors/metrics/histogram.hpp"
#include "messages/type_ids.hpp"

using namespace karb;

namespace {

int64_t steady_now() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
           std::chrono::steady_clock::now().time_since_epoch())
    .count();
}

struct bench_config : caf::actor_system_config {
  bench_config() {
    set("scheduler.max-threads", 2);
    set("logger.console-verbosity", caf::atom("quiet"));
    set("logger.file-verbosity", caf::atom("quiet"));
  }
};

void report(benchmark::State& state, const metrics::histogram& h) {
  state.counters["p50_ns"] = static_cast<double>(h.percentile(50));
  state.counters["p90_ns"] = static_cast<double>(h.percentile(90));
  state.counters["p99_ns"] = static_cast<double>(h.percentile(99));
  state.counters["p999_ns"] = static_cast<double>(h.percentile(99.9));
}

caf::behavior echo(caf::event_based_actor*) {
  return {[](int64_t x) { return x; }};
}

void BM_PingPongRtt(benchmark::State& state) {
  bench_config cfg;
  caf::actor_system sys{cfg};
  auto e = sys.spawn(echo);
  caf::scoped_actor self{sys};
  metrics::histogram h;
  int64_t i = 0;
  for (auto _ : state) {
    auto t0 = steady_now();
    self->request(e, caf::infinite, ++i)
      .receive([](int64_t) {}, [](caf::error&) {});
    h.record(steady_now() - t0);
  }
  report(state, h);
  self->send_exit(e, caf::exit_reason::user_shutdown);
}

/// Reports the view's arrival latency (ns since the frame's ts_recv_ns) to
/// the driver, then asks for the next view.
book_listener_actor::behavior_type timing_listener(
  book_listener_actor::pointer, caf::actor driver) {
  return {
    [=](const book_view& v) {
      auto lat = steady_now() - v.book.ts_recv_ns;
      if (v.book.ts_recv_ns != 0)
        caf::anon_send(driver, lat);
      return atom::ok_v;
    },
  };
}

order_book bench_frame(int64_t i) {
  order_book b;
  b.symbol = {exchange::upbit, "BTC", "KRW", "KRW-BTC", contract_type::spot};
  // 15 levels a side like Upbit; the top moves every frame so every frame
  // produces a view.
  for (int64_t k = 0; k < 15; ++k) {
    b.bids.push_back({decimal::from_raw((100'000 - k - i % 2) * 100'000'000),
                      dec("0.5")});
    b.asks.push_back({decimal::from_raw((100'010 + k - i % 2) * 100'000'000),
                      dec("0.5")});
  }
  b.ts_event_ns = i * 1'000'000;
  return b;
}

void BM_BookHop(benchmark::State& state) {
  bench_config cfg;
  caf::actor_system sys{cfg};
  caf::scoped_actor self{sys};
  book_setup s;
  s.symbol = bench_frame(0).symbol;
  s.depth = 15;
  s.stale_after = std::chrono::seconds(3600);
  s.tick_interval = std::chrono::seconds(1);
  auto book = spawn_book(sys, s);
  auto l = sys.spawn(timing_listener, caf::actor{self});
  self->send(book, atom::subscribe_v, l);
  // The initial view has no receipt time: nothing comes back for it.
  metrics::histogram h;
  // Pre-build frames so the driver's own allocations stay out of the timing.
  std::vector<order_book> frames;
  for (int64_t i = 0; i < 64; ++i)
    frames.push_back(bench_frame(i + 1));
  int64_t i = 0;
  for (auto _ : state) {
    auto f = frames[static_cast<size_t>(i % 64)];
    f.ts_event_ns = (i + 1) * 1'000'000;
    ++i;
    f.ts_recv_ns = steady_now();
    caf::anon_send(book, std::move(f));
    self->receive([&](int64_t lat) { h.record(lat); });
  }
  report(state, h);
  self->send_exit(book, caf::exit_reason::user_shutdown);
  self->send_exit(l, caf::exit_reason::user_shutdown);
}

} // namespace

BENCHMARK(BM_PingPongRtt)->Iterations(20000)->UseRealTime();
BENCHMARK(BM_BookHop)->Iterations(20000)->UseRealTime();
