// The strategy's and risk's per-tick work: one scan of both directions on
// two 15-level books (Upbit / Bithumb depth), with and without an
// opportunity, and one pre-trade risk check.

#include <benchmark/benchmark.h>

#include <chrono>
#include <vector>

#include "actors/risk/risk_core.hpp"
#include "actors/strategy/spread_core.hpp"

using namespace karb;

namespace {

book_view make_book(exchange venue, int64_t best_bid, int64_t best_ask) {
  book_view v;
  v.healthy = true;
  v.book.symbol = {venue, "BTC", "KRW", "KRW-BTC", contract_type::spot};
  for (int i = 0; i < 15; ++i) {
    v.book.bids.push_back({decimal::from_int(best_bid - i * 1000),
                           decimal::from_raw(5'000'000 + i * 100'000)});
    v.book.asks.push_back({decimal::from_int(best_ask + i * 1000),
                           decimal::from_raw(5'000'000 + i * 100'000)});
  }
  return v;
}

void scan_bench(benchmark::State& state, int64_t upbit_bid) {
  auto a = make_book(exchange::upbit, upbit_bid, upbit_bid + 1000);
  auto b = make_book(exchange::bithumb, 100'000'000, 100'001'000);
  strategy::spread_calculator calc{{"bench", dec("0.005"), dec("0.1"),
                                    500'000'000}};
  int64_t now = 0;
  for (auto _ : state) {
    auto xs = calc.scan({&a, dec("0.0005")}, {&b, dec("0.0005")}, ++now);
    benchmark::DoNotOptimize(xs);
  }
}

void BM_ScanNoOpportunity(benchmark::State& state) {
  scan_bench(state, 100'010'000);
}
BENCHMARK(BM_ScanNoOpportunity);

void BM_ScanWithOpportunity(benchmark::State& state) {
  scan_bench(state, 101'000'000);
}
BENCHMARK(BM_ScanWithOpportunity);

void BM_RiskCheck(benchmark::State& state) {
  auto a = make_book(exchange::upbit, 101'000'000, 101'001'000);
  auto b = make_book(exchange::bithumb, 100'000'000, 100'001'000);
  strategy::spread_calculator calc{{"bench", dec("0.005"), dec("0.1"),
                                    500'000'000}};
  auto opp = calc.scan({&a, dec("0.0005")}, {&b, dec("0.0005")}, 0).at(0);
  risk::risk_params p;
  p.limits.max_concurrent_trades = INT64_MAX;
  p.limits.max_orders_per_minute = INT64_MAX;
  risk::risk_core core{p};
  auto now = std::chrono::steady_clock::time_point{};
  std::vector<balance> up{{exchange::upbit, "BTC", decimal::from_int(100'000),
                           {}, decimal::from_int(100'000), 0}};
  std::vector<balance> bt{{exchange::bithumb, "KRW",
                           decimal::from_int(90'000'000'000), {},
                           decimal::from_int(90'000'000'000), 0}};
  for (auto _ : state) {
    auto d = core.check(opp, now, 0);
    benchmark::DoNotOptimize(d);
    // Fresh snapshots and a later minute keep reservations and the order
    // window from growing (untimed).
    state.PauseTiming();
    core.on_balances(up);
    core.on_balances(bt);
    now += std::chrono::seconds{61};
    state.ResumeTiming();
  }
}
BENCHMARK(BM_RiskCheck);

} // namespace
