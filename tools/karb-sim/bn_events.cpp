#include "tools/karb-sim/bn_events.hpp"

#include "tools/karb-sim/bn_json.hpp"

namespace karb::sim {

std::string execution_report(const bn_order_event& e) {
  auto& o = e.snapshot;
  auto f = bn_format_for(venue_kind::binance_spot, o.market);
  bool cancel = e.exec_type == "CANCELED";
  ojson j;
  j["e"] = "executionReport";
  j["E"] = e.at;
  j["s"] = o.symbol;
  j["c"] = cancel ? o.cancel_client_id : o.client_id;
  j["S"] = o.buy ? "BUY" : "SELL";
  j["o"] = o.type;
  j["f"] = o.tif;
  j["q"] = f.q(o.orig_qty);
  j["p"] = f.p(o.price);
  j["P"] = f.p(decimal{});
  j["F"] = f.q(decimal{});
  j["g"] = -1;
  j["C"] = cancel ? o.client_id : "";
  j["x"] = e.exec_type;
  j["X"] = to_string(o.status);
  j["r"] = "NONE";
  j["i"] = o.id;
  j["l"] = f.q(e.fill ? e.fill->qty : decimal{});
  j["z"] = f.q(o.executed_qty);
  j["L"] = f.p(e.fill ? e.fill->price : decimal{});
  j["n"] = e.fill ? f.m(e.fill->commission) : "0";
  j["N"] = e.fill ? ojson(e.fill->commission_asset) : ojson(nullptr);
  j["T"] = e.at;
  j["t"] = e.fill ? e.fill->trade_id : -1;
  j["I"] = o.id * 2 + (e.fill ? 1 : 0);
  j["w"] = o.open() && o.type != "MARKET";
  j["m"] = e.fill && e.fill->maker;
  j["M"] = false;
  j["O"] = o.time;
  j["Z"] = f.m(o.cum_quote);
  j["Y"] = f.m(e.fill ? e.fill->quote : decimal{});
  j["Q"] = f.m(o.orig_quote_qty);
  if (o.type != "MARKET")
    j["W"] = o.time;
  j["V"] = "NONE";
  return j.dump();
}

std::string outbound_account_position(const bn_account& a,
                                      const bn_account_event& e) {
  ojson j;
  j["e"] = "outboundAccountPosition";
  j["E"] = e.at;
  j["u"] = a.update_time;
  j["B"] = ojson::array();
  for (auto& asset : e.items) {
    auto i = a.balances.find(asset);
    auto b = i == a.balances.end() ? bn_balance{} : i->second;
    j["B"].push_back({{"a", asset},
                      {"f", fixed(b.free, 8)},
                      {"l", fixed(b.locked, 8)}});
  }
  return j.dump();
}

std::string order_trade_update(const bn_order_event& e) {
  auto& o = e.snapshot;
  auto f = bn_format_for(venue_kind::binance_usdm, o.market);
  ojson x;
  x["s"] = o.symbol;
  x["c"] = o.client_id;
  x["S"] = o.buy ? "BUY" : "SELL";
  x["o"] = o.type;
  x["f"] = o.tif;
  x["q"] = f.q(o.orig_qty);
  x["p"] = f.p(o.price);
  x["ap"] = f.p(o.avg_price());
  x["sp"] = "0";
  x["x"] = e.exec_type;
  x["X"] = to_string(o.status);
  x["i"] = o.id;
  x["l"] = f.q(e.fill ? e.fill->qty : decimal{});
  x["z"] = f.q(o.executed_qty);
  x["L"] = f.p(e.fill ? e.fill->price : decimal{});
  x["N"] = "USDT";
  x["n"] = f.m(e.fill ? e.fill->commission : decimal{});
  x["T"] = e.at;
  x["t"] = e.fill ? e.fill->trade_id : 0;
  x["b"] = "0";
  x["a"] = "0";
  x["m"] = e.fill && e.fill->maker;
  x["R"] = o.reduce_only;
  x["wt"] = "CONTRACT_PRICE";
  x["ot"] = o.type;
  x["ps"] = "BOTH";
  x["cp"] = false;
  x["rp"] = f.m(e.fill ? e.fill->realized_pnl : decimal{});
  x["pP"] = false;
  x["si"] = 0;
  x["ss"] = 0;
  x["V"] = "NONE";
  x["pm"] = "NONE";
  x["gtd"] = 0;
  ojson j;
  j["e"] = "ORDER_TRADE_UPDATE";
  j["E"] = e.at;
  j["T"] = e.at;
  j["o"] = std::move(x);
  return j.dump();
}

std::string account_update(const bn_engine& eng, const bn_account& a,
                           const bn_account_event& e) {
  ojson j;
  j["e"] = "ACCOUNT_UPDATE";
  j["E"] = e.at;
  j["T"] = e.at;
  ojson data;
  data["m"] = e.reason;
  data["B"] = ojson::array({{{"a", "USDT"},
                             {"wb", fixed(a.perp.wallet, 8)},
                             {"cw", fixed(cross_wallet(a.perp), 8)},
                             {"bc", "0"}}});
  data["P"] = ojson::array();
  for (auto& symbol : e.items) {
    auto i = a.perp.positions.find(symbol);
    if (i == a.perp.positions.end())
      continue;
    auto& p = i->second;
    auto f = bn_format_for(venue_kind::binance_usdm,
                           static_cast<size_t>(binance_market_index(symbol)));
    decimal realized;
    for (auto& r : a.perp.income)
      if (r.symbol == symbol && r.type == "REALIZED_PNL")
        realized += r.income;
    data["P"].push_back({{"s", symbol},
                         {"pa", f.q(p.amt)},
                         {"ep", fixed(p.entry, 8)},
                         {"bep", fixed(p.entry, 8)},
                         {"cr", fixed(realized, 8)},
                         {"up", fixed(unrealized_pnl(p, eng.mark_of(symbol)), 8)},
                         {"mt", p.isolated ? "isolated" : "cross"},
                         {"iw", fixed(p.isolated_wallet, 8)},
                         {"ps", "BOTH"}});
  }
  j["a"] = std::move(data);
  return j.dump();
}

std::string listen_key_expired(const std::string& key, time_ms now) {
  return ojson{{"e", "listenKeyExpired"}, {"E", now}, {"listenKey", key}}
    .dump();
}

} // namespace karb::sim
