#include "tools/karb-sim/venue.hpp"

#include <algorithm>

namespace karb::sim {

venue::venue(venue_kind k, size_t i, uint64_t seed, time_ms start)
  : kind(k),
    index(i),
    random(seed * 0x9e3779b97f4a7c15ULL + 17 * (i + 1)),
    eng(k, seed * 31 + 1000 * (i + 1)),
    auth(k) {
  if (is_binance(k))
    bn = std::make_unique<binance_venue>(k, i, seed, start);
  if (is_okx(k))
    ok = std::make_unique<okx_venue>(i, seed, start);
  if (is_bybit(k))
    by = std::make_unique<bybit_venue>(i, seed, start);
  for (auto& m : markets()) {
    auto price = bn || ok || by ? to_usdt(m.start_price) : m.start_price;
    books.push_back(generate_book(random,
                                  ok || by ? venue_kind::binance_spot : k, m,
                                  price, start));
    tapes.emplace_back(m.code, price, start);
    published_seq.push_back(0);
  }
}

void venue::step(const price_model& model, time_ms now, double trade_prob) {
  if (ok)
    return ok->step(model, now, trade_prob, random, books, tapes);
  if (by)
    return by->step(model, random, books, tapes, now, trade_prob);
  auto& specs = markets();
  for (size_t m = 0; m < specs.size(); ++m) {
    auto& t = tapes[m];
    auto before = bn ? books[m] : book{};
    auto mid = bn ? bn->mid(model, m) : model.mid(index, m);
    books[m] = generate_book(random, kind, specs[m], mid, now);
    if (bn)
      bn->eng.match_resting(m, books[m], t, now);
    else
      eng.match_resting(books[m], t, now);
    if (random.unit() < trade_prob) {
      bool taker_ask = random.unit() < 0.5;
      auto& b = books[m];
      auto price = taker_ask ? b.best_bid() : b.best_ask();
      auto size = decimal::from_raw(
        random.range(specs[m].min_size.raw, specs[m].min_size.raw * 20));
      size = decimal::round_to(size, specs[m].min_size, rounding::down);
      t.record(now, price, size, taker_ask);
    }
    t.touch(now);
    if (bn)
      bn->depth[m].changed(before, books[m]);
  }
  if (bn)
    bn->after_step(model, now);
}

std::vector<trade_print> venue::new_prints(size_t m) {
  std::vector<trade_print> out;
  auto& recent = tapes[m].recent();
  for (auto i = recent.rbegin(); i != recent.rend(); ++i) {
    if (i->sequential_id <= published_seq[m])
      break;
    out.push_back(*i);
  }
  std::reverse(out.begin(), out.end());
  if (!out.empty())
    published_seq[m] = out.back().sequential_id;
  return out;
}

book* venue::find_book(std::string_view code) {
  auto i = market_index(code);
  return i < 0 ? nullptr : &books[static_cast<size_t>(i)];
}

tape* venue::find_tape(std::string_view code) {
  auto i = market_index(code);
  return i < 0 ? nullptr : &tapes[static_cast<size_t>(i)];
}

} // namespace karb::sim
