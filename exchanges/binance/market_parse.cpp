#include "exchanges/binance/market_parse.hpp"

#include "exchanges/binance/symbols.hpp"
#include "exchanges/common/json_text.hpp"

namespace karb::binance {

using json_text::check;
using json_text::json;
using json_text::reader;

namespace {

constexpr int64_t ns_per_ms = 1'000'000;

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
    b.ts_event_ns = r.integer("E") * ns_per_ms;
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
  t.ts_event_ns = r.integer("closeTime") * ns_per_ms;
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
    t.ts_event_ns = r.integer("time") * ns_per_ms;
  if (!r.ok())
    return r.error();
  t.last_price = decimal::from_raw((bid.raw + ask.raw) / 2);
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
  f.next_funding_ns = r.integer("nextFundingTime") * ns_per_ms;
  f.ts_ns = r.integer("time") * ns_per_ms;
  f.funding_interval_s = default_funding_interval_s;
  m.symbol = symbol_instrument(exchange::binance_usdm, symbol);
  m.mark = r.amount("markPrice", check::positive);
  m.index = r.amount("indexPrice", check::non_negative);
  m.ts_event_ns = f.ts_ns;
  if (!r.ok())
    return r.error();
  return std::pair{std::move(f), std::move(m)};
}

result<std::vector<funding_rate>> parse_funding_history(std::string_view body) {
  auto doc = json_text::parse(body);
  if (!doc)
    return doc.error();
  if (!doc->is_array())
    return malformed("funding history: expected an array");
  std::vector<funding_rate> out;
  out.reserve(doc->size());
  for (auto& item : *doc) {
    reader r{item, "funding history"};
    funding_rate f;
    f.venue = exchange::binance_usdm;
    f.symbol = r.str("symbol");
    f.rate = r.amount("fundingRate");
    f.ts_ns = r.integer("fundingTime") * ns_per_ms;
    if (!r.ok())
      return r.error();
    f.funding_interval_s = default_funding_interval_s;
    if (!out.empty() && out.back().symbol == f.symbol
        && f.ts_ns > out.back().ts_ns)
      f.funding_interval_s = (f.ts_ns - out.back().ts_ns) / 1'000'000'000;
    out.push_back(std::move(f));
  }
  return out;
}

} // namespace karb::binance
