#include "tools/karb-sim/by_venue.hpp"

#include <algorithm>

#include "tools/karb-sim/binance_rules.hpp"
#include "tools/karb-sim/by_json.hpp"
#include "tools/karb-sim/perp_ledger.hpp"

namespace karb::sim {

const char* to_string(by_cat c) {
  return c == by_cat::spot ? "spot" : "linear";
}

venue_kind engine_kind(by_cat c) {
  return c == by_cat::spot ? venue_kind::binance_spot
                           : venue_kind::binance_usdm;
}

namespace {

int decimals_of(decimal unit) {
  auto s = unit.to_string();
  auto dot = s.find('.');
  return dot == std::string::npos ? 0 : static_cast<int>(s.size() - dot - 1);
}

} // namespace

by_digits by_digits_for(by_cat c, size_t m) {
  auto r = binance_rules(engine_kind(c), markets()[m]);
  return {decimals_of(r.tick), decimals_of(r.step)};
}

bybit_venue::bybit_venue(size_t index, uint64_t seed, time_ms start)
  : spot(venue_kind::binance_spot, index, seed, start),
    linear(venue_kind::binance_usdm, index, seed + 1, start),
    index_(index) {
  rng ids(seed * 7411 + index);
  auto& specs = markets();
  for (size_t m = 0; m < specs.size(); ++m) {
    auto price = to_usdt(specs[m].start_price);
    rng r(seed * 131 + m);
    linear_books.push_back(generate_book(r, venue_kind::binance_usdm, specs[m],
                                         price, start));
    linear_tapes.emplace_back(binance_symbol(specs[m]), price, start);
    linear_published.push_back(0);
    auto symbol = binance_symbol(specs[m]);
    spot_feed.emplace_back("spot", symbol, by_digits_for(by_cat::spot, m),
                           false, ids.range(1'000'000'000, 9'000'000'000));
    linear_feed.emplace_back("linear", symbol, by_digits_for(by_cat::linear, m),
                             true, ids.range(1'000'000'000, 9'000'000'000));
  }
}

void bybit_venue::load_accounts(const nlohmann::json& list) {
  nlohmann::json spot_list = nlohmann::json::array();
  nlohmann::json linear_list = nlohmann::json::array();
  for (auto& entry : list) {
    auto s = entry;
    s["maker"] = entry.value("spot_maker", std::string{"0.001"});
    s["taker"] = entry.value("spot_taker", std::string{"0.001"});
    spot_list.push_back(s);
    auto l = entry;
    l["maker"] = entry.value("linear_maker", std::string{"0.0002"});
    l["taker"] = entry.value("linear_taker", std::string{"0.00055"});
    linear_list.push_back(l);
  }
  spot.load_accounts(spot_list);
  linear.load_accounts(linear_list);
  for (auto& entry : list) {
    auto key = entry.at("access_key").get<std::string>();
    auto* s = spot.eng.find_account(key);
    auto& usdt = s->balances["USDT"];
    seen_[key] = {usdt.free + usdt.locked,
                  linear.eng.find_account(key)->perp.wallet};
  }
}

bn_account* bybit_venue::account(by_cat c, std::string_view key) {
  return cat(c).eng.find_account(key);
}

void bybit_venue::sync() {
  for (auto& [key, seen] : seen_) {
    auto* s = spot.eng.find_account(key);
    auto* l = linear.eng.find_account(key);
    if (!s || !l)
      continue;
    auto& usdt = s->balances["USDT"];
    auto ds = usdt.free + usdt.locked - seen.spot_total;
    auto dw = l->perp.wallet - seen.wallet;
    usdt.free += dw;
    l->perp.wallet += ds;
    seen = {usdt.free + usdt.locked, l->perp.wallet};
  }
}

void bybit_venue::step(const price_model& model, rng& random,
                       std::vector<book>& spot_books,
                       std::vector<tape>& spot_tapes, time_ms now,
                       double trade_prob) {
  auto& specs = markets();
  auto one = [&](binance_venue& bv, venue_kind k, book& b, tape& t, size_t m) {
    b = generate_book(random, k, specs[m], bv.mid(model, m), now);
    bv.eng.match_resting(m, b, t, now);
    if (random.unit() < trade_prob) {
      bool taker_ask = random.unit() < 0.5;
      auto price = taker_ask ? b.best_bid() : b.best_ask();
      auto step = binance_rules(k, specs[m]).step;
      auto size = decimal::from_raw(random.range(step.raw, step.raw * 20));
      t.record(now, price, size, taker_ask);
    }
    t.touch(now);
  };
  for (size_t m = 0; m < specs.size(); ++m) {
    one(spot, venue_kind::binance_spot, spot_books[m], spot_tapes[m], m);
    one(linear, venue_kind::binance_usdm, linear_books[m], linear_tapes[m], m);
  }
  spot.after_step(model, now);
  linear.after_step(model, now);
  sync();
}

std::map<std::string, std::string>
bybit_venue::ticker_fields(by_cat c, size_t m, const book& b,
                           const tape& t) const {
  auto d = by_digits_for(c, m);
  auto& k = t.ticker();
  std::map<std::string, std::string> f;
  f["lastPrice"] = d.p(k.trade_price);
  f["highPrice24h"] = d.p(k.high_price);
  f["lowPrice24h"] = d.p(k.low_price);
  f["prevPrice24h"] = d.p(k.prev_closing_price);
  f["volume24h"] = k.acc_trade_volume.to_string();
  f["turnover24h"] = std::to_string(k.acc_trade_price);
  f["price24hPcnt"] = fixed(k.signed_change_rate(), 4);
  if (!b.bids.empty()) {
    f["bid1Price"] = d.p(b.bids[0].price);
    f["bid1Size"] = d.q(b.bids[0].size);
  }
  if (!b.asks.empty()) {
    f["ask1Price"] = d.p(b.asks[0].price);
    f["ask1Size"] = d.q(b.asks[0].size);
  }
  if (c == by_cat::spot) {
    f["usdIndexPrice"] = linear.index_price[m].to_string();
    return f;
  }
  f["markPrice"] = d.p(linear.mark_price[m]);
  f["indexPrice"] = d.p(linear.index_price[m]);
  f["fundingRate"] = linear.rate[m].to_string();
  f["nextFundingTime"] = std::to_string(linear.next_funding);
  f["fundingIntervalHour"] = "8";
  f["fundingCap"] = funding_cap.to_string();
  f["openInterest"] = "0";
  f["openInterestValue"] = "0";
  f["prevPrice1h"] = d.p(k.prev_closing_price);
  f["basis"] = "";
  f["basisRate"] = "";
  f["deliveryTime"] = "0";
  f["deliveryFeeRate"] = "";
  f["predictedDeliveryPrice"] = "";
  return f;
}

std::shared_ptr<const by_feed>
bybit_venue::feed(size_t m, const book& spot_book,
                  const std::vector<trade_print>& spot_prints,
                  const tape& spot_tape, time_ms now, bool stale,
                  bool malformed) {
  auto out = std::make_shared<by_feed>();
  std::vector<trade_print> lin;
  for (auto& p : linear_tapes[m].recent())
    if (p.sequential_id > linear_published[m])
      lin.push_back(p);
  if (!lin.empty())
    linear_published[m] = lin.back().sequential_id;
  if (stale)
    return out;
  out->spot = spot_feed[m].step(spot_book, spot_prints,
                                ticker_fields(by_cat::spot, m, spot_book,
                                              spot_tape),
                                now, malformed);
  out->linear = linear_feed[m].step(
    linear_books[m], lin,
    ticker_fields(by_cat::linear, m, linear_books[m], linear_tapes[m]), now,
    malformed);
  return out;
}

std::optional<std::string> bybit_venue::snapshot(by_cat c,
                                                 const std::string& topic,
                                                 time_ms now) const {
  auto& feeds = c == by_cat::spot ? spot_feed : linear_feed;
  for (auto& f : feeds)
    if (auto s = f.snapshot(topic, now))
      return s;
  return std::nullopt;
}

void bybit_venue::settle_funding(time_ms now) {
  linear.settle_funding(now);
  sync();
}

by_limit_verdict bybit_venue::take(const std::string& account,
                                   const std::string& endpoint, int per_sec,
                                   time_ms now, bool enabled) {
  auto& [second, count] = used_[account + "|" + endpoint];
  if (second != now / 1000) {
    second = now / 1000;
    count = 0;
  }
  ++count;
  by_limit_verdict v;
  v.limit = per_sec;
  v.remaining = std::max(0, per_sec - count);
  v.reset_at = (second + 1) * 1000;
  v.ok = !enabled || count <= per_sec;
  return v;
}

bool bybit_venue::link_id_used(const std::string& account, by_cat c,
                               const std::string& id) const {
  return link_ids_.count(account + "|" + to_string(c) + "|" + id) > 0;
}

void bybit_venue::use_link_id(const std::string& account, by_cat c,
                              const std::string& id) {
  link_ids_.insert(account + "|" + to_string(c) + "|" + id);
}

void bybit_venue::amended(by_cat c, const bn_order& o, time_ms) {
  amend_events.emplace_back(c, o);
}

std::vector<by_private> bybit_venue::take_private(time_ms) {
  std::vector<by_private> out;
  std::set<std::string> wallets;
  auto order_push = [&](by_cat c, const bn_order& o) {
    out.push_back({o.account, "order", to_string(c),
                   ojson::array({by_order_json(c, o)})});
  };
  for (auto c : {by_cat::spot, by_cat::linear}) {
    auto& eng = cat(c).eng;
    for (auto& e : eng.take_order_events()) {
      auto o = e.snapshot;
      if (auto i = eng.orders().find(o.id); i != eng.orders().end()) {
        o.client_id = i->second.client_id; // "" when none was given
        for (auto& f : i->second.fills)
          if (!e.fill || f.trade_id <= e.fill->trade_id)
            o.fills.push_back(f);
      }
      if (e.fill)
        out.push_back({o.account, "execution", to_string(c),
                       ojson::array({by_execution_json(c, o, *e.fill)})});
      order_push(c, o);
    }
    for (auto& e : eng.take_account_events()) {
      wallets.insert(e.account);
      if (c != by_cat::linear)
        continue;
      auto* a = eng.find_account(e.account);
      ojson data = ojson::array();
      for (auto& symbol : e.items)
        if (binance_market_index(symbol) >= 0)
          data.push_back(by_position_json(*this, *a, symbol));
      if (!data.empty())
        out.push_back({e.account, "position", "linear", std::move(data)});
    }
  }
  for (auto& [c, o] : std::exchange(amend_events, {}))
    order_push(c, o);
  for (auto& key : wallets)
    out.push_back({key, "wallet", "", ojson::array({by_wallet_json(*this, key)})});
  return out;
}

std::string bybit_venue::next_conn_id() {
  return "karb-sim-" + std::to_string(index_) + "-" + std::to_string(++conn_);
}

std::optional<std::string>
bybit_venue::add_book_fault(const std::string& kind, const std::string& c,
                            const std::string& symbol, int n) {
  if (kind != "reset" && kind != "gap")
    return "unknown book fault \"" + kind + "\"";
  if (!c.empty() && c != "spot" && c != "linear")
    return "category must be spot or linear";
  if (!symbol.empty() && binance_market_index(symbol) < 0)
    return "unknown symbol \"" + symbol + "\"";
  for (auto* feeds : {&spot_feed, &linear_feed}) {
    if (!c.empty() && (c == "spot") != (feeds == &spot_feed))
      continue;
    for (auto& f : *feeds)
      if (symbol.empty() || f.symbol() == symbol)
        for (int k = 0; k < n; ++k)
          kind == "reset" ? f.add_reset() : f.add_gap();
  }
  return std::nullopt;
}

void bybit_venue::clear_book_faults() {
  for (auto* feeds : {&spot_feed, &linear_feed})
    for (auto& f : *feeds)
      f.clear();
}

nlohmann::json bybit_venue::state(const price_model&, time_ms now) const {
  auto& self = const_cast<bybit_venue&>(*this);
  nlohmann::json j;
  j["accounts"] = nlohmann::json::object();
  for (auto& [key, seen] : seen_) {
    auto* s = self.spot.eng.find_account(key);
    auto* l = self.linear.eng.find_account(key);
    nlohmann::json ja;
    for (auto& [asset, b] : s->balances)
      ja["spot"][asset] = {{"free", b.free.to_string()},
                           {"locked", b.locked.to_string()}};
    ja["wallet"] = l->perp.wallet.to_string();
    ja["available"] = available_balance(l->perp, linear.eng.marks(),
                                        linear.eng.open_order_margin(*l))
                        .to_string();
    ja["unified"] = nlohmann::json::parse(by_wallet_json(self, key).dump());
    ja["positions"] = nlohmann::json::object();
    for (auto& [symbol, p] : l->perp.positions)
      ja["positions"][symbol] =
        nlohmann::json::parse(by_position_json(*this, *l, symbol).dump());
    j["accounts"][key] = std::move(ja);
  }
  j["orders"] = nlohmann::json::array();
  for (auto c : {by_cat::spot, by_cat::linear})
    for (auto& [id, o] : self.cat(c).eng.orders())
      if (o.open()) {
        auto jo = nlohmann::json::parse(by_order_json(c, o).dump());
        jo["category"] = to_string(c);
        jo["account"] = o.account;
        j["orders"].push_back(std::move(jo));
      }
  auto& specs = markets();
  for (size_t m = 0; m < specs.size(); ++m) {
    auto symbol = binance_symbol(specs[m]);
    j["linear"][symbol] = {
      {"best_bid", linear_books[m].best_bid().to_string()},
      {"best_ask", linear_books[m].best_ask().to_string()},
      {"mark", linear.mark_price[m].to_string()},
      {"index", linear.index_price[m].to_string()},
      {"rate", linear.rate[m].to_string()},
    };
    j["update_ids"]["spot"][symbol] = spot_feed[m].deep().u;
    j["update_ids"]["linear"][symbol] = linear_feed[m].deep().u;
    j["book_faults"]["spot"][symbol] = {{"reset", spot_feed[m].resets()},
                                        {"gap", spot_feed[m].gaps()}};
    j["book_faults"]["linear"][symbol] = {{"reset", linear_feed[m].resets()},
                                          {"gap", linear_feed[m].gaps()}};
  }
  auto ledger = linear.perp_state();
  j["funding"] = {{"next_funding_time", linear.next_funding},
                  {"settlements", linear.funding_history.size()},
                  {"payments", ledger["payments"]}};
  j["liquidations"] = ledger["liquidations"];
  (void)now;
  return j;
}

} // namespace karb::sim
