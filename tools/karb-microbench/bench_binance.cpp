// Binance venue parsing and signing costs:
//  - one USD-M diff-depth frame with 20 levels per side (the capture's
//    combined-stream format, prices and sizes of the REST snapshot)
//    decoded by the simdjson hot path (market_feed_decoder) and by the
//    nlohmann parser (decode_stream_frame) in the same run;
//  - signing + serializing one limit order (HMAC-SHA256 form body).
// Targets: simdjson >= 10x nlohmann and <= 1.5 us per frame; sign <= 3 us.

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <benchmark/benchmark.h>

#include "exchanges/binance/feed_decoder.hpp"
#include "exchanges/binance/market_parse.hpp"
#include "exchanges/binance/usdm_endpoints.hpp"
#include "exchanges/binance/ws_parse.hpp"

namespace {

using namespace karb;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string levels_json(const std::vector<price_level>& levels) {
  std::string s = "[";
  for (size_t i = 0; i < 20; ++i) {
    if (i > 0)
      s += ',';
    s += "[\"" + levels[i].price.to_string() + "\",\""
         + levels[i].volume.to_string() + "\"]";
  }
  return s + "]";
}

std::string make_depth_frame() {
  auto rest = binance::parse_depth(
    read_file(std::string{KARB_FIXTURES_DIR}
              + "/binance_usdm/rest_depth_SUSHIUSDT_limit1000.json"),
    exchange::binance_usdm);
  if (!rest || rest->bids.size() < 20 || rest->asks.size() < 20)
    std::abort();
  return R"({"stream":"sushiusdt@depth@100ms","data":{"e":"depthUpdate",)"
         R"("E":1626992741254,"T":1626992741208,"s":"SUSHIUSDT",)"
         R"("U":600859603343,"u":600859604824,"pu":600859602861,"b":)"
         + levels_json(rest->bids) + R"(,"a":)" + levels_json(rest->asks)
         + "}}";
}

void BM_Binance_depth20_simdjson(benchmark::State& state) {
  auto frame = make_depth_frame();
  binance::market_feed_decoder decoder{exchange::binance_usdm};
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
BENCHMARK(BM_Binance_depth20_simdjson);

void BM_Binance_depth20_nlohmann(benchmark::State& state) {
  auto frame = make_depth_frame();
  venue::feed_item item;
  if (binance::decode_stream_frame(frame, exchange::binance_usdm, 0, item)
      != venue::feed_kind::delta)
    state.SkipWithError("parse failed");
  int64_t ts = 0;
  for (auto _ : state) {
    auto kind = binance::decode_stream_frame(frame, exchange::binance_usdm,
                                             ++ts, item);
    benchmark::DoNotOptimize(kind);
    benchmark::DoNotOptimize(item.delta.bids.data());
  }
  state.SetBytesProcessed(state.iterations()
                          * static_cast<int64_t>(frame.size()));
}
BENCHMARK(BM_Binance_depth20_nlohmann);

void BM_Binance_sign_limit_order(benchmark::State& state) {
  // Dummy benchmark key pair; nothing is printed.
  credentials creds{"bench-api-key", secret{"bench-secret-key"}, {}};
  signing_context ctx{"", 1499827319559};
  order_request r;
  r.client_order_id = "karb-000123";
  r.symbol.venue = exchange::binance_usdm;
  r.symbol.venue_symbol = "BTCUSDT";
  r.order_side = side::buy;
  r.type = order_type::limit;
  r.amount = dec("0.002");
  r.price = dec("65000.1");
  for (auto _ : state) {
    auto req = binance::usdm::place(creds, ctx, r);
    benchmark::DoNotOptimize(req);
  }
}
BENCHMARK(BM_Binance_sign_limit_order);

} // namespace
