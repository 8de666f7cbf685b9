#include "tools/karb-sim/by_json.hpp"

#include <algorithm>

#include "tools/karb-sim/binance_rules.hpp"
#include "tools/karb-sim/perp_ledger.hpp"

namespace karb::sim {

std::string by_envelope(int code, const std::string& msg, const ojson& result,
                        time_ms now) {
  ojson j;
  j["retCode"] = code;
  j["retMsg"] = msg;
  j["result"] = result;
  j["retExtInfo"] = ojson::object();
  j["time"] = now;
  return j.dump();
}

const char* by_status(by_cat c, const bn_order& o) {
  switch (o.status) {
    case bn_status::new_order: return "New";
    case bn_status::partially_filled: return "PartiallyFilled";
    case bn_status::filled: return "Filled";
    case bn_status::canceled:
    case bn_status::expired:
      return c == by_cat::spot && o.executed_qty.is_positive()
               ? "PartiallyFilledCanceled"
               : "Cancelled";
  }
  return "New";
}

namespace {

std::string plain(decimal d) {
  return d.to_string();
}

bool post_only(const bn_order& o) {
  return o.type == "LIMIT_MAKER" || o.tif == "GTX";
}

decimal fees_of(const bn_order& o) {
  decimal f;
  for (auto& x : o.fills)
    f += x.commission;
  return f;
}

/// Bybit's createType: a liquidation's close is the venue's (CreateByLiq).
const char* by_create_type(const bn_order& o) {
  return o.type == bn_liquidation_type ? "CreateByLiq" : "CreateByUser";
}

} // namespace

ojson by_order_json(by_cat c, const bn_order& o) {
  auto d = by_digits_for(c, o.market);
  bool market = o.type == "MARKET";
  bool by_quote = c == by_cat::spot && market && o.orig_quote_qty.is_positive();
  ojson j;
  j["orderId"] = std::to_string(o.id);
  j["orderLinkId"] = o.client_id;
  j["blockTradeId"] = "";
  j["symbol"] = o.symbol;
  j["price"] = market ? "0" : d.p(o.price);
  j["qty"] = by_quote ? plain(o.orig_quote_qty) : d.q(o.orig_qty);
  j["side"] = o.buy ? "Buy" : "Sell";
  j["isLeverage"] = c == by_cat::spot ? "0" : "";
  j["positionIdx"] = 0;
  j["orderStatus"] = by_status(c, o);
  j["cancelType"] = o.status == bn_status::canceled ? "CancelByUser" : "UNKNOWN";
  j["rejectReason"] = "EC_NoError";
  j["avgPrice"] = o.executed_qty.is_zero() ? (c == by_cat::spot ? "" : "0")
                                           : plain(o.avg_price());
  auto leaves = o.open() ? o.remaining() : decimal{};
  j["leavesQty"] = d.q(leaves);
  j["leavesValue"] = plain(dmul(leaves, o.price));
  j["cumExecQty"] = d.q(o.executed_qty);
  j["cumExecValue"] = plain(o.cum_quote);
  j["cumExecFee"] = plain(fees_of(o));
  j["timeInForce"] = market ? "IOC" : post_only(o) ? "PostOnly" : o.tif;
  j["orderType"] = market ? "Market" : "Limit";
  j["stopOrderType"] = "";
  j["orderIv"] = "";
  j["marketUnit"] = by_quote ? "quoteCoin" : (c == by_cat::spot ? "baseCoin" : "");
  j["triggerPrice"] = "0";
  j["takeProfit"] = "0";
  j["stopLoss"] = "0";
  j["tpTriggerBy"] = "";
  j["slTriggerBy"] = "";
  j["triggerDirection"] = 0;
  j["triggerBy"] = "";
  j["lastPriceOnCreated"] = "";
  j["reduceOnly"] = o.reduce_only;
  j["closeOnTrigger"] = false;
  j["smpType"] = "None";
  j["smpGroup"] = 0;
  j["smpOrderId"] = "";
  j["tpslMode"] = "";
  j["tpLimitPrice"] = "";
  j["slLimitPrice"] = "";
  j["placeType"] = "";
  if (c != by_cat::spot) // the docs: derivatives only
    j["createType"] = by_create_type(o);
  j["createdTime"] = std::to_string(o.time);
  j["updatedTime"] = std::to_string(o.update_time);
  ojson fee = ojson::object();
  if (!o.fills.empty())
    fee[o.fills.back().commission_asset] = plain(fees_of(o));
  j["cumFeeDetail"] = std::move(fee);
  return j;
}

ojson by_execution_json(by_cat c, const bn_order& o, const bn_fill& f) {
  auto d = by_digits_for(c, o.market);
  ojson j;
  j["symbol"] = o.symbol;
  j["orderId"] = std::to_string(o.id);
  j["orderLinkId"] = o.client_id;
  j["side"] = o.buy ? "Buy" : "Sell";
  j["orderPrice"] = o.type == "MARKET" ? "0" : d.p(o.price);
  j["orderQty"] = d.q(o.orig_qty);
  j["leavesQty"] = d.q(o.open() ? o.remaining() : decimal{});
  j["createType"] = by_create_type(o);
  j["orderType"] = o.type == "MARKET" ? "Market" : "Limit";
  j["stopOrderType"] = "";
  j["execFee"] = plain(f.commission);
  j["feeCurrency"] = f.commission_asset;
  j["execId"] = std::to_string(f.trade_id);
  j["execPrice"] = d.p(f.price);
  j["execQty"] = d.q(f.qty);
  j["execType"] = o.type == bn_liquidation_type ? "BustTrade" : "Trade";
  j["execValue"] = plain(f.quote);
  j["execTime"] = std::to_string(f.at);
  j["isMaker"] = f.maker;
  j["feeRate"] = plain(ddiv(f.commission,
                            f.commission_asset == "USDT" ? f.quote : f.qty));
  j["tradeIv"] = "";
  j["markIv"] = "";
  j["markPrice"] = "";
  j["indexPrice"] = "";
  j["underlyingPrice"] = "";
  j["blockTradeId"] = "";
  j["closedSize"] = "";
  j["seq"] = f.trade_id;
  return j;
}

ojson by_position_json(const bybit_venue& v, const bn_account& a,
                       const std::string& symbol) {
  auto m = static_cast<size_t>(binance_market_index(symbol));
  auto d = by_digits_for(by_cat::linear, m);
  auto rules = binance_rules(venue_kind::binance_usdm, markets()[m]);
  perp_position p;
  if (auto i = a.perp.positions.find(symbol); i != a.perp.positions.end())
    p = i->second;
  auto mark = v.linear.eng.mark_of(symbol);
  auto size = p.amt.abs();
  auto margin = p.isolated ? p.isolated_wallet : cross_wallet(a.perp);
  decimal realised;
  for (auto& r : a.perp.income)
    if (r.symbol == symbol)
      realised += r.income;
  auto im = position_initial_margin(p, mark);
  auto mm = maint_margin(p, mark, rules.maint_margin_rate);
  ojson j;
  j["positionIdx"] = 0;
  j["riskId"] = 1;
  j["riskLimitValue"] = "2000000";
  j["symbol"] = symbol;
  j["side"] = p.amt.is_zero() ? "" : p.amt.is_positive() ? "Buy" : "Sell";
  j["size"] = d.q(size);
  j["avgPrice"] = p.amt.is_zero() ? "0" : plain(p.entry);
  j["positionValue"] = plain(dmul(size, p.entry));
  j["tradeMode"] = p.isolated ? 1 : 0;
  j["positionStatus"] = "Normal";
  j["autoAddMargin"] = 0;
  j["adlRankIndicator"] = p.amt.is_zero() ? 0 : 2;
  j["leverage"] = std::to_string(p.leverage);
  j["breakEvenPrice"] = p.amt.is_zero() ? "0" : plain(p.entry);
  j["positionBalance"] = plain(p.isolated ? p.isolated_wallet : im);
  j["markPrice"] = d.p(mark);
  j["liqPrice"] = p.amt.is_zero()
                    ? ""
                    : plain(liquidation_price(p, margin, rules.maint_margin_rate));
  j["bustPrice"] = "";
  j["positionMM"] = plain(mm);
  j["positionMMByMp"] = plain(mm);
  j["positionIM"] = plain(im);
  j["positionIMByMp"] = plain(im);
  j["tpslMode"] = "Full";
  j["takeProfit"] = "0";
  j["stopLoss"] = "0";
  j["trailingStop"] = "0";
  j["unrealisedPnl"] = plain(unrealized_pnl(p, mark));
  j["curRealisedPnl"] = plain(realised);
  j["cumRealisedPnl"] = plain(realised);
  j["seq"] = p.update_time;
  j["isReduceOnly"] = false;
  j["mmrSysUpdateTime"] = "";
  j["leverageSysUpdatedTime"] = "";
  j["sessionAvgPrice"] = "";
  j["createdTime"] = std::to_string(p.update_time);
  j["updatedTime"] = std::to_string(p.update_time);
  return j;
}

ojson by_wallet_json(bybit_venue& v, const std::string& key,
                     const std::string& coin) {
  auto* s = v.account(by_cat::spot, key);
  auto* l = v.account(by_cat::linear, key);
  auto& marks = v.linear.eng.marks();
  decimal upnl, pos_im, pos_mm;
  for (auto& [sym, p] : l->perp.positions) {
    auto mark = v.linear.eng.mark_of(sym);
    auto m = static_cast<size_t>(binance_market_index(sym));
    upnl += unrealized_pnl(p, mark);
    pos_im += position_initial_margin(p, mark);
    pos_mm += maint_margin(p, mark, binance_rules(venue_kind::binance_usdm,
                                                  markets()[m]).maint_margin_rate);
  }
  auto order_im = v.linear.eng.open_order_margin(*l);
  auto available = available_balance(l->perp, marks, order_im);
  decimal realised;
  for (auto& r : l->perp.income)
    realised += r.income;
  decimal total_equity, total_wallet;
  ojson coins = ojson::array();
  for (auto& [asset, bal] : s->balances) {
    bool usdt = asset == "USDT";
    auto wallet = bal.free + bal.locked;
    auto equity = usdt ? wallet + upnl : wallet;
    auto price = usdt ? decimal::from_int(1)
                      : v.linear.eng.mark_of(asset + "USDT");
    auto usd = dmul(equity, price);
    total_equity += usd;
    total_wallet += dmul(wallet, price);
    if (!coin.empty() && coin != asset)
      continue;
    ojson c;
    c["availableToBorrow"] = "";
    c["bonus"] = "0";
    c["accruedInterest"] = "0";
    auto held = bal.locked + (usdt ? pos_im + order_im : decimal{});
    c["availableToWithdraw"] = plain(std::max(wallet - held, decimal{}));
    c["totalOrderIM"] = usdt ? plain(order_im) : "0";
    c["equity"] = plain(equity);
    c["totalPositionMM"] = usdt ? plain(pos_mm) : "0";
    c["usdValue"] = plain(usd);
    c["spotHedgingQty"] = "0";
    c["unrealisedPnl"] = usdt ? plain(upnl) : "0";
    c["collateralSwitch"] = true;
    c["borrowAmount"] = "0";
    c["totalPositionIM"] = usdt ? plain(pos_im) : "0";
    c["walletBalance"] = plain(wallet);
    c["cumRealisedPnl"] = usdt ? plain(realised) : "0";
    c["locked"] = plain(bal.locked);
    c["marginCollateral"] = true;
    c["coin"] = asset;
    c["spotBorrow"] = "0";
    coins.push_back(std::move(c));
  }
  auto im = pos_im + order_im;
  ojson j;
  j["totalEquity"] = plain(total_equity);
  j["accountIMRate"] = total_equity.is_positive() ? plain(ddiv(im, total_equity)) : "0";
  j["accountIMRateByMp"] = j["accountIMRate"];
  j["totalMarginBalance"] = plain(total_equity);
  j["totalInitialMargin"] = plain(im);
  j["totalInitialMarginByMp"] = plain(im);
  j["accountType"] = "UNIFIED";
  j["totalAvailableBalance"] = plain(available);
  j["accountMMRate"] = total_equity.is_positive() ? plain(ddiv(pos_mm, total_equity)) : "0";
  j["accountMMRateByMp"] = j["accountMMRate"];
  j["totalPerpUPL"] = plain(upnl);
  j["totalWalletBalance"] = plain(total_wallet);
  j["accountLTV"] = "0";
  j["totalMaintenanceMargin"] = plain(pos_mm);
  j["totalMaintenanceMarginByMp"] = plain(pos_mm);
  j["coin"] = std::move(coins);
  return j;
}

} // namespace karb::sim
