#include "tools/karb-sim/tape.hpp"

#include <algorithm>

namespace karb::sim {

const char* ticker_state::change() const {
  if (trade_price > prev_closing_price)
    return "RISE";
  if (trade_price < prev_closing_price)
    return "FALL";
  return "EVEN";
}

decimal ticker_state::signed_change_price() const {
  return trade_price - prev_closing_price;
}

decimal ticker_state::change_price() const {
  return signed_change_price().abs();
}

decimal ticker_state::signed_change_rate() const {
  if (prev_closing_price.is_zero())
    return {};
  return *decimal::div(signed_change_price(), prev_closing_price);
}

decimal ticker_state::change_rate() const {
  return signed_change_rate().abs();
}

tape::tape(std::string code, decimal start_price, time_ms start) {
  ticker_.code = std::move(code);
  ticker_.opening_price = start_price;
  ticker_.high_price = start_price;
  ticker_.low_price = start_price;
  ticker_.trade_price = start_price;
  ticker_.prev_closing_price = start_price;
  ticker_.trade_timestamp = start;
  ticker_.timestamp = start;
}

const trade_print& tape::record(time_ms now, decimal price, decimal volume,
                                bool taker_ask) {
  trade_print p;
  p.code = ticker_.code;
  p.timestamp = now;
  p.price = price;
  p.volume = volume;
  p.taker_ask = taker_ask;
  last_seq_ = std::max(last_seq_ + 1, now * 10000);
  p.sequential_id = last_seq_;
  p.prev_closing_price = ticker_.prev_closing_price;
  auto& t = ticker_;
  t.trade_price = price;
  t.trade_volume = volume;
  t.high_price = max(t.high_price, price);
  t.low_price = min(t.low_price, price);
  t.acc_trade_volume += volume;
  if (auto funds = decimal::mul(price, volume))
    t.acc_trade_price += funds->raw / decimal::one_raw;
  (taker_ask ? t.acc_ask_volume : t.acc_bid_volume) += volume;
  t.trade_timestamp = now;
  t.timestamp = now;
  t.last_taker_ask = taker_ask;
  recent_.push_back(std::move(p));
  if (recent_.size() > keep)
    recent_.pop_front();
  return recent_.back();
}

} // namespace karb::sim
