// Bybit v5 venue parsing and signing costs:
//  - orderbook.50 frames decoded by the simdjson hot path
//    (public_feed_decoder) and by the nlohmann parser (decode_public_frame)
//    in the same run: the docs' delta (5 bids, 7 asks) and snapshot (2 + 2
//    levels) fixtures as they are, and a full 50 + 50 level snapshot built
//    in the same shape (what a subscription or a resync delivers);
//  - signing + serializing one linear limit order (HMAC-SHA256 of the JSON
//    body).

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <benchmark/benchmark.h>

#include "exchanges/bybit/endpoints.hpp"
#include "exchanges/bybit/feed_decoder.hpp"
#include "exchanges/bybit/ws_parse.hpp"

namespace {

using namespace karb;

std::string read_fixture(const std::string& relative) {
  std::ifstream in(std::string{KARB_FIXTURES_DIR} + "/" + relative,
                   std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string delta_frame() {
  return read_fixture("bybit/ws_orderbook_delta_docs_example.json");
}

std::string small_snapshot_frame() {
  return read_fixture("bybit/ws_orderbook_snapshot_docs_example.json");
}

/// 50 levels a side, 0.10 apart around the delta fixture's prices.
std::string full_snapshot_frame() {
  auto side = [](int64_t start_cents, int step) {
    std::string s = "[";
    for (int i = 0; i < 50; ++i) {
      if (i > 0)
        s += ',';
      auto cents = start_cents + step * 10 * i;
      auto price = decimal::from_raw(cents * 1'000'000);
      auto qty = decimal::from_raw((i % 7 + 1) * 12'300'000);
      s += "[\"" + price.to_string() + "\",\"" + qty.to_string() + "\"]";
    }
    return s + "]";
  };
  return R"({"topic":"orderbook.50.BTCUSDT","type":"snapshot",)"
         R"("ts":1687940967466,"data":{"s":"BTCUSDT","b":)"
         + side(3024720, -1) + R"(,"a":)" + side(3024870, 1)
         + R"(,"u":177400507,"seq":66544703342},"cts":1687940967464})";
}

void run_simdjson(benchmark::State& state, const std::string& frame) {
  bybit::public_feed_decoder decoder{exchange::bybit_linear};
  venue::feed_item item;
  for (int i = 0; i < 16; ++i) // warm-up: parser capacity, vectors, strings
    if (decoder.decode(frame, 0, item) != venue::feed_kind::delta)
      state.SkipWithError("decode failed");
  int64_t ts = 0;
  for (auto _ : state) {
    auto kind = decoder.decode(frame, ++ts, item);
    benchmark::DoNotOptimize(kind);
    benchmark::DoNotOptimize(item.delta.bids.data());
  }
  state.counters["levels"] = static_cast<double>(item.delta.bids.size()
                                                 + item.delta.asks.size());
  state.SetBytesProcessed(state.iterations()
                          * static_cast<int64_t>(frame.size()));
}

void run_nlohmann(benchmark::State& state, const std::string& frame) {
  venue::feed_item item;
  if (bybit::decode_public_frame(frame, exchange::bybit_linear, 0, item)
      != venue::feed_kind::delta)
    state.SkipWithError("parse failed");
  int64_t ts = 0;
  for (auto _ : state) {
    auto kind = bybit::decode_public_frame(frame, exchange::bybit_linear,
                                           ++ts, item);
    benchmark::DoNotOptimize(kind);
    benchmark::DoNotOptimize(item.delta.bids.data());
  }
  state.SetBytesProcessed(state.iterations()
                          * static_cast<int64_t>(frame.size()));
}

void BM_Bybit_delta_simdjson(benchmark::State& state) {
  run_simdjson(state, delta_frame());
}
BENCHMARK(BM_Bybit_delta_simdjson);

void BM_Bybit_delta_nlohmann(benchmark::State& state) {
  run_nlohmann(state, delta_frame());
}
BENCHMARK(BM_Bybit_delta_nlohmann);

void BM_Bybit_snapshot_simdjson(benchmark::State& state) {
  run_simdjson(state, small_snapshot_frame());
}
BENCHMARK(BM_Bybit_snapshot_simdjson);

void BM_Bybit_snapshot_nlohmann(benchmark::State& state) {
  run_nlohmann(state, small_snapshot_frame());
}
BENCHMARK(BM_Bybit_snapshot_nlohmann);

void BM_Bybit_snapshot50_simdjson(benchmark::State& state) {
  run_simdjson(state, full_snapshot_frame());
}
BENCHMARK(BM_Bybit_snapshot50_simdjson);

void BM_Bybit_snapshot50_nlohmann(benchmark::State& state) {
  run_nlohmann(state, full_snapshot_frame());
}
BENCHMARK(BM_Bybit_snapshot50_nlohmann);

void BM_Bybit_sign_limit_order(benchmark::State& state) {
  // Dummy benchmark key pair; nothing is printed.
  credentials creds{"bench-api-key", secret{"bench-secret-key"}, {}};
  signing_context ctx{"", 1658385579423};
  order_request r;
  r.client_order_id = "karb-000123";
  r.symbol.venue = exchange::bybit_linear;
  r.symbol.venue_symbol = "BTCUSDT";
  r.order_side = side::buy;
  r.type = order_type::limit;
  r.amount = decimal::parse("0.002").value();
  r.price = decimal::parse("65000.1").value();
  for (auto _ : state) {
    auto req = bybit::create_order(exchange::bybit_linear, creds, ctx, r);
    benchmark::DoNotOptimize(req);
  }
}
BENCHMARK(BM_Bybit_sign_limit_order);

} // namespace
