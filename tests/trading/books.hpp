#pragma once

// The checks every trading test ends with: the node's store and the
// simulator's books tell the same story, and the node holds no position.

#include <map>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "tests/trading/harness.hpp"

namespace karb {
/// Decimals in failure messages as text.
inline void PrintTo(const decimal& x, std::ostream* os) {
  *os << x.to_string();
}
} // namespace karb

namespace karb::test {

struct venue_delta {
  decimal base;   ///< BTC
  decimal quote;  ///< KRW
};

/// What the store says each venue's balances moved by: a buy adds the
/// fills' base and pays their notional, a sell the reverse; each order's
/// fee (KRW; the order's total, as fills found by a lookup carry none) is
/// paid on its venue. Also checks that each order's fills add up to its
/// filled quantity.
inline std::map<std::string, venue_delta>
store_deltas(const std::filesystem::path& db) {
  std::map<std::string, venue_delta> out{{"upbit", {}}, {"bithumb", {}}};
  std::map<std::string, decimal> filled;
  for (auto& f : store_fills(db)) {
    auto notional = decimal::mul(f.price, f.volume).value_or(decimal{});
    auto& d = out[f.exchange];
    filled[f.client_order_id] += f.volume;
    d.base += f.side == "buy" ? f.volume : -f.volume;
    d.quote += f.side == "buy" ? -notional : notional;
  }
  for (auto& o : store_orders(db)) {
    out[o.venue].quote -= o.fee;
    EXPECT_EQ(filled[o.client_order_id],
              decimal::parse(o.filled.empty() ? "0" : o.filled).value())
      << o.client_order_id << ": fills vs filled";
  }
  return out;
}

/// What the simulator's dev accounts moved by since `start`.
inline std::map<std::string, venue_delta>
sim_deltas(const nlohmann::json& start, const nlohmann::json& now) {
  std::map<std::string, venue_delta> out;
  for (std::string v : {"upbit", "bithumb"})
    out[v] = {sim_total(now, v, "BTC") - sim_total(start, v, "BTC"),
              sim_total(now, v, "KRW") - sim_total(start, v, "KRW")};
  return out;
}

/// Every stored trade final, no stored order live, each venue's balance
/// change at the simulator equal to the store's fills (KRW within
/// `krw_tolerance`), the net BTC position flat, and the KRW change across
/// both venues equal to the sum of the node's recorded trade PnL.
/// Returns that PnL sum.
inline decimal expect_books_agree(trading_env& env,
                                  decimal krw_tolerance = dec("1")) {
  auto trades = store_trades(env.db());
  decimal pnl;
  for (auto& t : trades) {
    EXPECT_TRUE(is_final_trade_state(t.state)) << t.trade_id << " " << t.state;
    pnl += t.pnl_krw;
  }
  for (auto& o : store_orders(env.db()))
    EXPECT_TRUE(is_terminal_order_status(o.status))
      << o.client_order_id << " " << o.status;
  auto now = sim_state(env.admin());
  auto sim = sim_deltas(env.start_state, now);
  auto store = store_deltas(env.db());
  decimal net_base, net_quote;
  for (auto& [venue, d] : sim) {
    EXPECT_EQ(d.base, store[venue].base) << venue << " BTC";
    EXPECT_LE((d.quote - store[venue].quote).abs(), krw_tolerance)
      << venue << " KRW: sim " << d.quote.to_string() << " store "
      << store[venue].quote.to_string();
    net_base += d.base;
    net_quote += d.quote;
  }
  EXPECT_LE(net_base.abs(), dec("0.00000001"))
    << "net BTC " << net_base.to_string();
  EXPECT_LE((net_quote - pnl).abs(), krw_tolerance)
    << "KRW change " << net_quote.to_string() << " recorded PnL "
    << pnl.to_string();
  return pnl;
}

/// No client order id appears twice at the simulator.
inline void expect_no_duplicate_orders(const nlohmann::json& state) {
  std::set<std::string> seen;
  for (auto& o : sim_orders(state)) {
    auto id = o.value("identifier", "");
    if (id.empty())
      continue;
    EXPECT_TRUE(seen.insert(id).second) << "duplicate order " << id;
  }
}

} // namespace karb::test
