// Bybit v5 account and positions: the UNIFIED wallet, fee rates, account
// and API key info (what ccxt reads to learn the account is unified),
// positions, leverage, position mode, cross / isolated.

#include <cstdlib>

#include "tools/karb-sim/binance_rules.hpp"
#include "tools/karb-sim/by_transaction_log.hpp"
#include "tools/karb-sim/router_bybit.hpp"

namespace karb::sim::by {

namespace {

http::response wallet_balance(call& c, reply&) {
  if (c.get("accountType") != "UNIFIED")
    return fail(c, 10001, "accountType only support UNIFIED.");
  auto coin = c.get("coin");
  return ok(c, {{"list", ojson::array({by_wallet_json(c.bv, c.key, coin)})}});
}

http::response fee_rate(call& c, reply&) {
  std::optional<http::response> refused;
  auto cat = category(c, refused);
  if (!cat)
    return *refused;
  auto symbol = c.get("symbol");
  if (!symbol.empty() && !market_of(symbol))
    return bad_symbol(c, *cat);
  auto* a = c.acct(*cat);
  ojson list = ojson::array();
  for (size_t m = 0; m < markets().size(); ++m) {
    auto s = binance_symbol(markets()[m]);
    if (!symbol.empty() && s != symbol)
      continue;
    list.push_back({{"symbol", s}, {"baseCoin", ""},
                    {"takerFeeRate", a->taker_fee.to_string()},
                    {"makerFeeRate", a->maker_fee.to_string()}});
  }
  return ok(c, {{"list", list}});
}

/// ISOLATED_MARGIN when every linear symbol is isolated (set-margin-mode).
bool all_isolated(call& c) {
  auto* a = c.acct(by_cat::linear);
  for (auto& spec : markets())
    if (!c.bv.linear.eng.position(*a, binance_symbol(spec)).isolated)
      return false;
  return true;
}

http::response account_info(call& c, reply&) {
  ojson r;
  r["marginMode"] = all_isolated(c) ? "ISOLATED_MARGIN" : "REGULAR_MARGIN";
  r["updatedTime"] = std::to_string(c.now);
  r["unifiedMarginStatus"] = 5;
  r["dcpStatus"] = "OFF";
  r["timeWindow"] = 0;
  r["smpGroup"] = 0;
  r["isMasterTrader"] = false;
  r["spotHedgingStatus"] = "OFF";
  return ok(c, r);
}

http::response query_api(call& c, reply&) {
  ojson r;
  r["id"] = "1";
  r["note"] = "karb-sim";
  r["apiKey"] = c.key;
  r["readOnly"] = 0;
  r["secret"] = "";
  r["permissions"] = {{"ContractTrade", ojson::array({"Order", "Position"})},
                      {"Spot", ojson::array({"SpotTrade"})},
                      {"Wallet", ojson::array({"AccountTransfer"})},
                      {"Options", ojson::array()},
                      {"Derivatives", ojson::array()},
                      {"CopyTrading", ojson::array()},
                      {"BlockTrade", ojson::array()},
                      {"Exchange", ojson::array()},
                      {"NFT", ojson::array()},
                      {"Affiliate", ojson::array()}};
  r["ips"] = ojson::array({"*"});
  r["type"] = 1;
  r["deadlineDay"] = -1;
  r["expiredAt"] = "";
  r["createdAt"] = "2026-01-01T00:00:00Z";
  r["unified"] = 0;
  r["uta"] = 1;
  r["userID"] = 100000 + static_cast<int>(c.v.index);
  r["inviterID"] = 0;
  r["vipLevel"] = "No VIP";
  r["mktMakerLevel"] = "0";
  r["affiliateID"] = 0;
  r["rsaPublicKey"] = "";
  r["isMaster"] = true;
  r["parentUid"] = "0";
  r["kycLevel"] = "LEVEL_DEFAULT";
  r["kycRegion"] = "";
  return ok(c, r);
}

std::optional<http::response> linear_symbol(const call& c, bool required) {
  std::optional<http::response> refused;
  if (!category(c, refused, true))
    return refused;
  if (!required && !c.has("symbol"))
    return std::nullopt;
  if (!market_of(c.get("symbol")))
    return bad_symbol(c, by_cat::linear);
  return std::nullopt;
}

http::response position_list(call& c, reply&) {
  if (!c.has("symbol") && !c.has("settleCoin"))
    return fail(c, 10001, "Missing some parameters that must be filled in, "
                          "symbol or settleCoin");
  if (auto refused = linear_symbol(c, false))
    return *refused;
  if (c.has("settleCoin") && c.get("settleCoin") != "USDT")
    return ok(c, {{"list", ojson::array()}, {"nextPageCursor", ""},
                  {"category", "linear"}});
  auto* a = c.acct(by_cat::linear);
  ojson list = ojson::array();
  for (size_t m = 0; m < markets().size(); ++m) {
    auto s = binance_symbol(markets()[m]);
    if (c.has("symbol") ? s != c.get("symbol")
                        : (!a->perp.positions.count(s)
                           || a->perp.positions.at(s).amt.is_zero()))
      continue;
    list.push_back(by_position_json(c.bv, *a, s));
  }
  return ok(c, {{"list", list}, {"nextPageCursor", ""}, {"category", "linear"}});
}

/// GET /v5/account/transaction-log: accountType (UNIFIED), category,
/// type, baseCoin, startTime / endTime with the documented window (none:
/// the last 24 h; one: 24 h from or to it; both: at most 7 days apart),
/// limit 1..50 (default 20); one page.
http::response transaction_log(call& c, reply&) {
  if (c.has("accountType") && c.get("accountType") != "UNIFIED")
    return fail(c, 10001, "accountType only support UNIFIED.");
  auto cat = c.get("category");
  if (!cat.empty() && cat != "spot" && cat != "linear" && cat != "option"
      && cat != "inverse")
    return fail(c, 10001, "Illegal category");
  constexpr time_ms day = 24 * 3600 * 1000;
  by_log_query q;
  q.type = c.get("type");
  q.base_coin = c.get("baseCoin");
  bool has_start = c.has("startTime"), has_end = c.has("endTime");
  auto start = std::atoll(c.get("startTime").c_str());
  auto end = std::atoll(c.get("endTime").c_str());
  q.start = has_start ? start : (has_end ? end : c.now) - day;
  q.end = has_end ? end : (has_start ? start + day : c.now);
  if (q.end - q.start > 7 * day || q.end < q.start)
    return fail(c, 10001, "The time range between startTime and endTime "
                          "must be within 7 days");
  if (c.has("limit")) {
    auto n = std::atoi(c.get("limit").c_str());
    if (n < 1 || n > 50)
      return fail(c, 10001, "Illegal limit");
    q.limit = static_cast<size_t>(n);
  }
  ojson list = cat.empty() || cat == "linear"
                 ? by_transaction_log_json(c.bv, c.key, q)
                 : ojson::array();
  return ok(c, {{"list", list}, {"nextPageCursor", ""}});
}

http::response set_leverage(call& c, reply&) {
  if (auto refused = linear_symbol(c, true))
    return *refused;
  auto buy = c.get("buyLeverage"), sell = c.get("sellLeverage");
  if (buy.empty() || buy != sell)
    return fail(c, 10001, "buy leverage must be equal to sell leverage in "
                          "one-way mode");
  auto lev = decimal::parse_exact(buy);
  if (!lev || lev->raw % decimal::from_int(1).raw != 0
      || *lev < decimal::from_int(1) || *lev > decimal::from_int(100))
    return fail(c, 10001, "leverage invalid");
  int n = static_cast<int>(lev->raw / decimal::from_int(1).raw);
  auto* a = c.acct(by_cat::linear);
  auto& eng = c.bv.linear.eng;
  if (eng.position(*a, c.get("symbol")).leverage == n)
    return fail(c, 110043, "leverage not modified");
  if (auto e = eng.set_leverage(*a, c.get("symbol"), n))
    return fail(c, 10001, e->msg);
  return ok(c, ojson::object());
}

http::response switch_mode(call& c, reply&) {
  std::optional<http::response> refused;
  if (!category(c, refused, true))
    return *refused;
  if (!c.has("symbol") && !c.has("coin"))
    return fail(c, 10001, "symbol or coin is required");
  auto mode = c.get("mode");
  if (mode == "0")
    return fail(c, 110025, "Position mode is not modified");
  if (mode == "3")
    return fail(c, 10001, "hedge mode (mode 3) is not simulated");
  return fail(c, 10001, "params error: mode invalid");
}

http::response switch_isolated(call& c, reply&) {
  if (auto refused = linear_symbol(c, true))
    return *refused;
  auto mode = c.get("tradeMode");
  if (mode != "0" && mode != "1")
    return fail(c, 10001, "params error: tradeMode invalid");
  auto* a = c.acct(by_cat::linear);
  auto& eng = c.bv.linear.eng;
  bool isolated = mode == "1";
  auto symbol = c.get("symbol");
  if (eng.position(*a, symbol).isolated == isolated)
    return fail(c, 110026, "Cross/isolated margin mode is not modified");
  if (auto e = eng.set_margin_type(*a, symbol, isolated))
    return fail(c, 110027, e->msg);
  auto buy = c.get("buyLeverage");
  if (auto lev = decimal::parse_exact(buy); lev && lev->is_positive())
    eng.set_leverage(*a, symbol,
                     static_cast<int>(lev->raw / decimal::from_int(1).raw));
  return ok(c, ojson::object());
}

/// GET /v5/asset/coin/query-info: the listed coins and USDT, one chain
/// each (what ccxt's loadMarkets reads for its currencies).
http::response coin_info(call& c, reply&) {
  std::vector<std::string> coins = {"USDT"};
  for (auto& spec : markets())
    coins.push_back(binance_rules(venue_kind::binance_spot, spec).base);
  ojson rows = ojson::array();
  for (auto& coin : coins) {
    if (c.has("coin") && c.get("coin") != coin)
      continue;
    ojson chain;
    chain["chainType"] = coin;
    chain["confirmation"] = "6";
    chain["withdrawFee"] = "0";
    chain["depositMin"] = "0";
    chain["withdrawMin"] = "0";
    chain["chain"] = coin;
    chain["chainDeposit"] = "1";
    chain["chainWithdraw"] = "1";
    chain["minAccuracy"] = "8";
    chain["withdrawPercentageFee"] = "0";
    chain["contractAddress"] = "";
    chain["safeConfirmNumber"] = "6";
    ojson row;
    row["name"] = coin;
    row["coin"] = coin;
    row["remainAmount"] = "1000000";
    row["chains"] = ojson::array({chain});
    rows.push_back(std::move(row));
  }
  return ok(c, {{"rows", rows}});
}

/// The account-level margin mode of a UNIFIED account: every linear
/// symbol becomes isolated (ISOLATED_MARGIN) or cross (REGULAR_MARGIN).
http::response set_margin_mode(call& c, reply&) {
  auto mode = c.get("setMarginMode");
  if (mode != "ISOLATED_MARGIN" && mode != "REGULAR_MARGIN")
    return fail(c, 10001, mode == "PORTFOLIO_MARGIN"
                            ? "PORTFOLIO_MARGIN is not simulated"
                            : "params error: setMarginMode invalid");
  auto* a = c.acct(by_cat::linear);
  auto& eng = c.bv.linear.eng;
  bool isolated = mode == "ISOLATED_MARGIN";
  ojson reasons = ojson::array();
  for (auto& spec : markets()) {
    auto symbol = binance_symbol(spec);
    auto& p = eng.position(*a, symbol);
    if (p.isolated != isolated && (!p.amt.is_zero()
                                   || !eng.orders_of(*a, symbol, true).empty()))
      reasons.push_back({{"reasonCode", "3400045"},
                         {"reasonMsg", symbol + " has a position or open orders"}});
  }
  if (!reasons.empty()) {
    http::response r = fail(c, 3400045, "Set margin mode failed");
    r.body = by_envelope(3400045, "Set margin mode failed",
                         {{"reasons", reasons}}, c.now);
    return r;
  }
  for (auto& spec : markets())
    eng.position(*a, binance_symbol(spec)).isolated = isolated;
  http::response r = ok(c, {{"reasons", ojson::array()}});
  r.body = by_envelope(0, "Request accepted", {{"reasons", ojson::array()}}, c.now);
  return r;
}

constexpr endpoint table[] = {
  {"POST", "/v5/account/set-margin-mode", true, 5, 5, set_margin_mode},
  {"GET", "/v5/account/wallet-balance", true, 50, 50, wallet_balance},
  {"GET", "/v5/account/fee-rate", true, 10, 10, fee_rate},
  {"GET", "/v5/account/info", true, 50, 50, account_info},
  {"GET", "/v5/asset/coin/query-info", true, 5, 5, coin_info},
  {"GET", "/v5/user/query-api", true, 10, 10, query_api},
  {"GET", "/v5/position/list", true, 50, 50, position_list},
  {"GET", "/v5/account/transaction-log", true, 30, 30, transaction_log},
  {"POST", "/v5/position/set-leverage", true, 10, 10, set_leverage},
  {"POST", "/v5/position/switch-mode", true, 10, 10, switch_mode},
  {"POST", "/v5/position/switch-isolated", true, 10, 10, switch_isolated},
};

} // namespace

std::span<const endpoint> account_endpoints() {
  return table;
}

} // namespace karb::sim::by
