#include "tools/karb-sim/rules.hpp"

#include <algorithm>
#include <cstdio>

#include "tools/karb-sim/binance_rules.hpp"
#include "tools/karb-sim/rng.hpp"

namespace karb::sim {

std::string rng::uuid() {
  uint64_t a = next();
  uint64_t b = next();
  a = (a & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;
  b = (b & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx",
                static_cast<unsigned>(a >> 32),
                static_cast<unsigned>((a >> 16) & 0xffff),
                static_cast<unsigned>(a & 0xffff),
                static_cast<unsigned>(b >> 48),
                static_cast<unsigned long long>(b & 0xffffffffffffULL));
  return buf;
}

namespace {

/// Every market the simulator can list, in listing order; the first three
/// are the default listing.
const std::vector<market_spec>& all_markets() {
  static const std::vector<market_spec> all = {
    {"KRW-BTC", "BTC", "비트코인", "Bitcoin", dec("100000000"), dec("0.001"),
     dec("0.5"), 4, 1.0},
    {"KRW-ETH", "ETH", "이더리움", "Ethereum", dec("5000000"), dec("0.01"),
     dec("8"), 3, 1.5},
    {"KRW-XRP", "XRP", "엑스알피(리플)", "XRP", dec("3000"), dec("10"),
     dec("20000"), 1, 2.0},
    // --symbols N > 3 (throughput benchmarks) lists these too.
    {"KRW-SOL", "SOL", "솔라나", "Solana", dec("250000"), dec("0.1"),
     dec("200"), 2, 2.0},
    {"KRW-ADA", "ADA", "에이다", "Cardano", dec("1200"), dec("10"),
     dec("40000"), 1, 2.0},
    {"KRW-DOGE", "DOGE", "도지코인", "Dogecoin", dec("4000"), dec("10"),
     dec("20000"), 1, 2.5},
    {"KRW-TRX", "TRX", "트론", "TRON", dec("3500"), dec("10"), dec("20000"),
     1, 1.5},
    {"KRW-LINK", "LINK", "체인링크", "Chainlink", dec("25000"), dec("1"),
     dec("2000"), 2, 2.0},
    {"KRW-AVAX", "AVAX", "아발란체", "Avalanche", dec("40000"), dec("0.5"),
     dec("1000"), 2, 2.0},
    {"KRW-DOT", "DOT", "폴카닷", "Polkadot", dec("9000"), dec("2"),
     dec("5000"), 2, 2.0},
    {"KRW-BCH", "BCH", "비트코인캐시", "Bitcoin Cash", dec("600000"),
     dec("0.05"), dec("80"), 3, 1.5},
    {"KRW-ETC", "ETC", "이더리움클래식", "Ethereum Classic", dec("30000"),
     dec("1"), dec("2000"), 2, 2.0},
    {"KRW-XLM", "XLM", "스텔라루멘", "Stellar", dec("1500"), dec("10"),
     dec("40000"), 1, 2.0},
    {"KRW-SUI", "SUI", "수이", "Sui", dec("5000"), dec("5"), dec("10000"),
     1, 2.5},
    {"KRW-HBAR", "HBAR", "헤데라", "Hedera", dec("1100"), dec("20"),
     dec("50000"), 1, 2.5},
    {"KRW-NEAR", "NEAR", "니어프로토콜", "NEAR Protocol", dec("7000"),
     dec("2"), dec("8000"), 1, 2.5},
    {"KRW-ATOM", "ATOM", "코스모스", "Cosmos", dec("10000"), dec("2"),
     dec("5000"), 2, 2.0},
    {"KRW-APT", "APT", "앱토스", "Aptos", dec("12000"), dec("1"),
     dec("4000"), 2, 2.5},
    {"KRW-ARB", "ARB", "아비트럼", "Arbitrum", dec("1300"), dec("10"),
     dec("40000"), 1, 2.5},
    {"KRW-AAVE", "AAVE", "에이브", "Aave", dec("400000"), dec("0.05"),
     dec("100"), 3, 2.0},
  };
  return all;
}

size_t& listed_count() {
  static size_t n = default_market_count;
  return n;
}

} // namespace

size_t market_catalogue_size() {
  return all_markets().size();
}

void set_market_count(size_t n) {
  listed_count() = std::clamp<size_t>(n, 1, all_markets().size());
}

const std::vector<market_spec>& markets() {
  static std::vector<market_spec> listed;
  auto& all = all_markets();
  if (listed.size() != listed_count())
    listed.assign(all.begin(), all.begin() + listed_count());
  return listed;
}

const market_spec* find_market(std::string_view code) {
  for (auto& m : markets())
    if (m.code == code)
      return &m;
  return nullptr;
}

int market_index(std::string_view code) {
  auto& all = markets();
  for (size_t i = 0; i < all.size(); ++i)
    if (all[i].code == code)
      return static_cast<int>(i);
  return -1;
}

namespace {

struct band {
  const char* from; ///< lower bound (inclusive)
  const char* tick;
};

// Highest band first; the last band applies to everything below.
constexpr band upbit_bands[] = {
  {"1000000", "1000"}, {"500000", "500"}, {"100000", "100"},
  {"50000", "50"},     {"10000", "10"},   {"5000", "5"},
  {"100", "1"},        {"10", "0.1"},     {"1", "0.01"},
  {"0.1", "0.001"},    {"0.01", "0.0001"}, {"0.001", "0.00001"},
  {"0.0001", "0.000001"}, {"0.00001", "0.0000001"}, {"0", "0.00000001"},
};

constexpr band bithumb_bands[] = {
  {"1000000", "1000"}, {"500000", "500"}, {"100000", "100"},
  {"50000", "50"},     {"10000", "10"},   {"5000", "5"},
  {"100", "1"},        {"10", "0.01"},    {"1", "0.001"},
  {"0", "0.0001"},
};

struct dband {
  decimal from;
  decimal tick;
};

template <size_t N>
std::vector<dband> compile(const band (&bands)[N]) {
  std::vector<dband> out;
  for (auto& b : bands)
    out.push_back({dec(b.from), dec(b.tick)});
  return out;
}

decimal lookup(const std::vector<dband>& bands, decimal price) {
  for (auto& b : bands)
    if (price >= b.from)
      return b.tick;
  return bands.back().tick;
}

} // namespace

decimal tick_size(venue_kind v, decimal price) {
  static const auto up = compile(upbit_bands);
  static const auto bt = compile(bithumb_bands);
  return lookup(v == venue_kind::upbit ? up : bt, price);
}

decimal price_tick(venue_kind v, const market_spec& m, decimal price) {
  return is_binance(v) ? binance_rules(v, m).tick : tick_size(v, price);
}

bool on_tick(venue_kind v, decimal price) {
  if (!price.is_positive())
    return false;
  return price.raw % tick_size(v, price).raw == 0;
}

limit_group group_for(venue_kind v, std::string_view method,
                      std::string_view path) {
  bool quote = path == "/v1/market/all" || path.starts_with("/v1/ticker")
               || path.starts_with("/v1/orderbook")
               || path.starts_with("/v1/trades");
  if (v == venue_kind::upbit) {
    if (path == "/v1/market/all")
      return {"market", 10, false};
    if (path.starts_with("/v1/ticker"))
      return {"ticker", 10, false};
    if (path.starts_with("/v1/orderbook"))
      return {"orderbook", 10, false};
    if (path.starts_with("/v1/trades"))
      return {"crix-trades", 10, false};
    if (method == "POST" && path == "/v1/orders")
      return {"order", 8, true};
    if (method == "POST" && path == "/v1/orders/test")
      return {"order-test", 8, true};
    return {"default", 30, true};
  }
  // Bithumb: per category, 150/s public, 140/s private (reference §2.4).
  if (quote) {
    if (path.starts_with("/v1/ticker"))
      return {"ticker", 150, false};
    if (path.starts_with("/v1/orderbook"))
      return {"orderbook", 150, false};
    if (path.starts_with("/v1/trades"))
      return {"trades", 150, false};
    return {"public", 150, false};
  }
  if (method == "POST")
    return {"order", 140, true};
  if (method == "DELETE")
    return {"cancel", 140, true};
  return {"private", 140, true};
}

} // namespace karb::sim
