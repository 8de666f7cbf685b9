#include "exchanges/okx/market_parse.hpp"

#include <algorithm>

#include "exchanges/common/iso_time.hpp"
#include "exchanges/okx/contracts.hpp"
#include "exchanges/okx/fields.hpp"
#include "exchanges/okx/symbols.hpp"

namespace karb::okx {

using json_text::check;
using json_text::json;
using json_text::reader;

namespace {

/// data[0] of a reply that must list one entry.
result<json> first_of(std::string_view body, std::string_view what) {
  auto data = data_of(body, what);
  if (!data)
    return data.error();
  if (data->empty() || !(*data)[0].is_object())
    return malformed(std::string{what} + ": data is empty");
  return std::move((*data)[0]);
}

/// A size limit; 0 (none) when absent or beyond decimal's range (spot
/// maxLmtSz is "999999999999" on some pairs).
decimal opt_limit(reader& r, std::string_view key) {
  if (!has_value(r, key))
    return {};
  return decimal::parse(r.str(key)).value_or(decimal{});
}

bool read_levels(const json* levels, std::vector<price_level>& out) {
  if (levels == nullptr || !levels->is_array())
    return false;
  for (auto& level : *levels) {
    if (!level.is_array() || level.size() < 2 || !level[0].is_string()
        || !level[1].is_string())
      return false;
    auto price = decimal::parse(level[0].get_ref<const std::string&>());
    auto size = decimal::parse(level[1].get_ref<const std::string&>());
    if (!price || !size || !price->is_positive() || size->is_negative())
      return false;
    out.push_back({*price, *size});
  }
  return true;
}

result<unit> to_base_units(decimal ct_val, instrument_spec& s) {
  for (auto* x : {&s.lot, &s.min_qty, &s.max_qty}) {
    auto base = to_base(*x, ct_val);
    if (!base)
      return base.error();
    *x = *base;
  }
  return unit{};
}

} // namespace

int64_t funding_interval_s(reader& r, int64_t funding_ns, int64_t next_ns) {
  if (next_ns <= funding_ns)
    return default_funding_interval_s;
  auto s = seconds_between(funding_ns, next_ns);
  if (!s)
    r.fail("nextFundingTime - fundingTime out of range");
  return s.value_or(default_funding_interval_s);
}

result<int64_t> parse_server_time(std::string_view body) {
  auto first = first_of(body, "time");
  if (!first)
    return first.error();
  reader r{*first, "time"};
  auto ns = ms_as_ns(r, "ts");
  if (!r.ok())
    return r.error();
  return ns / 1'000'000; // ns -> ms
}

result<item_list<instrument_spec>> parse_instruments(std::string_view body,
                                                     exchange venue) {
  auto data = data_of(body, "instruments");
  if (!data)
    return data.error();
  bool swap = venue == exchange::okx_swap;
  item_list<instrument_spec> out;
  out.items.reserve(data->size());
  for (auto& item : *data) {
    reader r{item, "instrument"};
    if (swap && r.opt_str("ctType") != "linear") {
      if (!r.ok())
        out.reject(r.error());
      continue; // inverse (coin-margined) swaps are not this venue's
    }
    instrument_spec s;
    s.symbol.venue = venue;
    s.symbol.contract = contract_of(venue);
    s.symbol.venue_symbol = r.str("instId");
    s.symbol.base = swap ? r.str("ctValCcy") : r.str("baseCcy");
    s.symbol.quote = swap ? r.str("settleCcy") : r.str("quoteCcy");
    s.tick = r.amount("tickSz", check::non_negative);
    s.lot = r.amount("lotSz", check::non_negative);
    s.min_qty = r.amount("minSz", check::non_negative);
    s.max_qty = opt_limit(r, "maxLmtSz");
    s.trading = r.str("state") == "live";
    if (swap)
      s.contract_size = r.amount("ctVal", check::positive);
    if (!r.ok()) {
      out.reject(r.error());
      continue;
    }
    if (swap)
      if (auto ok = to_base_units(s.contract_size, s); !ok) {
        out.reject(ok.error());
        continue;
      }
    out.items.push_back(std::move(s));
  }
  return out;
}

result<order_book> parse_books(std::string_view body, exchange venue) {
  auto first = first_of(body, "books");
  if (!first)
    return first.error();
  reader r{*first, "books"};
  order_book b;
  b.symbol.venue = venue;
  b.symbol.contract = contract_of(venue);
  b.ts_event_ns = ms_as_ns(r, "ts");
  if (!r.ok())
    return r.error();
  if (!read_levels(r.find("bids"), b.bids)
      || !read_levels(r.find("asks"), b.asks))
    return malformed("books: bad bids or asks");
  return b;
}

result<ticker> parse_ticker(std::string_view body, exchange venue) {
  auto first = first_of(body, "ticker");
  if (!first)
    return first.error();
  reader r{*first, "ticker"};
  ticker t;
  t.symbol = symbol_instrument(venue, r.str("instId"));
  t.last_price = r.amount("last", check::positive);
  t.volume_24h = r.amount(venue == exchange::okx_swap ? "volCcy24h" : "vol24h",
                          check::non_negative);
  t.ts_event_ns = ms_as_ns(r, "ts");
  if (!r.ok())
    return r.error();
  return t;
}

result<std::pair<funding_rate, mark_price>> parse_funding(
  std::string_view body) {
  auto first = first_of(body, "funding-rate");
  if (!first)
    return first.error();
  reader r{*first, "funding-rate"};
  funding_rate f;
  f.venue = exchange::okx_swap;
  f.symbol = r.str("instId");
  f.rate = r.amount("fundingRate");
  f.next_funding_ns = ms_as_ns(r, "fundingTime");
  auto after_ns = opt_ms_as_ns(r, "nextFundingTime");
  f.ts_ns = opt_ms_as_ns(r, "ts");
  if (has_value(r, "nextFundingRate")) {
    f.has_predicted = true;
    f.predicted_rate = r.amount("nextFundingRate");
  }
  f.funding_interval_s = funding_interval_s(r, f.next_funding_ns, after_ns);
  if (!r.ok())
    return r.error();
  mark_price m;
  m.symbol = symbol_instrument(exchange::okx_swap, f.symbol);
  m.ts_event_ns = f.ts_ns;
  return std::pair{std::move(f), std::move(m)};
}

result<item_list<funding_rate>> parse_funding_history(std::string_view body) {
  auto data = data_of(body, "funding-rate-history");
  if (!data)
    return data.error();
  item_list<funding_rate> out;
  std::vector<funding_rate> read;
  read.reserve(data->size());
  for (auto& item : *data) {
    reader r{item, "funding-rate-history"};
    funding_rate f;
    f.venue = exchange::okx_swap;
    f.symbol = r.str("instId");
    f.rate = has_value(r, "realizedRate") ? r.amount("realizedRate")
                                          : r.amount("fundingRate");
    f.ts_ns = ms_as_ns(r, "fundingTime");
    if (r.ok())
      read.push_back(std::move(f));
    else
      out.reject(r.error());
  }
  std::sort(read.begin(), read.end(),
            [](auto& a, auto& b) { return a.ts_ns < b.ts_ns; });
  for (auto& f : read) {
    f.funding_interval_s = default_funding_interval_s;
    if (!out.items.empty()) {
      auto s = seconds_between(out.items.back().ts_ns, f.ts_ns);
      if (!s) {
        out.rejected.push_back(
          "funding-rate-history: fundingTime step out of range");
        continue;
      }
      f.funding_interval_s = *s;
    }
    out.items.push_back(std::move(f));
  }
  return out;
}

} // namespace karb::okx
