// The store's durable write: one order intent (insert + transition row in
// one WAL transaction, synchronous = FULL), what every order waits for
// before it is sent. Also the trade and order state-machine steps.

#include <filesystem>
#include <string>

#include <benchmark/benchmark.h>
#include <unistd.h>

#include "actors/execution/order_fsm.hpp"
#include "actors/execution/trade_fsm.hpp"
#include "actors/store/store_db.hpp"

namespace {

void bm_store_intent(benchmark::State& state) {
  auto path = (std::filesystem::temp_directory_path()
               / ("karb-bench-store-" + std::to_string(::getpid()) + ".db"))
                .string();
  {
    auto mode = state.range(0) == 0 ? karb::store::durability::full
                                    : karb::store::durability::normal;
    karb::store::store_db db{path, mode};
    karb::order_record r;
    r.trade_id = "B";
    r.venue = "upbit";
    r.role = "entry";
    r.request.amount = karb::dec("0.01");
    r.request.price = karb::dec("100000000");
    int64_t n = 0;
    for (auto _ : state) {
      r.request.client_order_id = "karb-B-0-" + std::to_string(++n);
      if (!db.put_order(r))
        state.SkipWithError("write failed");
    }
  }
  for (const char* suffix : {"", "-wal", "-shm"})
    std::filesystem::remove(path + suffix);
}
// Arg 0: synchronous=FULL (fsync per write); 1: synchronous=NORMAL.
BENCHMARK(bm_store_intent)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

void bm_order_fsm_step(benchmark::State& state) {
  using karb::order_status;
  using karb::execution::order_event;
  for (auto _ : state) {
    auto s = karb::execution::next_status(order_status::partially_filled,
                                          order_event::venue_filled);
    benchmark::DoNotOptimize(s);
  }
}
BENCHMARK(bm_order_fsm_step);

} // namespace
