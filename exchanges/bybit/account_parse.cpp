#include "exchanges/bybit/account_parse.hpp"

#include <cstdlib>

#include "exchanges/bybit/reply_fields.hpp"
#include "exchanges/bybit/symbols.hpp"

namespace karb::bybit {

using json_text::check;
using json_text::json;
using json_text::reader;

result<unit> read_wallet(const json& account, exchange venue, int64_t ts_ns,
                         item_list<balance>& out) {
  reader top{account, "wallet"};
  auto* coins = top.field("coin");
  if (!top.ok())
    return top.error();
  if (!coins->is_array())
    return malformed("wallet: coin must be an array");
  for (auto& item : *coins) {
    reader r{item, "wallet coin"};
    balance b;
    b.venue = venue;
    b.currency = r.str("coin");
    b.total = r.amount("walletBalance");
    auto locked = blank_zero(r, "locked", check::non_negative);
    auto order_im = opt_blank_zero(r, "totalOrderIM", check::non_negative);
    auto position_im
      = opt_blank_zero(r, "totalPositionIM", check::non_negative);
    b.used = r.sum(r.sum(locked, order_im, "locked + totalOrderIM"),
                   position_im, "locked + totalOrderIM + totalPositionIM");
    b.free = max(decimal{}, r.difference(b.total, b.used,
                                         "walletBalance - used"));
    b.ts_ns = ts_ns;
    if (!r.ok()) {
      out.reject(r.error());
      continue;
    }
    out.items.push_back(std::move(b));
  }
  return unit{};
}

result<position> read_position(const json& obj) {
  reader r{obj, "position"};
  position p;
  assign_symbol(exchange::bybit_linear, r.str("symbol"), p.symbol);
  auto side_text = r.str("side");
  if (r.ok() && side_text != "Buy" && side_text != "Sell"
      && !side_text.empty())
    r.fail("position side must be Buy, Sell or empty");
  p.position_side = side_text == "Sell" ? side::sell : side::buy;
  p.amount = r.amount("size", check::non_negative);
  p.entry_price = blank_zero(r, "avgPrice", check::non_negative);
  p.mark_price = opt_blank_zero(r, "markPrice", check::non_negative);
  p.liquidation_price = opt_blank_zero(r, "liqPrice", check::non_negative);
  p.unrealized_pnl = opt_blank_zero(r, "unrealisedPnl");
  p.margin = r.find("positionIM") != nullptr
               ? opt_blank_zero(r, "positionIM", check::non_negative)
               : opt_blank_zero(r, "positionBalance", check::non_negative);
  auto leverage = r.opt_str("leverage");
  p.ts_ns = opt_time_field(r, "updatedTime");
  if (!r.ok())
    return r.error();
  if (!leverage.empty()) {
    char* end = nullptr;
    double x = std::strtod(leverage.c_str(), &end);
    if (end == leverage.c_str() || *end != '\0' || x <= 0)
      return malformed("position: bad leverage");
    p.leverage = x;
  }
  return p;
}

result<item_list<balance>> parse_balances(std::string_view body,
                                          exchange venue) {
  auto reply = read_reply(body, "wallet balance");
  if (!reply)
    return reply.error();
  auto list = list_of(*reply, "wallet balance");
  if (!list)
    return list.error();
  item_list<balance> out;
  for (auto& account : **list)
    if (auto ok = read_wallet(account, venue, reply->time_ns, out); !ok)
      return ok.error();
  return out;
}

result<item_list<position>> parse_positions(std::string_view body) {
  auto reply = read_reply(body, "position list");
  if (!reply)
    return reply.error();
  auto list = list_of(*reply, "position list");
  if (!list)
    return list.error();
  item_list<position> out;
  for (auto& item : **list) {
    auto p = read_position(item);
    if (!p)
      out.reject(p.error());
    else if (p->amount.is_positive())
      out.items.push_back(std::move(*p));
  }
  return out;
}

} // namespace karb::bybit
