#include "exchanges/binance/market_parse.hpp"

#include <numeric>

#include "exchanges/binance/symbols.hpp"
#include "exchanges/common/iso_time.hpp"
#include "exchanges/common/json_text.hpp"

namespace karb::binance {

using json_text::check;
using json_text::json;
using json_text::reader;

namespace {

/// `[["price","qty"],...]` into `out`.
bool read_levels(const json* levels, std::vector<price_level>& out,
                 reader& r, const char* key) {
  if (levels == nullptr)
    return false;
  if (!levels->is_array()) {
    r.fail(std::string{key} + " must be an array");
    return false;
  }
  out.reserve(levels->size());
  for (auto& level : *levels) {
    if (!level.is_array() || level.size() < 2 || !level[0].is_string()
        || !level[1].is_string()) {
      r.fail(std::string{key} + " level must be [price, qty] strings");
      return false;
    }
    auto price = decimal::parse(level[0].get_ref<const std::string&>());
    auto qty = decimal::parse(level[1].get_ref<const std::string&>());
    if (!price || !qty || !price->is_positive() || qty->is_negative()) {
      r.fail(std::string{key} + " level is not a valid price / quantity");
      return false;
    }
    out.push_back({*price, *qty});
  }
  return true;
}

/// The root object of `body`, or the error.
result<json> object_of(std::string_view body, const char* what) {
  auto doc = json_text::parse(body);
  if (!doc)
    return doc.error();
  if (!doc->is_object())
    return malformed(std::string{what} + ": expected an object");
  return std::move(*doc);
}

} // namespace

result<int64_t> parse_server_time(std::string_view body) {
  auto doc = object_of(body, "server time");
  if (!doc)
    return doc.error();
  reader r{*doc, "server time"};
  auto ms = r.integer("serverTime");
  if (!r.ok())
    return r.error();
  return ms;
}

result<order_book> parse_depth(std::string_view body, exchange venue) {
  auto doc = object_of(body, "depth");
  if (!doc)
    return doc.error();
  reader r{*doc, "depth"};
  order_book b;
  b.symbol.venue = venue;
  b.symbol.contract = contract_of(venue);
  b.sequence = r.integer("lastUpdateId");
  if (r.find("E") != nullptr)
    b.ts_event_ns = r.ms_timestamp("E");
  read_levels(r.field("bids"), b.bids, r, "bids");
  read_levels(r.field("asks"), b.asks, r, "asks");
  if (!r.ok())
    return r.error();
  return b;
}

result<ticker> parse_ticker_24hr(std::string_view body, exchange venue) {
  auto doc = object_of(body, "24hr ticker");
  if (!doc)
    return doc.error();
  reader r{*doc, "24hr ticker"};
  ticker t;
  t.symbol = symbol_instrument(venue, r.str("symbol"));
  t.last_price = r.amount("lastPrice", check::non_negative);
  t.volume_24h = r.amount("volume", check::non_negative);
  t.ts_event_ns = r.ms_timestamp("closeTime");
  if (!r.ok())
    return r.error();
  return t;
}

result<ticker> parse_book_ticker(std::string_view body, exchange venue) {
  auto doc = object_of(body, "book ticker");
  if (!doc)
    return doc.error();
  reader r{*doc, "book ticker"};
  ticker t;
  t.symbol = symbol_instrument(venue, r.str("symbol"));
  auto bid = r.amount("bidPrice", check::non_negative);
  auto ask = r.amount("askPrice", check::non_negative);
  if (r.find("time") != nullptr)
    t.ts_event_ns = r.ms_timestamp("time");
  if (!r.ok())
    return r.error();
  t.last_price = decimal::from_raw(std::midpoint(bid.raw, ask.raw));
  return t;
}

result<std::pair<funding_rate, mark_price>> parse_premium_index(
  std::string_view body) {
  auto doc = object_of(body, "premium index");
  if (!doc)
    return doc.error();
  reader r{*doc, "premium index"};
  funding_rate f;
  mark_price m;
  auto symbol = r.str("symbol");
  f.venue = exchange::binance_usdm;
  f.symbol = symbol;
  f.rate = r.amount("lastFundingRate");
  f.next_funding_ns = r.ms_timestamp("nextFundingTime");
  f.ts_ns = r.ms_timestamp("time");
  f.funding_interval_s = default_funding_interval_s;
  m.symbol = symbol_instrument(exchange::binance_usdm, symbol);
  m.mark = r.amount("markPrice", check::positive);
  m.index = r.amount("indexPrice", check::non_negative);
  m.ts_event_ns = f.ts_ns;
  if (!r.ok())
    return r.error();
  return std::pair{std::move(f), std::move(m)};
}

result<item_list<funding_rate>> parse_funding_history(std::string_view body) {
  auto doc = json_text::parse(body);
  if (!doc)
    return doc.error();
  if (!doc->is_array())
    return malformed("funding history: expected an array");
  item_list<funding_rate> out;
  out.items.reserve(doc->size());
  for (auto& item : *doc) {
    reader r{item, "funding history"};
    funding_rate f;
    f.venue = exchange::binance_usdm;
    f.symbol = r.str("symbol");
    f.rate = r.amount("fundingRate");
    f.ts_ns = r.ms_timestamp("fundingTime");
    f.funding_interval_s = default_funding_interval_s;
    auto& prev = out.items;
    if (r.ok() && !prev.empty() && prev.back().symbol == f.symbol
        && f.ts_ns > prev.back().ts_ns) {
      if (auto s = seconds_between(prev.back().ts_ns, f.ts_ns))
        f.funding_interval_s = *s;
      else
        r.fail("fundingTime step out of range");
    }
    if (!r.ok()) {
      out.reject(r.error());
      continue;
    }
    out.items.push_back(std::move(f));
  }
  return out;
}

} // namespace karb::binance
