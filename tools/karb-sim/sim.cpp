#include "tools/karb-sim/sim.hpp"

#include <algorithm>
#include <stdexcept>

namespace karb::sim {

simulator::simulator(sim_config cfg)
  : cfg_(std::move(cfg)),
    model_(cfg_.seed, cfg_.venues.size(), std::max(cfg_.book_hz, 1)) {
  for (size_t i = 0; i < cfg_.venues.size(); ++i) {
    venues_.push_back(
      std::make_unique<venue>(cfg_.venues[i], i, cfg_.seed, cfg_.start));
    venues_.back()->limiter.enabled = cfg_.rate_limits;
    routers_.push_back(std::make_unique<router>(*venues_.back()));
    last_books_.push_back(venues_.back()->books);
  }
  load_accounts(cfg_.accounts_json.empty() ? default_accounts_json()
                                           : cfg_.accounts_json);
  if (!cfg_.request_log.empty()) {
    log_.open(cfg_.request_log, std::ios::app);
    if (!log_)
      throw std::runtime_error("cannot open request log " + cfg_.request_log);
  }
}

void simulator::load_accounts(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    throw std::runtime_error("accounts: not a JSON object");
  for (auto& v : venues_) {
    auto name = std::string{to_string(v->kind)};
    if (!j.contains(name))
      continue;
    if (v->bn) {
      v->bn->load_accounts(j[name]);
      continue;
    }
    if (v->ok) {
      v->ok->load_accounts(j[name]);
      continue;
    }
    if (v->by) {
      v->by->load_accounts(j[name]);
      continue;
    }
    for (auto& entry : j[name]) {
      account a;
      a.access_key = entry.at("access_key").get<std::string>();
      a.secret_key = entry.at("secret_key").get<std::string>();
      if (entry.contains("fee"))
        a.fee = dec(entry["fee"].get<std::string>());
      a.assets["KRW"] = {};
      for (auto& [currency, amount] : entry.at("balances").items()) {
        auto text = amount.is_string() ? amount.get<std::string>() : amount.dump();
        auto d = decimal::parse_exact(text);
        if (!d || d->is_negative())
          throw std::runtime_error("accounts: bad balance for " + currency);
        a.assets[currency].balance = *d;
      }
      v->eng.add_account(std::move(a));
    }
  }
}

reply simulator::handle_http(size_t i, const http::request& req, time_ms now) {
  std::lock_guard lock{mu_};
  auto r = routers_.at(i)->route(req, now);
  log_request(i, req, r, now);
  return r;
}

void simulator::log_request(size_t i, const http::request& req, const reply& r,
                            time_ms now) {
  if (!log_.is_open())
    return;
  auto q = req.target.find('?');
  nlohmann::json line = {
    {"ts", now},
    {"venue", to_string(venues_[i]->kind)},
    {"method", req.method},
    {"path", req.target.substr(0, q)},
    {"query", q == std::string::npos ? "" : req.target.substr(q + 1)},
    {"auth", r.auth},
    {"account", r.account},
    {"order", r.order},
    {"status", r.drop || r.reset ? 0 : r.response.status},
    {"dropped", r.drop},
    {"reset", r.reset},
    {"delay_ms", r.delay_ms},
  };
  if (!r.fault.empty())
    line["fault"] = r.fault;
  if (r.chaos)
    line["chaos"] = true;
  log_ << line.dump() << '\n';
  log_.flush();
}

std::vector<std::shared_ptr<const feed_update>> simulator::step(time_ms now) {
  std::lock_guard lock{mu_};
  model_.step();
  double trade_prob = std::min(1.0, 2.0 / std::max(cfg_.book_hz, 1));
  std::vector<std::shared_ptr<const feed_update>> out;
  auto& specs = markets();
  for (size_t i = 0; i < venues_.size(); ++i) {
    auto& v = *venues_[i];
    v.eng.settle(now);
    v.step(model_, now, trade_prob);
    auto& f = v.faults;
    for (size_t m = 0; m < specs.size(); ++m) {
      auto prints = v.new_prints(m);
      if (f.stalled(now))
        continue;
      auto u = std::make_shared<feed_update>();
      u->venue = i;
      u->code = specs[m].code;
      u->has_book = true;
      bool stale = f.stale_books > 0;
      if (stale) {
        --f.stale_books;
        u->b = last_books_[i][m];
      } else {
        u->b = v.books[m];
        last_books_[i][m] = v.books[m];
      }
      u->book_timestamp = u->b.timestamp;
      if (f.crossed_books > 0) {
        --f.crossed_books;
        u->crossed = true;
      }
      if (f.malformed_frames > 0) {
        --f.malformed_frames;
        u->malformed = true;
      }
      if (v.bn)
        u->binance = v.bn->feed(m, v.books[m], prints, now, stale, u->crossed,
                                u->malformed);
      if (v.ok)
        u->okx = v.ok->feed(m, v.books[m], prints, v.tapes[m], now, stale);
      if (v.by)
        u->bybit = v.by->feed(m, v.books[m], prints, v.tapes[m], now, stale,
                              u->malformed);
      u->trades = std::move(prints);
      if (!u->trades.empty()) {
        u->has_ticker = true;
        u->ticker = v.tapes[m].ticker();
      }
      out.push_back(std::move(u));
    }
  }
  return out;
}

std::vector<private_frame> simulator::take_private(size_t i, time_ms now) {
  std::lock_guard lock{mu_};
  auto& v = *venues_.at(i);
  std::vector<private_frame> out;
  if (v.ok) {
    for (auto& p : v.ok->take_private(now))
      out.push_back({p.account, p.type, p.inst_type, p.text, p.inst_id});
    return out;
  }
  if (v.by) {
    for (auto& e : v.by->take_private(now))
      out.push_back({e.account, e.topic, e.category, e.data.dump(), ""});
    return out;
  }
  if (v.bn) {
    for (auto& e : v.bn->take_private(now))
      out.push_back({e.account, e.type, e.listen_key, e.text, ""});
    return out;
  }
  for (auto& e : v.eng.take_order_events())
    out.push_back({e.snapshot.account, "myOrder", e.snapshot.market,
                   my_order_frame(e, ws_format::default_format, now),
                   my_order_frame(e, ws_format::simple, now)});
  for (auto& key : v.eng.take_asset_events()) {
    auto* a = v.eng.find_account(key);
    if (!a)
      continue;
    auto id = v.eng.next_asset_uuid();
    out.push_back({key, "myAsset", "",
                   my_asset_frame(*a, id, ws_format::default_format, now),
                   my_asset_frame(*a, id, ws_format::simple, now)});
  }
  return out;
}

std::vector<std::string> simulator::snapshot(size_t i,
                                             const ws_subscription& sub,
                                             time_ms) {
  std::lock_guard lock{mu_};
  auto& v = *venues_.at(i);
  std::vector<std::string> out;
  for (auto& t : sub.topics) {
    if (t.only_realtime)
      continue;
    for (auto& [code, depth] : t.codes) {
      auto* b = v.find_book(code);
      auto* tp = v.find_tape(code);
      if (!b)
        continue;
      if (t.type == "orderbook")
        out.push_back(orderbook_frame({b, depth, t.level, b->timestamp, false},
                                      sub.format, true));
      else if (t.type == "trade" && !tp->recent().empty())
        out.push_back(trade_frame(tp->recent().back(), *b, sub.format, true));
      else if (t.type == "ticker")
        out.push_back(ticker_frame(tp->ticker(), sub.format, true));
    }
  }
  return out;
}

auth_verdict simulator::auth_ws(size_t i, std::string_view authorization,
                                time_ms now) {
  std::lock_guard lock{mu_};
  auto& v = *venues_.at(i);
  return v.auth.check(v.eng, authorization, "", "", now);
}

bool simulator::take_drop_ws(size_t i) {
  std::lock_guard lock{mu_};
  auto& f = venues_.at(i)->faults;
  if (f.drop_ws == 0)
    return false;
  f.drop_ws = 0;
  return true;
}

std::string simulator::outgoing_frame(size_t i, std::string frame,
                                      bool priv) {
  std::lock_guard lock{mu_};
  auto& b = venues_.at(i)->faults.bad_frames;
  if (!b.on || (priv && !b.include_private))
    return frame;
  auto kind = b.draw();
  return kind ? mangle_frame(frame, *kind, b.gen) : frame;
}

bool simulator::ws_refused(size_t i) const {
  std::lock_guard lock{mu_};
  return venues_.at(i)->faults.refuse_ws;
}

time_ms simulator::ban_left(size_t i, time_ms now) const {
  std::lock_guard lock{mu_};
  auto& f = venues_.at(i)->faults;
  return f.banned(now) ? f.ban_until - now : 0;
}

uint64_t simulator::steps() const {
  std::lock_guard lock{mu_};
  return model_.steps();
}

} // namespace karb::sim
