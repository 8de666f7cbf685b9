#include "tools/karb-sim/quote_json.hpp"

#include <algorithm>
#include <vector>

namespace karb::sim {

namespace {

std::string compact(std::string s, char drop) {
  std::string out;
  for (char c : s)
    if (c != drop)
      out += c;
  return out;
}

std::vector<price_level> grouped(const std::vector<price_level>& side,
                                 decimal level, bool asks, size_t depth) {
  std::vector<price_level> out;
  for (auto& l : side) {
    auto p = level.is_positive()
               ? decimal::round_to(l.price, level,
                                   asks ? rounding::ceil : rounding::floor)
               : l.price;
    if (!out.empty() && out.back().price == p)
      out.back().size += l.size;
    else if (out.size() < depth)
      out.push_back({p, l.size});
    else
      break;
  }
  return out;
}

void head(json_writer& w, std::string_view type, std::string_view code,
          const quote_style& s) {
  if (s.ws) {
    w.kv(s.k("type", "ty"), type);
    w.kv(s.k("code", "cd"), code);
  } else {
    w.kv("market", code);
  }
}

void tail(json_writer& w, const quote_style& s) {
  if (s.ws)
    w.kv(s.k("stream_type", "st"), s.snapshot ? "SNAPSHOT" : "REALTIME");
}

} // namespace

void write_orderbook(json_writer& w, const book_view& v, const quote_style& s) {
  auto depth = static_cast<size_t>(v.depth);
  auto asks = grouped(v.b->asks, v.level, true, depth);
  auto bids = grouped(v.b->bids, v.level, false, depth);
  if (v.crossed && !asks.empty() && !bids.empty()) {
    // Fault: best bid printed above best ask.
    std::swap(asks[0].price, bids[0].price);
  }
  decimal tas, tbs;
  for (auto& l : asks)
    tas += l.size;
  for (auto& l : bids)
    tbs += l.size;
  w.begin_object();
  head(w, "orderbook", v.b->code, s);
  w.kv_i(s.k("timestamp", "tms"), v.timestamp);
  w.kv(s.k("total_ask_size", "tas"), tas);
  w.kv(s.k("total_bid_size", "tbs"), tbs);
  w.key(s.k("orderbook_units", "obu")).begin_array();
  auto n = std::min(asks.size(), bids.size());
  for (size_t i = 0; i < n; ++i) {
    w.begin_object();
    w.kv(s.k("ask_price", "ap"), asks[i].price);
    w.kv(s.k("bid_price", "bp"), bids[i].price);
    w.kv(s.k("ask_size", "as"), asks[i].size);
    w.kv(s.k("bid_size", "bs"), bids[i].size);
    w.end_object();
  }
  w.end_array();
  w.kv(s.k("level", "lv"), v.level);
  tail(w, s);
  w.end_object();
}

void write_trade(json_writer& w, const trade_print& p, const book& b,
                 const quote_style& s) {
  auto change_price = (p.price - p.prev_closing_price).abs();
  const char* change = p.price > p.prev_closing_price   ? "RISE"
                       : p.price < p.prev_closing_price ? "FALL" : "EVEN";
  w.begin_object();
  if (s.ws) {
    head(w, "trade", p.code, s);
    w.kv_i(s.k("timestamp", "tms"), p.timestamp);
    w.kv(s.k("trade_date", "td"), utc_date(p.timestamp));
    w.kv(s.k("trade_time", "ttm"), utc_time(p.timestamp));
    w.kv_i(s.k("trade_timestamp", "ttms"), p.timestamp);
    w.kv(s.k("trade_price", "tp"), p.price);
    w.kv(s.k("trade_volume", "tv"), p.volume);
    w.kv(s.k("ask_bid", "ab"), p.taker_ask ? "ASK" : "BID");
    w.kv(s.k("prev_closing_price", "pcp"), p.prev_closing_price);
    w.kv(s.k("change", "c"), change);
    w.kv(s.k("change_price", "cp"), change_price);
    w.kv_i(s.k("sequential_id", "sid"), p.sequential_id);
    w.kv(s.k("best_ask_price", "bap"), b.best_ask());
    w.kv(s.k("best_ask_size", "bas"), b.asks.empty() ? decimal{} : b.asks[0].size);
    w.kv(s.k("best_bid_price", "bbp"), b.best_bid());
    w.kv(s.k("best_bid_size", "bbs"), b.bids.empty() ? decimal{} : b.bids[0].size);
    tail(w, s);
  } else {
    w.kv("market", p.code);
    w.kv("trade_date_utc", utc_date(p.timestamp));
    w.kv("trade_time_utc", utc_time(p.timestamp));
    w.kv_i("timestamp", p.timestamp);
    w.kv("trade_price", p.price);
    w.kv("trade_volume", p.volume);
    w.kv("prev_closing_price", p.prev_closing_price);
    w.kv("change_price", p.price - p.prev_closing_price);
    w.kv("ask_bid", p.taker_ask ? "ASK" : "BID");
    w.kv_i("sequential_id", p.sequential_id);
  }
  w.end_object();
}

void write_ticker(json_writer& w, const ticker_state& t, const quote_style& s) {
  auto date = compact(utc_date(t.trade_timestamp), '-');
  auto time = compact(utc_time(t.trade_timestamp), ':');
  auto kst = t.trade_timestamp + 9 * 3600 * 1000;
  w.begin_object();
  head(w, "ticker", t.code, s);
  if (!s.ws) {
    w.kv("trade_date", date);
    w.kv("trade_time", time);
    w.kv("trade_date_kst", compact(utc_date(kst), '-'));
    w.kv("trade_time_kst", compact(utc_time(kst), ':'));
    w.kv_i("trade_timestamp", t.trade_timestamp);
  }
  w.kv(s.k("opening_price", "op"), t.opening_price);
  w.kv(s.k("high_price", "hp"), t.high_price);
  w.kv(s.k("low_price", "lp"), t.low_price);
  w.kv(s.k("trade_price", "tp"), t.trade_price);
  w.kv(s.k("prev_closing_price", "pcp"), t.prev_closing_price);
  w.kv(s.k("change", "c"), t.change());
  w.kv(s.k("change_price", "cp"), t.change_price());
  w.kv(s.k("change_rate", "cr"), t.change_rate());
  w.kv(s.k("signed_change_price", "scp"), t.signed_change_price());
  w.kv(s.k("signed_change_rate", "scr"), t.signed_change_rate());
  w.kv(s.k("trade_volume", "tv"), t.trade_volume);
  w.kv_i(s.k("acc_trade_price", "atp"), t.acc_trade_price);
  w.kv_i(s.k("acc_trade_price_24h", "atp24h"), t.acc_trade_price);
  w.kv(s.k("acc_trade_volume", "atv"), t.acc_trade_volume);
  w.kv(s.k("acc_trade_volume_24h", "atv24h"), t.acc_trade_volume);
  if (s.ws) {
    w.kv(s.k("trade_date", "tdt"), date);
    w.kv(s.k("trade_time", "ttm"), time);
    w.kv_i(s.k("trade_timestamp", "ttms"), t.trade_timestamp);
    w.kv(s.k("ask_bid", "ab"), t.last_taker_ask ? "ASK" : "BID");
    w.kv(s.k("acc_ask_volume", "aav"), t.acc_ask_volume);
    w.kv(s.k("acc_bid_volume", "abv"), t.acc_bid_volume);
  }
  w.kv(s.k("highest_52_week_price", "h52wp"), t.high_price);
  w.kv(s.k("highest_52_week_date", "h52wdt"), utc_date(t.trade_timestamp));
  w.kv(s.k("lowest_52_week_price", "l52wp"), t.low_price);
  w.kv(s.k("lowest_52_week_date", "l52wdt"), utc_date(t.trade_timestamp));
  if (s.ws) {
    w.kv(s.k("market_state", "ms"), "ACTIVE");
    w.kv_b(s.k("is_trading_suspended", "its"), false);
    w.kv(s.k("market_warning", "mw"), "NONE");
  }
  w.kv_i(s.k("timestamp", "tms"), t.timestamp);
  tail(w, s);
  w.end_object();
}

} // namespace karb::sim
