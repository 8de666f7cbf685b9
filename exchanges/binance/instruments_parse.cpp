#include "exchanges/binance/instruments_parse.hpp"

#include "exchanges/binance/symbols.hpp"
#include "exchanges/common/json_text.hpp"

namespace karb::binance {

using json_text::check;
using json_text::json;
using json_text::reader;

namespace {

void read_filter(const json& filter, instrument_spec& s, reader& outer) {
  reader r{filter, "exchangeInfo filter"};
  auto type = r.str("filterType");
  if (type == "PRICE_FILTER") {
    s.tick = r.amount("tickSize", check::non_negative);
  } else if (type == "LOT_SIZE") {
    s.lot = r.amount("stepSize", check::non_negative);
    s.min_qty = r.amount("minQty", check::non_negative);
    s.max_qty = r.amount("maxQty", check::non_negative);
  } else if (type == "NOTIONAL") {
    s.min_notional = r.amount("minNotional", check::non_negative);
  } else if (type == "MIN_NOTIONAL") {
    // Spot's older filter names the field minNotional, USD-M's notional.
    s.min_notional = r.find("notional") != nullptr
                       ? r.amount("notional", check::non_negative)
                       : r.amount("minNotional", check::non_negative);
  }
  if (!r.ok())
    outer.fail(r.error().message);
}

} // namespace

result<item_list<instrument_spec>> parse_exchange_info(std::string_view body,
                                                       exchange venue) {
  auto doc = json_text::parse(body);
  if (!doc)
    return doc.error();
  reader top{*doc, "exchangeInfo"};
  auto* symbols = top.field("symbols");
  if (!top.ok())
    return top.error();
  if (!symbols->is_array())
    return malformed("exchangeInfo: symbols must be an array");
  bool usdm = venue == exchange::binance_usdm;
  item_list<instrument_spec> out;
  out.items.reserve(symbols->size());
  for (auto& item : *symbols) {
    reader r{item, "exchangeInfo symbol"};
    if (usdm && r.opt_str("contractType") != "PERPETUAL") {
      if (!r.ok())
        out.reject(r.error());
      continue;
    }
    instrument_spec s;
    s.symbol.venue = venue;
    s.symbol.contract = contract_of(venue);
    s.symbol.venue_symbol = r.str("symbol");
    s.symbol.base = r.str("baseAsset");
    s.symbol.quote = r.str("quoteAsset");
    s.trading = r.str("status") == "TRADING";
    auto* filters = r.field("filters");
    if (filters != nullptr && !filters->is_array())
      r.fail("filters must be an array");
    if (r.ok())
      for (auto& f : *filters)
        read_filter(f, s, r);
    if (!r.ok()) {
      out.reject(r.error());
      continue;
    }
    out.items.push_back(std::move(s));
  }
  return out;
}

} // namespace karb::binance
