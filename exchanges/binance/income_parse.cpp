#include "exchanges/binance/income_parse.hpp"

#include "exchanges/common/json_text.hpp"

namespace karb::binance {

using json_text::reader;

namespace {

/// "BTCUSDT" with margin asset "USDT" -> "BTC"; "" otherwise.
std::string base_of(std::string_view symbol, std::string_view asset) {
  if (asset.empty() || symbol.size() <= asset.size()
      || !symbol.ends_with(asset))
    return {};
  return std::string{symbol.substr(0, symbol.size() - asset.size())};
}

/// tranId is a JSON number on USD-M (a string on some other products).
std::string id_text(reader& r) {
  auto* id = r.find("tranId");
  if (id != nullptr && id->is_string())
    return id->get<std::string>();
  return std::to_string(r.integer("tranId"));
}

} // namespace

result<item_list<funding_payment>>
parse_funding_income(std::string_view body) {
  auto doc = json_text::parse(body);
  if (!doc)
    return doc.error();
  if (!doc->is_array())
    return malformed("income: expected an array");
  item_list<funding_payment> out;
  for (auto& row : *doc) {
    reader r{row, "income"};
    if (r.str("incomeType") != "FUNDING_FEE") {
      if (!r.ok())
        out.reject(r.error());
      continue;
    }
    funding_payment p;
    p.venue = exchange::binance_usdm;
    p.symbol = r.str("symbol");
    p.currency = r.str("asset");
    p.amount = r.amount("income");
    p.ts_ns = r.ms_timestamp("time");
    p.id = id_text(r);
    if (!r.ok()) {
      out.reject(r.error());
      continue;
    }
    p.asset = base_of(p.symbol, p.currency);
    out.items.push_back(std::move(p));
  }
  return out;
}

} // namespace karb::binance
