// Upbit-family venue parsing and signing costs:
//  - a 30-level DEFAULT orderbook WS frame decoded by the simdjson hot path
//    (korea::book_decoder) and by the nlohmann baseline (parse_book_frame),
//    with heap allocations per frame counted after warm-up;
//  - signing + serializing one limit order (JWT HS512 + JSON body).
// Targets: simdjson >= 10x nlohmann and < 2.5 us/frame; sign < 5 us.

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <new>
#include <sstream>
#include <string>

#include <benchmark/benchmark.h>

#include "exchanges/korea/book_decoder.hpp"
#include "exchanges/korea/ws_parse.hpp"
#include "exchanges/upbit/endpoints.hpp"
#include "exchanges/korea/errors.hpp"
#include "exchanges/korea/order_parse.hpp"
#include "exchanges/korea/quote_parse.hpp"

// -- allocation counter (one relaxed increment per allocation) ----------------

namespace {
std::atomic<uint64_t> g_allocs{0};
} // namespace

// GCC pairs the malloc inside operator new with the free below and warns;
// both replaced functions belong together, so the pairing is correct.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

void* operator new(std::size_t n) {
  g_allocs.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n == 0 ? 1 : n))
    return p;
  throw std::bad_alloc{};
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace {

using namespace karb;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A compact 30-level DEFAULT frame with the values of the REST capture,
// prices written as floats like the live stream ("103493000.0").
std::string make_default_frame() {
  auto rest = korea::parse_orderbooks(
    read_file(std::string{KARB_FIXTURES_DIR} + "/upbit/rest_orderbook_KRW-BTC.json"), exchange::upbit);
  if (!rest || rest->front().asks.size() != 30)
    std::abort();
  auto& b = rest->front();
  std::string s = R"({"type":"orderbook","code":"KRW-BTC","timestamp":1773240059027,)"
                  R"("total_ask_size":4.17884094,"total_bid_size":2.29686376,)"
                  R"("orderbook_units":[)";
  for (size_t i = 0; i < b.asks.size(); ++i) {
    if (i > 0)
      s += ',';
    s += R"({"ask_price":)" + b.asks[i].price.to_string() + ".0";
    s += R"(,"bid_price":)" + b.bids[i].price.to_string() + ".0";
    s += R"(,"ask_size":)" + b.asks[i].volume.to_string();
    s += R"(,"bid_size":)" + b.bids[i].volume.to_string() + "}";
  }
  s += R"(],"stream_type":"REALTIME","level":0})";
  return s;
}

void BM_upbit_book_simdjson(benchmark::State& state) {
  auto frame = make_default_frame();
  korea::book_decoder decoder{exchange::upbit};
  order_book book;
  for (int i = 0; i < 16; ++i) // warm-up: parser capacity, vectors, strings
    if (!decoder.decode(frame, 0, book).ok())
      state.SkipWithError("decode failed");
  auto before = g_allocs.load(std::memory_order_relaxed);
  int64_t ts = 0;
  for (auto _ : state) {
    auto r = decoder.decode(frame, ++ts, book);
    benchmark::DoNotOptimize(r);
    benchmark::DoNotOptimize(book.bids.data());
  }
  auto allocs = g_allocs.load(std::memory_order_relaxed) - before;
  state.counters["allocs_per_frame"] =
    static_cast<double>(allocs) / static_cast<double>(state.iterations());
  state.counters["levels"] = static_cast<double>(book.bids.size());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(frame.size()));
}
BENCHMARK(BM_upbit_book_simdjson);

void BM_upbit_book_nlohmann(benchmark::State& state) {
  auto frame = make_default_frame();
  for (int i = 0; i < 4; ++i)
    if (!korea::parse_book_frame(frame, exchange::upbit, 0).ok())
      state.SkipWithError("parse failed");
  auto before = g_allocs.load(std::memory_order_relaxed);
  int64_t ts = 0;
  for (auto _ : state) {
    auto r = korea::parse_book_frame(frame, exchange::upbit, ++ts);
    benchmark::DoNotOptimize(r);
  }
  auto allocs = g_allocs.load(std::memory_order_relaxed) - before;
  state.counters["allocs_per_frame"] =
    static_cast<double>(allocs) / static_cast<double>(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(frame.size()));
}
BENCHMARK(BM_upbit_book_nlohmann);

void BM_upbit_sign_limit_order(benchmark::State& state) {
  // Dummy benchmark key pair; nothing is printed.
  credentials creds{"bench-access-key", secret{"bench-secret-key"}};
  karb::signing_context ctx{"6f5570df-d8bc-4daf-85b4-976733feb624", 0};
  auto volume = dec("0.0005");
  auto price = dec("103493000");
  for (auto _ : state) {
    auto req = upbit::place_limit(creds, ctx, "KRW-BTC", side::buy, volume,
                                  price, "arb-000123");
    benchmark::DoNotOptimize(req);
  }
}
BENCHMARK(BM_upbit_sign_limit_order);

void BM_upbit_sign_limit_order_fresh_nonce(benchmark::State& state) {
  credentials creds{"bench-access-key", secret{"bench-secret-key"}};
  auto volume = dec("0.0005");
  auto price = dec("103493000");
  for (auto _ : state) {
    auto ctx = karb::signing_context::fresh(0);
    auto req = upbit::place_limit(creds, ctx, "KRW-BTC", side::buy, volume,
                                  price, "arb-000123");
    benchmark::DoNotOptimize(req);
  }
}
BENCHMARK(BM_upbit_sign_limit_order_fresh_nonce);

} // namespace
