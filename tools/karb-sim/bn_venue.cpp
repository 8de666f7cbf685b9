#include "tools/karb-sim/bn_venue.hpp"

#include "tools/karb-sim/bn_events.hpp"
#include "tools/karb-sim/bn_json.hpp"

namespace karb::sim {

binance_venue::binance_venue(venue_kind k, size_t index, uint64_t seed,
                             time_ms start)
  : kind(k),
    eng(k, seed * 977 + 31 * (index + 1)),
    limiter(weight_limits_for(k)),
    index_(index),
    start_(start),
    key_rng_(seed * 7919 + index + 3) {
  rng ids(seed * 104729 + index);
  for (size_t m = 0; m < markets().size(); ++m) {
    depth.emplace_back(ids.range(1'000'000'000, 9'000'000'000));
    gaps.push_back(0);
    index_price.push_back(to_usdt(markets()[m].start_price));
    mark_price.push_back(index_price.back());
    premium.push_back(decimal{});
    rate.push_back(interest_rate);
    forced_rate.emplace_back();
    extra_basis_bp.push_back(0);
    eng.set_mark(binance_symbol(markets()[m]), mark_price.back());
  }
  next_funding = (start / funding_interval_ms + 1) * funding_interval_ms;
}

void binance_venue::load_accounts(const nlohmann::json& list) {
  bool spot = kind == venue_kind::binance_spot;
  for (auto& entry : list) {
    bn_account a;
    a.api_key = entry.at("access_key").get<std::string>();
    a.secret = entry.at("secret_key").get<std::string>();
    a.maker_fee = dec(entry.value("maker", spot ? "0.001" : "0.0002"));
    a.taker_fee = dec(entry.value("taker", spot ? "0.001" : "0.0005"));
    for (auto& [asset, amount] : entry.at("balances").items()) {
      auto text = amount.is_string() ? amount.get<std::string>() : amount.dump();
      auto d = decimal::parse_exact(text);
      if (!d || d->is_negative())
        throw std::runtime_error("accounts: bad balance for " + asset);
      if (spot)
        a.balances[asset].free = *d;
      else if (asset == "USDT")
        a.perp.wallet = *d;
      // A funded account was last updated when it was funded: the
      // simulator's start (never 0, which Binance shows for an asset that
      // never moved, and which ccxt's USD-M balance parser skips).
      if (!d->is_zero() && (spot || asset == "USDT"))
        a.update_time = start_;
    }
    eng.add_account(std::move(a));
  }
}

decimal binance_venue::mid(const price_model& model, size_t m) const {
  auto usdt = to_usdt(model.mid(index_, m));
  if (kind != venue_kind::binance_usdm)
    return usdt;
  return dmul(usdt, *decimal::from_double(
                      1.0 + (perp_basis_bp + extra_basis_bp[m]) * 1e-4));
}

void binance_venue::after_step(const price_model& model, time_ms now) {
  mark_1s_due_ = now / 1000 != last_mark_ / 1000;
  mark_3s_due_ = now / 3000 != last_mark_ / 3000;
  last_mark_ = now;
  if (kind != venue_kind::binance_usdm)
    return;
  auto w = *decimal::from_double(premium_ema_weight);
  for (size_t m = 0; m < index_price.size(); ++m) {
    index_price[m] = to_usdt(model.fair(m));
    auto now_premium = ddiv(mid(model, m), index_price[m]) - decimal::from_int(1);
    premium[m] += dmul(now_premium - premium[m], w);
    mark_price[m] = dmul(index_price[m], decimal::from_int(1) + premium[m]);
    rate[m] = forced_rate[m].value_or(funding_rate(premium[m]));
    eng.set_mark(binance_symbol(markets()[m]), mark_price[m]);
  }
  liquidate(now);
  if (now >= next_funding)
    settle_funding(now);
}

void binance_venue::force_rate(size_t m, std::optional<decimal> forced) {
  forced_rate[m] = forced;
  rate[m] = forced.value_or(funding_rate(premium[m]));
}

void binance_venue::liquidate(time_ms now) {
  for (auto& x : eng.liquidate(now))
    liquidations.push_back(std::move(x));
}

void binance_venue::settle_funding(time_ms now) {
  for (size_t m = 0; m < index_price.size(); ++m) {
    auto symbol = binance_symbol(markets()[m]);
    eng.settle_funding(symbol, rate[m], mark_price[m], now);
    funding_history.push_back({symbol, rate[m], mark_price[m], now});
  }
  next_funding += funding_interval_ms;
  if (next_funding <= now) // the clock jumped: the next boundary after now
    next_funding = (now / funding_interval_ms + 1) * funding_interval_ms;
}

std::shared_ptr<const bn_feed>
binance_venue::feed(size_t m, const book& b, std::vector<trade_print> prints,
                    time_ms now, bool stale, bool crossed, bool malformed) {
  auto f = std::make_shared<bn_feed>();
  f->symbol = binance_symbol(markets()[m]);
  f->at = now;
  f->trades = std::move(prints);
  f->malformed = malformed;
  if (!stale && !b.bids.empty() && !b.asks.empty()) {
    f->depth = depth[m].emit(b);
    if (f->depth && gaps[m] > 0) {
      --gaps[m];
      f->depth.reset(); // swallowed: the next event skips its ids
    }
    f->has_ticker = true;
    f->ticker_id = depth[m].last_update_id();
    f->bid = b.bids[0];
    f->ask = b.asks[0];
    if (crossed)
      std::swap(f->bid.price, f->ask.price);
  }
  if (kind == venue_kind::binance_usdm) {
    f->mark_1s = mark_1s_due_;
    f->mark_3s = mark_3s_due_;
    f->mark = mark_price[m];
    f->index = index_price[m];
    f->rate = rate[m];
    f->next_funding = next_funding;
  }
  return f;
}

bn_result binance_venue::place(bn_account& a, const bn_order_request& req,
                              size_t m, book& b, tape& t, time_ms now,
                              decimal max_fill_ratio) {
  auto before = b;
  auto r = eng.place(a, req, b, t, now, max_fill_ratio);
  depth[m].changed(before, b);
  liquidate(now); // a fill may leave a position past its price
  return r;
}

std::vector<bn_private> binance_venue::take_private(time_ms now) {
  std::vector<bn_private> out;
  bool spot = kind == venue_kind::binance_spot;
  for (auto& e : eng.take_order_events())
    out.push_back({e.snapshot.account,
                   spot ? "executionReport" : "ORDER_TRADE_UPDATE", "",
                   spot ? execution_report(e) : order_trade_update(e)});
  for (auto& e : eng.take_account_events()) {
    auto* a = eng.find_account(e.account);
    if (!a)
      continue;
    out.push_back({e.account,
                   spot ? "outboundAccountPosition" : "ACCOUNT_UPDATE", "",
                   spot ? outbound_account_position(*a, e)
                        : account_update(eng, *a, e)});
  }
  for (auto& [key, k] : listen_keys_)
    if (!k.expired_sent && now >= k.expires) {
      k.expired_sent = true;
      out.push_back({k.account, "listenKeyExpired", key,
                     listen_key_expired(key, now)});
    }
  return out;
}

nlohmann::json binance_venue::perp_state() const {
  nlohmann::json out = {{"payments", nlohmann::json::array()},
                        {"liquidations", nlohmann::json::array()}};
  for (auto& [key, a] : eng.accounts())
    for (auto& r : a.perp.income)
      if (r.type == "FUNDING_FEE")
        out["payments"].push_back({{"account", key},
                                   {"symbol", r.symbol},
                                   {"amount", r.income.to_string()},
                                   {"time", r.time},
                                   {"id", r.tran_id}});
  for (auto& x : liquidations)
    out["liquidations"].push_back(
      {{"account", x.account}, {"symbol", x.symbol},
       {"side", x.buy ? "BUY" : "SELL"}, {"qty", x.qty.to_string()},
       {"price", x.price.to_string()},
       {"realized_pnl", x.realized_pnl.to_string()},
       {"clearance_fee", x.clearance_fee.to_string()},
       {"order_id", x.order_id}, {"time", x.time}});
  return out;
}

std::string binance_venue::open_listen_key(const std::string& account,
                                           time_ms now) {
  for (auto& [key, k] : listen_keys_)
    if (k.account == account && now < k.expires) {
      k.expires = now + listen_key_ms;
      return key;
    }
  static constexpr char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::string key;
  for (int i = 0; i < 64; ++i)
    key += alphabet[key_rng_.next() % (sizeof alphabet - 1)];
  listen_keys_[key] = {account, now + listen_key_ms, false};
  return key;
}

std::map<std::string, listen_key>::iterator
binance_venue::find_listen_key(const std::string& account,
                               const std::string& key, time_ms now) {
  for (auto i = listen_keys_.begin(); i != listen_keys_.end(); ++i)
    if (i->second.account == account && now < i->second.expires
        && (key.empty() || i->first == key))
      return i;
  return listen_keys_.end();
}

std::optional<std::string>
binance_venue::keep_listen_key(const std::string& account,
                               const std::string& key, time_ms now) {
  auto i = find_listen_key(account, key, now);
  if (i == listen_keys_.end())
    return std::nullopt;
  i->second.expires = now + listen_key_ms;
  return i->first;
}

bool binance_venue::close_listen_key(const std::string& account,
                                     const std::string& key, time_ms now) {
  auto i = find_listen_key(account, key, now);
  if (i == listen_keys_.end())
    return false;
  listen_keys_.erase(i);
  return true;
}

std::optional<std::string>
binance_venue::listen_key_owner(const std::string& key, time_ms now) const {
  auto i = listen_keys_.find(key);
  if (i == listen_keys_.end() || now >= i->second.expires)
    return std::nullopt;
  return i->second.account;
}

void binance_venue::add_gap(const std::string& symbol) {
  for (size_t m = 0; m < gaps.size(); ++m)
    if (symbol.empty() || binance_symbol(markets()[m]) == symbol)
      ++gaps[m];
}

void binance_venue::clear_gaps() {
  for (auto& g : gaps)
    g = 0;
}

nlohmann::json binance_venue::state(time_ms now) const {
  nlohmann::json out;
  bool spot = kind == venue_kind::binance_spot;
  out["accounts"] = nlohmann::json::object();
  for (auto& [key, a] : eng.accounts()) {
    nlohmann::json ja;
    if (spot) {
      for (auto& [asset, b] : a.balances)
        ja["balances"][asset] = {{"free", b.free.to_string()},
                                 {"locked", b.locked.to_string()}};
    } else {
      ja["wallet"] = a.perp.wallet.to_string();
      ja["available"] = available_balance(a.perp, eng.marks(),
                                          eng.open_order_margin(a))
                          .to_string();
      ja["positions"] = nlohmann::json::array();
      for (auto& [symbol, p] : a.perp.positions) {
        auto m = static_cast<size_t>(binance_market_index(symbol));
        auto mmr = binance_rules(kind, markets()[m]).maint_margin_rate;
        auto margin = p.isolated ? p.isolated_wallet : cross_wallet(a.perp);
        ja["positions"].push_back(
          {{"symbol", symbol},
           {"positionAmt", p.amt.to_string()},
           {"entryPrice", p.entry.to_string()},
           {"markPrice", eng.mark_of(symbol).to_string()},
           {"unRealizedProfit",
            unrealized_pnl(p, eng.mark_of(symbol)).to_string()},
           {"leverage", p.leverage},
           {"marginType", p.isolated ? "isolated" : "cross"},
           {"isolatedWallet", p.isolated_wallet.to_string()},
           {"liquidationPrice",
            liquidation_price(p, margin, mmr).to_string()}});
      }
    }
    out["accounts"][key] = std::move(ja);
  }
  out["orders"] = nlohmann::json::array();
  for (auto& [id, o] : eng.orders())
    if (o.open()) {
      auto j = nlohmann::json::parse(
        (spot ? spot_order_json(o, spot_shape::query) : usdm_order_json(o))
          .dump());
      j["account"] = o.account;
      out["orders"].push_back(std::move(j));
    }
  for (size_t m = 0; m < depth.size(); ++m)
    out["update_ids"][binance_symbol(markets()[m])] = depth[m].last_update_id();
  if (!spot) {
    auto& f = out["funding"];
    f["next_funding_time"] = next_funding;
    f["settlements"] = funding_history.size();
    for (size_t m = 0; m < rate.size(); ++m)
      f["symbols"][binance_symbol(markets()[m])] = {
        {"index", index_price[m].to_string()},
        {"mark", mark_price[m].to_string()},
        {"rate", rate[m].to_string()},
        {"forced", forced_rate[m].has_value()}};
    auto ledger = perp_state();
    f["payments"] = ledger["payments"];
    out["liquidations"] = ledger["liquidations"];
  }
  out["weight_ban_ms_left"] =
    limiter.banned_until() > now ? limiter.banned_until() - now : 0;
  return out;
}

} // namespace karb::sim
