#include "exchanges/bybit/transaction_log_parse.hpp"

#include "exchanges/bybit/reply_fields.hpp"
#include "exchanges/bybit/symbols.hpp"

namespace karb::bybit {

using json_text::reader;

result<item_list<funding_payment>>
parse_funding_settlements(std::string_view body) {
  auto reply = read_reply(body, "transaction log");
  if (!reply)
    return reply.error();
  auto list = list_of(*reply, "transaction log");
  if (!list)
    return list.error();
  item_list<funding_payment> out;
  for (auto& row : **list) {
    reader r{row, "transaction log"};
    if (r.str("type") != "SETTLEMENT") {
      if (!r.ok())
        out.reject(r.error());
      continue;
    }
    funding_payment p;
    p.venue = exchange::bybit_linear;
    p.symbol = r.str("symbol");
    p.currency = r.str("currency");
    p.amount = blank_zero(r, "funding");
    p.rate = opt_blank_zero(r, "feeRate");
    p.ts_ns = time_field(r, "transactionTime");
    p.id = r.str("id");
    if (!r.ok()) {
      out.reject(r.error());
      continue;
    }
    p.asset = std::string{split_symbol(p.symbol).first};
    out.items.push_back(std::move(p));
  }
  return out;
}

} // namespace karb::bybit
