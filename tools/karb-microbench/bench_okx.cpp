// OKX books decoding costs, simdjson hot path (okx::market_feed_decoder)
// against the nlohmann parser (okx::decode_public_frame) in the same run:
//  - an update frame: the first update of the BTC-USDT capture (26 asks,
//    17 bids);
//  - a snapshot frame: the capture's snapshot (400 levels per side).

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <benchmark/benchmark.h>

#include "exchanges/okx/feed_decoder.hpp"
#include "exchanges/okx/ws_parse.hpp"

namespace {

using namespace karb;

/// The first capture line containing `action`.
std::string capture_frame(std::string_view action) {
  std::ifstream in(std::string{KARB_FIXTURES_DIR}
                   + "/okx/ws_books_BTC-USDT.jsonl");
  for (std::string line; std::getline(in, line);)
    if (line.find(action) != std::string::npos)
      return line;
  std::abort();
}

std::string update_frame() {
  return capture_frame(R"("action":"update")");
}

std::string snapshot_frame() {
  return capture_frame(R"("action":"snapshot")");
}

void run_simdjson(benchmark::State& state, const std::string& frame) {
  okx::market_feed_decoder decoder{exchange::okx_spot, {}};
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
  if (okx::decode_public_frame(frame, exchange::okx_spot, {}, 0, item)
      != venue::feed_kind::delta)
    state.SkipWithError("parse failed");
  int64_t ts = 0;
  for (auto _ : state) {
    auto kind = okx::decode_public_frame(frame, exchange::okx_spot, {}, ++ts,
                                         item);
    benchmark::DoNotOptimize(kind);
    benchmark::DoNotOptimize(item.delta.bids.data());
  }
  state.SetBytesProcessed(state.iterations()
                          * static_cast<int64_t>(frame.size()));
}

void BM_Okx_books_update_simdjson(benchmark::State& state) {
  run_simdjson(state, update_frame());
}
BENCHMARK(BM_Okx_books_update_simdjson);

void BM_Okx_books_update_nlohmann(benchmark::State& state) {
  run_nlohmann(state, update_frame());
}
BENCHMARK(BM_Okx_books_update_nlohmann);

void BM_Okx_books_snapshot400_simdjson(benchmark::State& state) {
  run_simdjson(state, snapshot_frame());
}
BENCHMARK(BM_Okx_books_snapshot400_simdjson);

void BM_Okx_books_snapshot400_nlohmann(benchmark::State& state) {
  run_nlohmann(state, snapshot_frame());
}
BENCHMARK(BM_Okx_books_snapshot400_nlohmann);

} // namespace
