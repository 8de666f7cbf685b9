#include "actors/api/publisher_plan.hpp"

#include <algorithm>

#include "exchanges/registry.hpp"

namespace karb::api {

namespace {

/// "book:upbit:KRW-BTC", the same name the inspector gives the book.
std::string book_topic(const instrument& x) {
  return "book:" + to_string(x.venue) + ":" + x.venue_symbol;
}

struct leg {
  instrument symbol;
  decimal taker;
};

} // namespace

publisher_plan plan_from(const config::settings& cfg) {
  publisher_plan out;
  auto have_book = [&](const std::string& topic) {
    return std::any_of(out.books.begin(), out.books.end(),
                       [&](const auto& b) { return b.topic == topic; });
  };
  auto have_spread = [&](const std::string& topic) {
    return std::any_of(out.spreads.begin(), out.spreads.end(),
                       [&](const auto& s) { return s.topic == topic; });
  };
  for (const auto& st : cfg.strategies) {
    if (!st.enabled)
      continue;
    for (const auto& base : st.symbols) {
      std::vector<leg> legs;
      for (const auto& name : st.venues) {
        const auto* v = cfg.find_venue(name);
        if (!v || !v->enabled)
          continue;
        auto x = venue::instrument_on(v->venue, base, st.quote);
        legs.push_back({x, v->fees.taker});
        auto topic = book_topic(x);
        if (!have_book(topic))
          out.books.push_back({topic,
                               {"book", to_string(x.venue),
                                x.base + "/" + x.quote, "--depth", "10"}});
      }
      for (size_t i = 0; i < legs.size(); ++i)
        for (size_t j = i + 1; j < legs.size(); ++j) {
          watched_spread s;
          s.a = to_string(legs[i].symbol.venue);
          s.b = to_string(legs[j].symbol.venue);
          s.base = base;
          s.topic = "spread:" + s.a + "-" + s.b + ":" + base;
          s.book_a = book_topic(legs[i].symbol);
          s.book_b = book_topic(legs[j].symbol);
          auto rate = legs[i].taker + legs[j].taker + st.min_profit_rate;
          s.threshold_bp = decimal::mul(rate, decimal::from_int(10'000))
                             .value_or(decimal{});
          if (!have_spread(s.topic))
            out.spreads.push_back(std::move(s));
        }
    }
  }
  return out;
}

} // namespace karb::api
