#include "exchanges/binance/account_parse.hpp"

#include <cstdlib>

#include "exchanges/binance/symbols.hpp"
#include "exchanges/common/json_text.hpp"

namespace karb::binance {

using json_text::check;
using json_text::json;
using json_text::reader;

namespace {

result<json> array_of(std::string_view body, const char* what) {
  auto doc = json_text::parse(body);
  if (!doc)
    return doc.error();
  if (!doc->is_array())
    return malformed(std::string{what} + ": expected an array");
  return std::move(*doc);
}

} // namespace

void set_signed_amount(position& p, decimal signed_amount) {
  p.position_side = signed_amount.is_negative() ? side::sell : side::buy;
  p.amount = signed_amount.abs();
}

result<item_list<balance>> parse_spot_account(std::string_view body) {
  auto doc = json_text::parse(body);
  if (!doc)
    return doc.error();
  reader top{*doc, "account"};
  auto* balances = top.field("balances");
  int64_t ts_ns = top.opt_ms_timestamp("updateTime");
  if (!top.ok())
    return top.error();
  if (!balances->is_array())
    return malformed("account: balances must be an array");
  item_list<balance> out;
  out.items.reserve(balances->size());
  for (auto& item : *balances) {
    reader r{item, "account balance"};
    balance b;
    b.venue = exchange::binance_spot;
    b.currency = r.str("asset");
    b.free = r.amount("free", check::non_negative);
    b.used = r.amount("locked", check::non_negative);
    b.total = r.sum(b.free, b.used, "free + locked");
    b.ts_ns = ts_ns;
    if (!r.ok()) {
      out.reject(r.error());
      continue;
    }
    out.items.push_back(std::move(b));
  }
  return out;
}

result<item_list<balance>> parse_usdm_balances(std::string_view body) {
  auto doc = array_of(body, "balance");
  if (!doc)
    return doc.error();
  item_list<balance> out;
  out.items.reserve(doc->size());
  for (auto& item : *doc) {
    reader r{item, "balance"};
    balance b;
    b.venue = exchange::binance_usdm;
    b.currency = r.str("asset");
    b.total = r.amount("balance");
    b.free = r.amount("availableBalance");
    b.ts_ns = r.ms_timestamp("updateTime");
    b.used = max(decimal{}, r.difference(b.total, b.free,
                                         "balance - availableBalance"));
    if (!r.ok()) {
      out.reject(r.error());
      continue;
    }
    out.items.push_back(std::move(b));
  }
  return out;
}

result<item_list<position>> parse_positions(std::string_view body) {
  auto doc = array_of(body, "positionRisk");
  if (!doc)
    return doc.error();
  item_list<position> out;
  for (auto& item : *doc) {
    reader r{item, "positionRisk"};
    position p;
    p.symbol = symbol_instrument(exchange::binance_usdm, r.str("symbol"));
    auto amount = r.amount("positionAmt");
    p.entry_price = r.amount("entryPrice", check::non_negative);
    p.mark_price = r.amount("markPrice", check::non_negative);
    p.unrealized_pnl = r.amount("unRealizedProfit");
    p.liquidation_price = r.amount("liquidationPrice", check::non_negative);
    auto isolated = r.opt_amount("isolatedMargin", {}, check::non_negative);
    auto initial = r.opt_amount("initialMargin", {}, check::non_negative);
    p.margin = isolated.is_positive() ? isolated : initial;
    auto leverage = r.opt_str("leverage");
    p.ts_ns = r.ms_timestamp("updateTime");
    if (r.ok() && !leverage.empty()) {
      char* end = nullptr;
      double x = std::strtod(leverage.c_str(), &end);
      if (end == leverage.c_str() || *end != '\0' || x <= 0)
        r.fail("bad leverage");
      p.leverage = x;
    }
    if (!r.ok()) {
      out.reject(r.error());
      continue;
    }
    if (amount.is_zero())
      continue;
    set_signed_amount(p, amount);
    out.items.push_back(std::move(p));
  }
  return out;
}

} // namespace karb::binance
