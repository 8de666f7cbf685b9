#include "exchanges/okx/bills_parse.hpp"

#include "exchanges/okx/fields.hpp"
#include "exchanges/okx/symbols.hpp"

namespace karb::okx {

using json_text::reader;

result<item_list<funding_payment>>
parse_funding_bills(std::string_view body) {
  auto data = data_of(body, "bills");
  if (!data)
    return data.error();
  item_list<funding_payment> out;
  for (auto& row : *data) {
    reader r{row, "bill"};
    if (r.str("type") != funding_bill_type) {
      if (!r.ok())
        out.reject(r.error());
      continue;
    }
    funding_payment p;
    p.venue = exchange::okx_swap;
    p.symbol = r.str("instId");
    p.currency = r.str("ccy");
    p.amount = r.amount("balChg");
    p.ts_ns = ms_as_ns(r, "ts");
    p.id = r.str("billId");
    if (!r.ok()) {
      out.reject(r.error());
      continue;
    }
    p.asset = symbol_instrument(exchange::okx_swap, p.symbol).base;
    out.items.push_back(std::move(p));
  }
  return out;
}

} // namespace karb::okx
