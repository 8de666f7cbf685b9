#include "exchanges/okx/account_parse.hpp"

#include "exchanges/okx/contracts.hpp"
#include "exchanges/okx/fields.hpp"
#include "exchanges/okx/symbols.hpp"

namespace karb::okx {

using json_text::check;
using json_text::json;
using json_text::reader;

result<item_list<balance>> read_balances(const json& account,
                                         exchange venue) {
  reader top{account, "balance"};
  auto ts = opt_ms_as_ns(top, "uTime");
  auto* details = top.field("details");
  if (top.ok() && !details->is_array())
    top.fail("details must be an array");
  if (!top.ok())
    return top.error();
  item_list<balance> out;
  out.items.reserve(details->size());
  for (auto& item : *details) {
    reader r{item, "balance.details"};
    balance b;
    b.venue = venue;
    b.currency = r.str("ccy");
    b.total = r.amount("cashBal");
    b.used = opt_decimal(r, "frozenBal", {}, check::non_negative);
    b.free = has_value(r, "availBal")
               ? r.amount("availBal")
               : r.difference(b.total, b.used, "cashBal - frozenBal");
    auto own_ts = opt_ms_as_ns(r, "uTime");
    b.ts_ns = own_ts != 0 ? own_ts : ts;
    if (!r.ok()) {
      out.reject(r.error());
      continue;
    }
    out.items.push_back(std::move(b));
  }
  return out;
}

result<item_list<position>> read_positions(
  const json& list, const venue::contract_size_fn& sizes) {
  if (!list.is_array())
    return malformed("positions: expected an array");
  item_list<position> out;
  for (auto& item : list) {
    reader r{item, "position"};
    if (r.str("instType") != "SWAP") {
      if (!r.ok())
        out.reject(r.error());
      continue;
    }
    auto inst_id = r.str("instId");
    auto contracts = opt_decimal(r, "pos");
    position p;
    p.symbol = symbol_instrument(exchange::okx_swap, inst_id);
    p.entry_price = opt_decimal(r, "avgPx", {}, check::non_negative);
    p.mark_price = opt_decimal(r, "markPx", {}, check::non_negative);
    p.liquidation_price = opt_decimal(r, "liqPx", {}, check::non_negative);
    p.unrealized_pnl = opt_decimal(r, "upl");
    p.margin = has_value(r, "margin")
                 ? r.amount("margin", check::non_negative)
                 : opt_decimal(r, "imr", {}, check::non_negative);
    auto lever = opt_decimal(r, "lever", decimal::from_int(1),
                             check::positive);
    p.leverage = lever.to_double();
    p.ts_ns = opt_ms_as_ns(r, "uTime");
    if (!r.ok()) {
      out.reject(r.error());
      continue;
    }
    if (contracts.is_zero())
      continue;
    auto size = contract_size(sizes, inst_id);
    auto base = size ? to_base(contracts, *size) : size;
    if (!base) {
      out.reject(base.error());
      continue;
    }
    p.position_side = base->is_negative() ? side::sell : side::buy;
    p.amount = base->abs();
    out.items.push_back(std::move(p));
  }
  return out;
}

result<item_list<balance>> parse_balances(std::string_view body,
                                          exchange venue) {
  auto data = data_of(body, "balance");
  if (!data)
    return data.error();
  item_list<balance> out;
  for (auto& account : *data) {
    auto list = read_balances(account, venue);
    if (!list)
      return list.error();
    for (auto& b : list->items)
      out.items.push_back(std::move(b));
    for (auto& why : list->rejected)
      out.rejected.push_back(std::move(why));
  }
  return out;
}

result<item_list<position>> parse_positions(
  std::string_view body, const venue::contract_size_fn& sizes) {
  auto data = data_of(body, "positions");
  if (!data)
    return data.error();
  return read_positions(*data, sizes);
}

} // namespace karb::okx
