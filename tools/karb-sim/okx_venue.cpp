#include "tools/karb-sim/okx_venue.hpp"

#include <cmath>

#include "tools/karb-sim/binance_rules.hpp"
#include "tools/karb-sim/okx_json.hpp"

namespace karb::sim {

namespace {

decimal pow10(int e) {
  decimal d = decimal::from_int(1);
  for (; e > 0; --e)
    d = dmul(d, decimal::from_int(10));
  for (; e < 0; ++e)
    d = ddiv(d, decimal::from_int(10));
  return d;
}

/// Base per contract: BTC 0.01, ETH 0.1 (OKX's), XRP 100 (guessed, OKX's
/// order of magnitude); others a power of ten worth about 1-10 USDT, at
/// least the USD-M step.
decimal contract_value(const std::string& base, decimal price, decimal step) {
  if (base == "BTC")
    return dec("0.01");
  if (base == "ETH")
    return dec("0.1");
  if (base == "XRP")
    return decimal::from_int(100);
  auto ct = pow10(static_cast<int>(std::floor(std::log10(10.0 / price.to_double()))));
  return ct < step ? step : ct;
}

std::string wrap(const std::string& channel, const std::string& inst_id,
                 const std::string& data, const char* action = nullptr) {
  std::string out = "{\"arg\":{\"channel\":\"" + channel + "\",\"instId\":\""
                    + inst_id + "\"}";
  if (action)
    out += std::string{",\"action\":\""} + action + "\"";
  out += ",\"data\":[" + data + "]}";
  return out;
}

} // namespace

const std::vector<okx_inst>& okx_instruments() {
  static std::vector<okx_inst> cache;
  static size_t built_for = 0;
  if (built_for == markets().size() && !cache.empty())
    return cache;
  cache.clear();
  for (int swap = 0; swap < 2; ++swap)
    for (size_t m = 0; m < markets().size(); ++m) {
      auto r = binance_rules(swap ? venue_kind::binance_usdm
                                  : venue_kind::binance_spot,
                             markets()[m]);
      okx_inst i;
      i.base = r.base;
      i.symbol = r.symbol;
      i.swap = swap != 0;
      i.market = m;
      i.inst_id = r.base + "-USDT" + (swap ? "-SWAP" : "");
      i.tick = r.tick;
      if (i.swap) {
        i.ct_val = contract_value(r.base, to_usdt(markets()[m].start_price),
                                  r.step);
        i.lot = ddiv(r.step, i.ct_val);
        if (i.lot.is_zero())
          i.lot = decimal::from_raw(1);
      } else {
        i.ct_val = decimal::from_int(1);
        i.lot = r.step;
      }
      i.min_sz = i.lot;
      cache.push_back(std::move(i));
    }
  built_for = markets().size();
  return cache;
}

const okx_inst* find_okx_inst(std::string_view inst_id) {
  for (auto& i : okx_instruments())
    if (i.inst_id == inst_id)
      return &i;
  return nullptr;
}

const okx_inst& okx_inst_of(size_t m, bool swap) {
  return okx_instruments()[m + (swap ? markets().size() : 0)];
}

std::vector<okx_level> okx_levels(const std::vector<price_level>& side,
                                  const okx_inst& inst) {
  std::vector<okx_level> out;
  out.reserve(side.size());
  for (auto& l : side) {
    auto sz = inst.swap ? ddiv(l.size, inst.ct_val) : l.size;
    // orders at the level: 1-4, a function of the level (deterministic)
    auto count = 1 + (l.size.raw / 1000 + l.price.raw / 100) % 4;
    out.push_back({l.price, okx_num(l.price), okx_num(sz), std::to_string(count)});
  }
  return out;
}

okx_venue::okx_venue(size_t index, uint64_t seed, time_ms start)
  : spot(venue_kind::binance_spot, index, seed, start),
    swap(venue_kind::binance_usdm, index, seed + 1, start),
    next_ord_id(static_cast<int64_t>(680'800'000'000'000'000LL
                                     + (seed % 1000) * 1'000'000'000LL)) {
  rng r(seed * 6151 + index + 11);
  rng books(seed * 7477 + index);
  for (size_t m = 0; m < markets().size(); ++m) {
    auto& spec = markets()[m];
    auto price = dmul(to_usdt(spec.start_price),
                      *decimal::from_double(1.0 + perp_basis_bp * 1e-4));
    swap_books.push_back(generate_book(books, venue_kind::binance_usdm, spec,
                                       price, start));
    swap_tapes.emplace_back(okx_inst_of(m, true).inst_id, price, start);
    swap_published.push_back(0);
    for (int s = 0; s < 2; ++s)
      seqs.emplace(okx_inst_of(m, s != 0).inst_id,
                   okx_book_seq(r.range(1'000'000'000, 9'000'000'000)));
  }
}

void okx_venue::load_accounts(const nlohmann::json& list) {
  for (auto& entry : list) {
    bn_account a;
    a.api_key = entry.at("access_key").get<std::string>();
    a.secret = entry.at("secret_key").get<std::string>();
    okx_key_info info;
    info.passphrase = entry.value("passphrase", std::string{});
    auto s = a, w = a;
    s.maker_fee = dec(entry.value("maker", "0.0008"));
    s.taker_fee = dec(entry.value("taker", "0.001"));
    w.maker_fee = dec(entry.value("swap_maker", "0.0002"));
    w.taker_fee = dec(entry.value("swap_taker", "0.0005"));
    for (auto& [asset, amount] : entry.at("balances").items()) {
      auto text = amount.is_string() ? amount.get<std::string>() : amount.dump();
      auto d = decimal::parse_exact(text);
      if (!d || d->is_negative())
        throw std::runtime_error("accounts: bad balance for " + asset);
      s.balances[asset].free = *d;
      if (asset == "USDT")
        w.perp.wallet = *d;
    }
    info.spot_cash = s.balances["USDT"].free;
    info.wallet = w.perp.wallet;
    keys[a.api_key] = info;
    spot.eng.add_account(std::move(s));
    swap.eng.add_account(std::move(w));
  }
}

bool okx_venue::has_account(const std::string& key) const {
  return keys.count(key) != 0;
}

const bn_account* okx_venue::account(const std::string& key) const {
  auto i = spot.eng.accounts().find(key);
  return i == spot.eng.accounts().end() ? nullptr : &i->second;
}

const okx_key_info* okx_venue::key_info(const std::string& key) const {
  auto i = keys.find(key);
  return i == keys.end() ? nullptr : &i->second;
}

void okx_venue::sync() {
  for (auto& [key, info] : keys) {
    auto* s = spot.eng.find_account(key);
    auto* w = swap.eng.find_account(key);
    if (!s || !w)
      continue;
    auto& usdt = s->balances["USDT"];
    auto spot_delta = usdt.free + usdt.locked - info.spot_cash;
    auto swap_delta = w->perp.wallet - info.wallet;
    usdt.free += swap_delta;
    w->perp.wallet += spot_delta;
    info.spot_cash = usdt.free + usdt.locked;
    info.wallet = w->perp.wallet;
  }
}

void okx_venue::step(const price_model& model, time_ms now, double trade_prob,
                     rng& random, std::vector<book>& spot_books,
                     std::vector<tape>& spot_tapes) {
  auto& specs = markets();
  for (size_t m = 0; m < specs.size(); ++m) {
    for (int s = 0; s < 2; ++s) {
      bool is_swap = s != 0;
      auto& b = is_swap ? swap_books[m] : spot_books[m];
      auto& t = is_swap ? swap_tapes[m] : spot_tapes[m];
      auto& side = is_swap ? swap : spot;
      b = generate_book(random,
                        is_swap ? venue_kind::binance_usdm : venue_kind::binance_spot,
                        specs[m], side.mid(model, m), now);
      side.eng.match_resting(m, b, t, now);
      if (random.unit() < trade_prob) {
        bool taker_ask = random.unit() < 0.5;
        auto price = taker_ask ? b.best_bid() : b.best_ask();
        auto size = decimal::from_raw(
          random.range(specs[m].min_size.raw, specs[m].min_size.raw * 20));
        auto unit = is_swap ? dmul(okx_inst_of(m, true).ct_val,
                                   okx_inst_of(m, true).lot)
                            : specs[m].min_size;
        size = decimal::round_to(size, unit, rounding::down);
        if (size.is_zero())
          size = unit;
        t.record(now, price, size, taker_ask);
      }
      t.touch(now);
    }
  }
  swap.after_step(model, now);
  sync();
}

std::vector<trade_print> okx_venue::new_swap_prints(size_t m) {
  std::vector<trade_print> out;
  auto& recent = swap_tapes[m].recent();
  for (auto i = recent.rbegin(); i != recent.rend(); ++i) {
    if (i->sequential_id <= swap_published[m])
      break;
    out.push_back(*i);
  }
  std::reverse(out.begin(), out.end());
  if (!out.empty())
    swap_published[m] = out.back().sequential_id;
  return out;
}

std::shared_ptr<const okx_feed>
okx_venue::feed(size_t m, const book& spot_book,
                std::vector<trade_print> spot_prints, const tape& spot_tape,
                time_ms now, bool stale) {
  auto f = std::make_shared<okx_feed>();
  bool funding_due = m == 0 ? now / 1000 != last_funding_push_ / 1000
                            : funding_due_;
  if (m == 0) {
    funding_due_ = funding_due;
    last_funding_push_ = now;
  }
  for (int s = 0; s < 2; ++s) {
    bool is_swap = s != 0;
    auto& inst = okx_inst_of(m, is_swap);
    auto& b = is_swap ? swap_books[m] : spot_book;
    auto& t = is_swap ? swap_tapes[m] : spot_tape;
    if (!stale && !b.bids.empty() && !b.asks.empty()) {
      auto data = seqs.at(inst.inst_id)
                    .update(okx_levels(b.bids, inst), okx_levels(b.asks, inst),
                            b.timestamp);
      if (data)
        f->frames.push_back({"books", inst.inst_id,
                             wrap("books", inst.inst_id, *data, "update")});
    }
    auto prints = is_swap ? new_swap_prints(m) : std::move(spot_prints);
    for (auto& p : prints)
      f->frames.push_back({"trades", inst.inst_id,
                           wrap("trades", inst.inst_id,
                                okx_trade_json(inst, p).dump())});
    if (!b.bids.empty() && !b.asks.empty())
      f->frames.push_back({"tickers", inst.inst_id,
                           wrap("tickers", inst.inst_id,
                                okx_ticker_json(inst, t, b, now).dump())});
    if (is_swap) {
      f->frames.push_back({"mark-price", inst.inst_id,
                           wrap("mark-price", inst.inst_id,
                                okx_mark_json(*this, m, now).dump())});
      if (funding_due)
        f->frames.push_back({"funding-rate", inst.inst_id,
                             wrap("funding-rate", inst.inst_id,
                                  okx_funding_json(*this, m, now).dump())});
    }
  }
  return f;
}

std::string okx_venue::book_snapshot(const std::string& inst_id) const {
  auto i = seqs.find(inst_id);
  if (i == seqs.end() || !i->second.ready())
    return {};
  return wrap("books", inst_id, i->second.snapshot(), "snapshot");
}

void okx_venue::add_book_fault(const std::string& inst_id, bool checksum,
                               int count) {
  for (auto& [id, s] : seqs)
    if (inst_id.empty() || id == inst_id)
      (checksum ? s.bad_checksums : s.gaps) += count;
}

void okx_venue::clear_book_faults() {
  for (auto& [id, s] : seqs)
    s.bad_checksums = s.gaps = 0;
}

std::map<std::pair<bool, int64_t>, std::string>::iterator
okx_venue::adopt_liquidation(const bn_order& leg) {
  auto& inst = okx_inst_of(leg.market, true);
  okx_order o;
  o.ord_id = std::to_string(next_ord_id++);
  o.inst_id = inst.inst_id;
  o.account = leg.account;
  o.ord_type = "market";
  o.category = "full_liquidation";
  o.td_mode = "cross";
  o.side = leg.buy ? "buy" : "sell";
  o.swap = true;
  o.reduce_only = true;
  o.sz = ddiv(leg.orig_qty, inst.ct_val);
  o.px = leg.price;
  o.legs = {leg.id};
  o.c_time = o.u_time = leg.time;
  auto id = o.ord_id;
  orders.emplace(id, std::move(o));
  return by_leg.emplace(std::pair{true, leg.id}, id).first;
}

std::vector<okx_venue::push> okx_venue::take_private(time_ms now) {
  std::vector<push> out;
  std::set<std::string> accounts;
  std::map<std::string, std::set<std::string>> position_changes;
  for (int s = 0; s < 2; ++s) {
    bool is_swap = s != 0;
    auto& eng = is_swap ? swap.eng : spot.eng;
    for (auto& e : eng.take_order_events()) {
      std::pair<bool, int64_t> leg_key{is_swap, e.snapshot.id};
      if (e.exec_type == "CANCELED" && silent.count(leg_key))
        continue;
      auto i = by_leg.find(leg_key);
      if (i == by_leg.end() && is_swap
          && e.snapshot.type == bn_liquidation_type)
        i = adopt_liquidation(e.snapshot);
      if (i == by_leg.end())
        continue;
      auto& o = orders.at(i->second);
      auto data = okx_order_json(*this, o, e.fill ? &*e.fill : nullptr);
      // the state at this event, not the order's latest
      auto st = e.snapshot.status;
      data["state"] = st == bn_status::new_order ? "live"
                      : st == bn_status::partially_filled ? "partially_filled"
                      : st == bn_status::filled ? "filled"
                      : "canceled";
      if (e.exec_type == "TRADE" && st == bn_status::filled)
        data["state"] = "filled";
      data["uTime"] = std::to_string(e.at);
      out.push_back({o.account, "orders", is_swap ? "SWAP" : "SPOT", o.inst_id,
                     "[" + data.dump() + "]"});
    }
    for (auto& e : eng.take_account_events()) {
      accounts.insert(e.account);
      if (is_swap)
        for (auto& sym : e.items)
          position_changes[e.account].insert(sym);
    }
  }
  for (auto& id : canceled_post_only) {
    auto& o = orders.at(id);
    out.push_back({o.account, "orders", o.swap ? "SWAP" : "SPOT", o.inst_id,
                   "[" + okx_order_json(*this, o).dump() + "]"});
  }
  canceled_post_only.clear();
  for (auto& key : accounts)
    out.push_back({key, "account", "", "",
                   "[" + okx_balance_json(*this, key, {}, now).dump() + "]"});
  for (auto& [key, symbols] : position_changes)
    for (auto& sym : symbols) {
      int m = binance_market_index(sym);
      if (m < 0)
        continue;
      auto& inst = okx_inst_of(static_cast<size_t>(m), true);
      out.push_back({key, "positions", "SWAP", inst.inst_id,
                     okx_positions_json(*this, key, inst.inst_id, now, true)
                       .dump()});
    }
  return out;
}

nlohmann::json okx_venue::state(time_ms now) const {
  auto& self = const_cast<okx_venue&>(*this);
  nlohmann::json accts = nlohmann::json::object();
  for (auto& [key, info] : keys)
    accts[key] = {
      {"balance", nlohmann::json::parse(okx_balance_json(*this, key, {}, now).dump())},
      {"positions", nlohmann::json::parse(
                      okx_positions_json(self, key, "", now).dump())}};
  nlohmann::json open = nlohmann::json::array();
  for (auto& [id, o] : orders) {
    auto e = exec_of(o);
    if (e.state == "live" || e.state == "partially_filled")
      open.push_back(nlohmann::json::parse(okx_order_json(*this, o).dump()));
  }
  nlohmann::json funding = {{"next_funding_time", swap.next_funding},
                            {"settlements", swap.funding_history.size()}};
  nlohmann::json marks = nlohmann::json::object();
  for (size_t m = 0; m < markets().size(); ++m)
    marks[okx_inst_of(m, true).inst_id] = {
      {"mark", swap.mark_price[m].to_string()},
      {"index", swap.index_price[m].to_string()},
      {"rate", swap.rate[m].to_string()},
      {"forced", swap.forced_rate[m].has_value()}};
  funding["instruments"] = marks;
  auto ledger = swap.perp_state();
  funding["payments"] = ledger["payments"];
  nlohmann::json seq = nlohmann::json::object();
  for (auto& [id, s] : seqs)
    seq[id] = {{"seqId", s.seq_id()}, {"gaps_pending", s.gaps},
               {"bad_checksums_pending", s.bad_checksums}};
  return {{"accounts", accts}, {"orders", open}, {"funding", funding},
          {"books", seq}, {"liquidations", ledger["liquidations"]}};
}

} // namespace karb::sim
