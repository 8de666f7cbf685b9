#include "exchanges/bybit/market_parse.hpp"

#include <algorithm>
#include <charconv>

#include "exchanges/bybit/reply_fields.hpp"
#include "exchanges/bybit/symbols.hpp"
#include "exchanges/common/iso_time.hpp"

namespace karb::bybit {

using json_text::check;
using json_text::json;
using json_text::reader;

namespace {

constexpr int64_t s_per_hour = 3600;

/// `[["price","qty"],...]` into `out`.
void read_levels(reader& r, const char* key, std::vector<price_level>& out) {
  auto* levels = r.field(key);
  if (levels == nullptr)
    return;
  if (!levels->is_array()) {
    r.fail(std::string{key} + " must be an array");
    return;
  }
  out.reserve(levels->size());
  for (auto& level : *levels) {
    if (!level.is_array() || level.size() != 2 || !level[0].is_string()
        || !level[1].is_string()) {
      r.fail(std::string{key} + " level must be [price, qty] strings");
      return;
    }
    auto price = decimal::parse(level[0].get_ref<const std::string&>());
    auto qty = decimal::parse(level[1].get_ref<const std::string&>());
    if (!price || !qty || !price->is_positive() || qty->is_negative()) {
      r.fail(std::string{key} + " level is not a valid price / quantity");
      return;
    }
    out.push_back({*price, *qty});
  }
}

/// The object `key` of `r`'s object (an error when absent).
const json* sub_object(reader& r, const char* key) {
  auto* j = r.field(key);
  if (j != nullptr && !j->is_object()) {
    r.fail(std::string{key} + " must be an object");
    return nullptr;
  }
  return j;
}

result<const json*> first_of_list(const reply_body& reply, const char* what) {
  auto list = list_of(reply, what);
  if (!list)
    return list.error();
  if ((*list)->empty())
    return malformed(std::string{what} + ": empty list");
  return &(**list)[0];
}

} // namespace

result<int64_t> parse_server_time(std::string_view body) {
  auto reply = read_reply(body, "server time");
  if (!reply)
    return reply.error();
  reader r{*reply->result, "server time"};
  auto nano = r.opt_str("timeNano");
  if (!r.ok())
    return r.error();
  int64_t ns = 0;
  if (!nano.empty()) {
    auto [end, ec] = std::from_chars(nano.data(), nano.data() + nano.size(),
                                     ns);
    if (ec != std::errc{} || end != nano.data() + nano.size())
      return malformed("server time: bad timeNano");
    return ns / 1'000'000; // ns -> ms
  }
  if (reply->time_ms <= 0)
    return malformed("server time: neither timeNano nor time");
  return reply->time_ms;
}

result<item_list<instrument_spec>> parse_instruments(std::string_view body,
                                                     exchange venue) {
  auto reply = read_reply(body, "instruments");
  if (!reply)
    return reply.error();
  auto list = list_of(*reply, "instruments");
  if (!list)
    return list.error();
  item_list<instrument_spec> out;
  out.items.reserve((*list)->size());
  for (auto& item : **list) {
    reader r{item, "instrument"};
    auto kind = r.opt_str("contractType");
    if (venue == exchange::bybit_linear && !kind.empty()
        && kind != "LinearPerpetual")
      continue;
    instrument_spec s;
    assign_symbol(venue, r.str("symbol"), s.symbol);
    s.symbol.base = r.str("baseCoin");
    s.symbol.quote = r.str("quoteCoin");
    s.trading = r.str("status") == "Trading";
    if (auto* price = sub_object(r, "priceFilter")) {
      reader p{*price, "priceFilter"};
      s.tick = p.amount("tickSize", check::non_negative);
      if (!p.ok())
        r.fail(p.error().message);
    }
    if (auto* lot = sub_object(r, "lotSizeFilter")) {
      reader q{*lot, "lotSizeFilter"};
      s.lot = q.find("qtyStep") != nullptr
                ? q.amount("qtyStep", check::non_negative)
                : q.amount("basePrecision", check::non_negative);
      s.min_qty = opt_blank_zero(q, "minOrderQty", check::non_negative);
      s.max_qty = opt_blank_zero(q, "maxOrderQty", check::non_negative);
      s.min_notional
        = q.find("minNotionalValue") != nullptr
            ? opt_blank_zero(q, "minNotionalValue", check::non_negative)
            : opt_blank_zero(q, "minOrderAmt", check::non_negative);
      if (!q.ok())
        r.fail(q.error().message);
    }
    if (!r.ok()) {
      out.reject(r.error());
      continue;
    }
    out.items.push_back(std::move(s));
  }
  return out;
}

result<order_book> parse_orderbook(std::string_view body, exchange venue) {
  auto reply = read_reply(body, "orderbook");
  if (!reply)
    return reply.error();
  reader r{*reply->result, "orderbook"};
  order_book b;
  assign_symbol(venue, r.str("s"), b.symbol);
  b.sequence = r.integer("u");
  b.ts_event_ns = r.ms_timestamp("ts");
  read_levels(r, "b", b.bids);
  read_levels(r, "a", b.asks);
  if (!r.ok())
    return r.error();
  return b;
}

result<ticker> parse_ticker(std::string_view body, exchange venue) {
  auto reply = read_reply(body, "tickers");
  if (!reply)
    return reply.error();
  auto item = first_of_list(*reply, "tickers");
  if (!item)
    return item.error();
  reader r{**item, "ticker"};
  ticker t;
  assign_symbol(venue, r.str("symbol"), t.symbol);
  t.last_price = r.amount("lastPrice", check::non_negative);
  t.volume_24h = r.amount("volume24h", check::non_negative);
  t.ts_event_ns = reply->time_ns;
  if (!r.ok())
    return r.error();
  return t;
}

result<std::pair<funding_rate, mark_price>> parse_funding(
  std::string_view body) {
  auto reply = read_reply(body, "tickers");
  if (!reply)
    return reply.error();
  auto item = first_of_list(*reply, "tickers");
  if (!item)
    return item.error();
  reader r{**item, "ticker"};
  funding_rate f;
  mark_price m;
  auto symbol = r.str("symbol");
  f.venue = exchange::bybit_linear;
  f.symbol = symbol;
  f.rate = r.amount("fundingRate");
  f.next_funding_ns = time_field(r, "nextFundingTime");
  f.ts_ns = reply->time_ns;
  auto hours = opt_blank_zero(r, "fundingIntervalHour", check::non_negative);
  f.funding_interval_s = hours.is_positive()
                           ? hours.raw / decimal::one_raw * s_per_hour
                           : default_funding_interval_s;
  assign_symbol(exchange::bybit_linear, symbol, m.symbol);
  m.mark = r.amount("markPrice", check::positive);
  m.index = r.amount("indexPrice", check::non_negative);
  m.ts_event_ns = f.ts_ns;
  if (!r.ok())
    return r.error();
  return std::pair{std::move(f), std::move(m)};
}

result<item_list<funding_rate>> parse_funding_history(std::string_view body) {
  auto reply = read_reply(body, "funding history");
  if (!reply)
    return reply.error();
  auto list = list_of(*reply, "funding history");
  if (!list)
    return list.error();
  item_list<funding_rate> out;
  std::vector<funding_rate> read;
  read.reserve((*list)->size());
  for (auto& item : **list) {
    reader r{item, "funding history"};
    funding_rate f;
    f.venue = exchange::bybit_linear;
    f.symbol = r.str("symbol");
    f.rate = r.amount("fundingRate");
    f.ts_ns = time_field(r, "fundingRateTimestamp");
    if (r.ok())
      read.push_back(std::move(f));
    else
      out.reject(r.error());
  }
  std::stable_sort(read.begin(), read.end(), [](const auto& a, const auto& b) {
    return a.ts_ns < b.ts_ns;
  });
  for (auto& f : read) {
    f.funding_interval_s = default_funding_interval_s;
    auto& prev = out.items;
    if (!prev.empty() && prev.back().symbol == f.symbol
        && f.ts_ns > prev.back().ts_ns) {
      auto s = seconds_between(prev.back().ts_ns, f.ts_ns);
      if (!s) {
        out.rejected.push_back(
          "funding history: fundingRateTimestamp step out of range");
        continue;
      }
      f.funding_interval_s = *s;
    }
    out.items.push_back(std::move(f));
  }
  return out;
}

} // namespace karb::bybit
