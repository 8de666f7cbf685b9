#include "exchanges/korea/quote_parse.hpp"

#include "exchanges/korea/symbols.hpp"

namespace karb::korea {

using json_text::check;
using json_text::json;
using json_text::reader;

namespace {

bool read_symbol(reader& r, std::string_view key, exchange venue,
                 instrument& out) {
  auto code = r.str(key);
  if (r.ok() && !assign_instrument(venue, code, out))
    r.fail("bad market code");
  return r.ok();
}

// Parses `body` as a JSON array and applies `read` to each element;
// quotations are asked for by market, so one bad element fails the body.
template <class T, class Read>
result<std::vector<T>> read_array(std::string_view body, bool allow_empty,
                                  Read read) {
  auto out = json_text::parse_each<T>(body, read, "quotation");
  if (!out)
    return out.error();
  if (!out->rejected.empty())
    return malformed(out->rejected.front());
  if (out->items.empty() && !allow_empty)
    return malformed("empty array");
  return std::move(out->items);
}

} // namespace

result<order_book> read_book(const json& obj, exchange venue,
                             const book_keys& k) {
  reader r{obj, "orderbook"};
  order_book book;
  read_symbol(r, k.code, venue, book.symbol);
  book.ts_event_ns = r.ms_timestamp(k.timestamp);
  auto* units = r.field(k.units);
  if (!r.ok())
    return r.error();
  if (!units->is_array() || units->empty())
    return malformed("orderbook: units must be a non-empty array");
  book.bids.reserve(units->size());
  book.asks.reserve(units->size());
  for (auto& unit : *units) {
    reader u{unit, "orderbook unit"};
    price_level ask{u.number(k.ask_price, check::positive),
                    u.number(k.ask_size, check::non_negative)};
    price_level bid{u.number(k.bid_price, check::positive),
                    u.number(k.bid_size, check::non_negative)};
    if (!u.ok())
      return u.error();
    book.asks.push_back(ask);
    book.bids.push_back(bid);
  }
  return book;
}

result<trade> read_trade(const json& obj, exchange venue, const trade_keys& k) {
  reader r{obj, "trade"};
  trade t;
  read_symbol(r, k.code, venue, t.symbol);
  t.price = r.number(k.price, check::positive);
  t.amount = r.number(k.volume, check::non_negative);
  auto ab = r.str(k.ask_bid);
  t.id = std::to_string(r.integer(k.sequential_id));
  t.ts_event_ns = r.ms_timestamp(k.trade_ts);
  if (r.ok() && ab != "ASK" && ab != "BID")
    r.fail("ask_bid must be ASK or BID");
  if (!r.ok())
    return r.error();
  t.taker_side = ab == "ASK" ? side::sell : side::buy;
  auto cost = decimal::mul(t.price, t.amount);
  if (!cost)
    return malformed("trade: cost overflows");
  t.cost = *cost;
  return t;
}

result<ticker> read_ticker(const json& obj, exchange venue,
                           const ticker_keys& k) {
  reader r{obj, "ticker"};
  ticker t;
  read_symbol(r, k.code, venue, t.symbol);
  t.last_price = r.number(k.price, check::positive);
  t.volume_24h = r.number(k.volume_24h, check::non_negative);
  t.ts_event_ns = r.ms_timestamp(k.timestamp);
  if (!r.ok())
    return r.error();
  return t;
}

result<balance> read_balance(const json& obj, exchange venue) {
  reader r{obj, "account"};
  balance b;
  b.venue = venue;
  b.currency = r.str("currency");
  b.free = r.amount("balance", check::non_negative);
  b.used = r.amount("locked", check::non_negative);
  b.total = r.sum(b.free, b.used, "balance + locked");
  if (!r.ok())
    return r.error();
  return b;
}

result<std::vector<ticker>> parse_tickers(std::string_view body,
                                          exchange venue) {
  return read_array<ticker>(body, false, [&](const json& j) {
    return read_ticker(j, venue, rest_ticker_keys);
  });
}

result<std::vector<order_book>> parse_orderbooks(std::string_view body,
                                                 exchange venue) {
  return read_array<order_book>(body, false, [&](const json& j) {
    return read_book(j, venue, rest_book_keys);
  });
}

result<std::vector<trade>> parse_trades(std::string_view body, exchange venue) {
  return read_array<trade>(body, true, [&](const json& j) {
    return read_trade(j, venue, rest_trade_keys);
  });
}

result<item_list<balance>> parse_accounts(std::string_view body,
                                          exchange venue) {
  return json_text::parse_each<balance>(
    body, [&](const json& j) { return read_balance(j, venue); }, "accounts");
}

result<order_chance> parse_order_chance(std::string_view body, exchange venue) {
  auto doc = json_text::parse(body);
  if (!doc)
    return doc.error();
  reader r{*doc, "order chance"};
  order_chance c;
  c.bid_fee = r.amount("bid_fee", check::non_negative);
  c.ask_fee = r.amount("ask_fee", check::non_negative);
  c.maker_bid_fee = r.opt_amount("maker_bid_fee", c.bid_fee, check::non_negative);
  c.maker_ask_fee = r.opt_amount("maker_ask_fee", c.ask_fee, check::non_negative);
  auto* market = r.field("market");
  if (!r.ok())
    return r.error();
  reader m{*market, "order chance market"};
  c.market = m.str("id");
  c.state = m.opt_str("state");
  c.max_total = m.opt_amount("max_total", {}, check::non_negative);
  for (auto [key, currency, min_total] :
       {std::tuple{"bid", &c.bid_currency, &c.bid_min_total},
        std::tuple{"ask", &c.ask_currency, &c.ask_min_total}}) {
    auto* side_obj = m.field(key);
    if (!m.ok())
      return m.error();
    reader s{*side_obj, "order chance side"};
    *currency = s.str("currency");
    *min_total = s.amount("min_total", check::non_negative);
    if (!s.ok())
      return s.error();
  }
  if (!m.ok())
    return m.error();
  for (auto [key, account] : {std::pair{"bid_account", &c.bid_account},
                              std::pair{"ask_account", &c.ask_account}}) {
    if (auto* acc = r.find(key)) {
      auto b = read_balance(*acc, venue);
      if (!b)
        return b.error();
      *account = std::move(*b);
    }
  }
  return c;
}

result<std::vector<tick_policy>> parse_tick_policies(std::string_view body) {
  return read_array<tick_policy>(body, false,
                                 [](const json& j) -> result<tick_policy> {
    reader r{j, "instrument"};
    tick_policy p;
    p.market = r.str("market");
    p.quote_currency = r.str("quote_currency");
    p.tick_size = r.amount("tick_size", check::positive);
    if (!r.ok())
      return r.error();
    return p;
  });
}

} // namespace karb::korea
