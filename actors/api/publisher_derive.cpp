#include "actors/api/publisher_derive.hpp"

#include <algorithm>

namespace karb::api {

namespace {

using nlohmann::json;

/// A decimal field written as a string; none when absent or malformed.
std::optional<decimal> decimal_at(const json& j, const char* key) {
  if (!j.is_object() || !j.contains(key) || !j[key].is_string())
    return std::nullopt;
  return decimal::parse(j[key].get<std::string>());
}

/// The best price of one side of an inspector book answer.
std::optional<decimal> best(const json& book, const char* side) {
  if (!book.is_object() || book.contains("error") || !book.contains(side)
      || !book[side].is_array() || book[side].empty())
    return std::nullopt;
  return decimal_at(book[side][0], "price");
}

/// The object at `key`, or an empty one.
json object_at(const json& j, const char* key) {
  if (j.is_object() && j.contains(key) && j[key].is_object())
    return j[key];
  return json::object();
}

std::optional<decimal> profit_rate(const json& data) {
  auto profit = decimal_at(data, "expected_profit");
  auto size = decimal_at(data, "size");
  auto price = decimal_at(data, "buy_price");
  if (!profit || !size || !price)
    return std::nullopt;
  auto notional = decimal::mul(*size, *price);
  if (!notional || !notional->is_positive())
    return std::nullopt;
  return decimal::div(*profit, *notional);
}

json parsed_data(const std::string& text) {
  auto j = json::parse(text, nullptr, false);
  if (j.is_discarded())
    return json{{"raw", text}};
  return j;
}

} // namespace

std::optional<decimal> basis_points(decimal from, decimal to) {
  if (!from.is_positive())
    return std::nullopt;
  // The ratio first: a KRW price times 10,000 would overflow.
  auto ratio = decimal::div(to - from, from);
  if (!ratio)
    return std::nullopt;
  auto bp = decimal::mul(*ratio, decimal::from_int(10'000));
  if (!bp)
    return std::nullopt;
  return decimal::round_to(*bp, dec("0.01"), rounding::half_even);
}

std::optional<json> spread_json(const watched_spread& s, const json& book_a,
                                const json& book_b, int64_t wall_ms) {
  auto ask_a = best(book_a, "asks");
  auto bid_a = best(book_a, "bids");
  auto ask_b = best(book_b, "asks");
  auto bid_b = best(book_b, "bids");
  if (!ask_a || !bid_a || !ask_b || !bid_b)
    return std::nullopt;
  auto a_to_b = basis_points(*ask_a, *bid_b); // buy at A, sell at B
  auto b_to_a = basis_points(*ask_b, *bid_a);
  if (!a_to_b || !b_to_a)
    return std::nullopt;
  return json{{"pair", s.a + "-" + s.b},
              {"a", s.a},
              {"b", s.b},
              {"base", s.base},
              {"ts_ms", wall_ms},
              {"a_to_b_bp", a_to_b->to_string()},
              {"b_to_a_bp", b_to_a->to_string()},
              {"threshold_bp", s.threshold_bp.to_string()}};
}

json pnl_json(const json& risk, const json& trades, const json& funding) {
  std::map<std::string, decimal> total;
  int64_t count = 0;
  int64_t completed = 0;
  int64_t finished = 0;
  if (trades.is_object() && trades.contains("recent")
      && trades["recent"].is_array())
    for (const auto& t : trades["recent"]) {
      ++count;
      auto outcome = t.value("outcome", std::string{});
      if (!outcome.empty())
        ++finished;
      if (outcome == "completed")
        ++completed;
      auto symbol = t.value("symbol", std::string{});
      auto slash = symbol.find('/');
      auto pnl = decimal_at(t, "pnl_krw");
      if (slash != std::string::npos && pnl)
        total[symbol.substr(slash + 1)] += *pnl;
    }
  json totals = json::object();
  for (const auto& [quote, x] : total)
    totals[quote] = x.to_string();
  decimal rate;
  if (finished > 0)
    rate = decimal::div(decimal::from_int(completed),
                        decimal::from_int(finished))
             .value_or(decimal{});
  return {{"day", object_at(risk, "daily_pnl")},
          {"total", totals},
          {"funding", object_at(funding, "funding_pnl")},
          {"trades", count},
          {"completed", completed},
          {"success_rate", rate.to_string()}};
}

json event_item(const event& e) {
  return {{"type", to_string(e.type)},
          {"source", e.source},
          {"ts_ns", e.ts_ns},
          {"correlation_id", e.correlation_id},
          {"data", parsed_data(e.data)}};
}

bool is_alert(event_type t) {
  return t == event_type::risk_alert || t == event_type::risk_limit_breach
         || t == event_type::emergency_stop;
}

bool is_market_data(event_type t) {
  return t == event_type::orderbook_update || t == event_type::trade_update
         || t == event_type::price_update;
}

bool changes_trading(event_type t) {
  switch (t) {
    case event_type::order_created:
    case event_type::order_filled:
    case event_type::order_cancelled:
    case event_type::order_rejected:
    case event_type::position_opened:
    case event_type::position_closed:
    case event_type::position_updated:
      return true;
    default:
      return false;
  }
}

bool opportunity_board::apply(const event& e, int64_t steady_ms,
                              int64_t wall_ms) {
  if (e.type != event_type::arbitrage_opportunity_found
      && e.type != event_type::arbitrage_opportunity_expired)
    return false;
  auto data = parsed_data(e.data);
  auto id = data.is_object() && data.contains("id") && data["id"].is_string()
              ? data["id"].get<std::string>()
              : e.correlation_id;
  if (id.empty())
    return false;
  if (e.type == event_type::arbitrage_opportunity_expired)
    return live_.erase(id) > 0;
  entry x;
  x.rate = profit_rate(data);
  x.found_steady_ms = steady_ms;
  x.item = {{"id", id},
            {"source", e.source},
            {"profit_rate", x.rate ? json(x.rate->to_string()) : json(nullptr)},
            {"found_ms", wall_ms},
            {"expires_ms", wall_ms + ttl_ms_},
            {"data", data}};
  live_[id] = std::move(x);
  return true;
}

bool opportunity_board::expire(int64_t steady_ms) {
  auto before = live_.size();
  std::erase_if(live_, [&](const auto& kv) {
    return steady_ms - kv.second.found_steady_ms >= ttl_ms_;
  });
  return live_.size() != before;
}

json opportunity_board::to_json() const {
  std::vector<const entry*> ranked;
  for (const auto& [id, x] : live_)
    ranked.push_back(&x);
  // Best rate first; without a rate last; the newer first on a tie.
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const entry* l, const entry* r) {
                     if (l->rate.has_value() != r->rate.has_value())
                       return l->rate.has_value();
                     if (l->rate && *l->rate != *r->rate)
                       return *l->rate > *r->rate;
                     return l->found_steady_ms > r->found_steady_ms;
                   });
  json items = json::array();
  for (size_t i = 0; i < ranked.size() && i < max_items_; ++i)
    items.push_back(ranked[i]->item);
  return {{"items", items}};
}

} // namespace karb::api
