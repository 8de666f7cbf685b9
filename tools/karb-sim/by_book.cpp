#include "tools/karb-sim/by_book.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "tools/karb-sim/binance_rules.hpp"
#include "tools/karb-sim/ws_feed.hpp"

namespace karb::sim {

using ojson = nlohmann::ordered_json;

std::string by_digits::p(decimal d) const {
  return fixed(d, price);
}

std::string by_digits::q(decimal d) const {
  return fixed(d, qty);
}

std::vector<price_level> level_changes(const std::vector<price_level>& before,
                                       const std::vector<price_level>& after,
                                       bool asks) {
  std::map<decimal, decimal> old_sizes, new_sizes;
  for (auto& l : before)
    old_sizes[l.price] = l.size;
  for (auto& l : after)
    new_sizes[l.price] = l.size;
  std::vector<price_level> out;
  for (auto& [p, s] : new_sizes) {
    auto i = old_sizes.find(p);
    if (i == old_sizes.end() || i->second != s)
      out.push_back({p, s});
  }
  for (auto& [p, s] : old_sizes)
    if (!new_sizes.count(p))
      out.push_back({p, decimal{}});
  std::sort(out.begin(), out.end(), [asks](auto& a, auto& b) {
    return asks ? a.price < b.price : a.price > b.price;
  });
  return out;
}

by_market_feed::by_market_feed(std::string prefix, std::string symbol,
                               by_digits d, bool linear, int64_t first_seq)
  : prefix_(std::move(prefix)), symbol_(std::move(symbol)), d_(d),
    linear_(linear), next_seq_(first_seq) {
  deep_.u = first_seq % 10'000'000 + 2;
  top_.u = first_seq % 1'000'000 + 2;
}

namespace {

std::vector<price_level> top_n(const std::vector<price_level>& side, size_t n) {
  return {side.begin(), side.begin() + static_cast<long>(std::min(n, side.size()))};
}

} // namespace

std::string by_market_feed::book_frame(int depth, const by_book_topic& t,
                                       const char* type,
                                       const std::vector<price_level>& bids,
                                       const std::vector<price_level>& asks) const {
  auto side = [this](const std::vector<price_level>& levels) {
    ojson arr = ojson::array();
    for (auto& l : levels)
      arr.push_back({d_.p(l.price), d_.q(l.size)});
    return arr;
  };
  ojson j;
  j["topic"] = "orderbook." + std::to_string(depth) + "." + symbol_;
  j["type"] = type;
  j["ts"] = t.ts;
  j["data"] = {{"s", symbol_}, {"b", side(bids)}, {"a", side(asks)},
               {"u", t.u}, {"seq", t.seq}};
  j["cts"] = t.cts;
  return j.dump();
}

std::vector<std::pair<std::string, std::string>>
by_market_feed::step(const book& b, const std::vector<trade_print>& prints,
                     const std::map<std::string, std::string>& fields,
                     time_ms now, bool malformed) {
  std::vector<std::pair<std::string, std::string>> out;
  auto emit_book = [&](int depth, const std::string& frame) {
    out.emplace_back("orderbook." + std::to_string(depth) + "." + symbol_,
                     malformed ? karb::sim::malformed(frame) : frame);
  };
  // orderbook.50 / .200 (the book has 30 levels: the same content)
  auto bids = top_n(b.bids, 200), asks = top_n(b.asks, 200);
  auto db = level_changes(deep_.bids, bids, false);
  auto da = level_changes(deep_.asks, asks, true);
  bool reset = resets_ > 0;
  if (reset || !db.empty() || !da.empty()) {
    next_seq_ += static_cast<int64_t>(db.size() + da.size()) + 1;
    deep_.seq = next_seq_;
    deep_.ts = now;
    deep_.cts = b.timestamp;
    deep_.bids = bids;
    deep_.asks = asks;
    if (reset) {
      --resets_;
      deep_.u = 1; // the service restarted: a snapshot with u = 1
      for (int depth : {50, 200})
        emit_book(depth, book_frame(depth, deep_, "snapshot", bids, asks));
    } else if (!deep_.published) {
      ++deep_.u; // the first publication: a snapshot
      for (int depth : {50, 200})
        emit_book(depth, book_frame(depth, deep_, "snapshot", bids, asks));
    } else if (gaps_ > 0) {
      --gaps_;
      ++deep_.u; // this message is lost: the next delta skips an id
    } else {
      ++deep_.u;
      for (int depth : {50, 200})
        emit_book(depth, book_frame(depth, deep_, "delta", db, da));
    }
  }
  // orderbook.1: snapshots only, on every change of the touch
  auto tb = top_n(b.bids, 1), ta = top_n(b.asks, 1);
  if (reset || level_changes(top_.bids, tb, false).size()
                 + level_changes(top_.asks, ta, true).size() > 0) {
    top_.u = reset ? 1 : top_.u + 1;
    top_.seq = next_seq_;
    top_.ts = now;
    top_.cts = b.timestamp;
    top_.bids = tb;
    top_.asks = ta;
    emit_book(1, book_frame(1, top_, "snapshot", tb, ta));
  }
  deep_.published = top_.published = true;
  // tickers: spot snapshots; linear a delta of the changed fields
  ojson data = ojson::object();
  data["symbol"] = symbol_;
  for (auto& [k, v] : fields) {
    auto i = ticker_.find(k);
    if (!linear_ || i == ticker_.end() || i->second != v)
      data[k] = v;
  }
  ticker_ = fields;
  ++ticker_cs_;
  if (data.size() > 1) {
    ojson t;
    t["topic"] = "tickers." + symbol_;
    t["type"] = linear_ ? "delta" : "snapshot";
    t["ts"] = now;
    t["cs"] = next_seq_;
    t["data"] = std::move(data);
    out.emplace_back("tickers." + symbol_, t.dump());
  }
  if (!prints.empty()) {
    ojson arr = ojson::array();
    for (auto& p : prints) {
      ojson one;
      one["T"] = p.timestamp;
      one["s"] = symbol_;
      one["S"] = p.taker_ask ? "Sell" : "Buy";
      one["v"] = d_.q(p.volume);
      one["p"] = d_.p(p.price);
      if (linear_)
        one["L"] = p.taker_ask ? "MinusTick" : "PlusTick";
      one["i"] = std::to_string(p.sequential_id);
      one["BT"] = false;
      one["seq"] = next_seq_;
      arr.push_back(std::move(one));
    }
    ojson t;
    t["topic"] = "publicTrade." + symbol_;
    t["type"] = "snapshot";
    t["ts"] = now;
    t["data"] = std::move(arr);
    out.emplace_back("publicTrade." + symbol_, t.dump());
  }
  return out;
}

std::optional<std::string> by_market_feed::snapshot(const std::string& topic,
                                                    time_ms now) const {
  for (int depth : {1, 50, 200})
    if (topic == "orderbook." + std::to_string(depth) + "." + symbol_) {
      auto& t = depth == 1 ? top_ : deep_;
      if (!t.published)
        return std::string{};
      return book_frame(depth, t, "snapshot", t.bids, t.asks);
    }
  if (topic == "tickers." + symbol_) {
    if (ticker_.empty())
      return std::string{};
    ojson data = ojson::object();
    data["symbol"] = symbol_;
    for (auto& [k, v] : ticker_)
      data[k] = v;
    ojson t;
    t["topic"] = topic;
    t["type"] = "snapshot";
    t["ts"] = now;
    t["cs"] = next_seq_;
    t["data"] = std::move(data);
    return t.dump();
  }
  if (topic == "publicTrade." + symbol_)
    return std::string{}; // trades only as they happen
  return std::nullopt;
}

} // namespace karb::sim
