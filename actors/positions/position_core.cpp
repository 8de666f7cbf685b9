#include "actors/positions/position_core.hpp"

#include <cmath>

namespace karb::positions {

decimal signed_amount(const position& p) {
  return p.position_side == side::buy ? p.amount : -p.amount;
}

std::optional<double> liquidation_distance(const position& p) {
  if (!p.liquidation_price.is_positive() || !p.mark_price.is_positive())
    return std::nullopt;
  auto mark = p.mark_price.to_double();
  return std::abs(mark - p.liquidation_price.to_double()) / mark;
}

void position_core::apply(const key& k, const position& p,
                          std::vector<position_change>& out) {
  auto i = open_.find(k);
  bool flat = !p.amount.is_positive();
  if (i == open_.end()) {
    if (!flat) {
      open_[k] = p;
      out.push_back({event_type::position_opened, p, position{}});
    }
    return;
  }
  auto before = i->second;
  if (flat) {
    open_.erase(i);
    auto now = before;
    now.amount = decimal{};
    now.ts_ns = p.ts_ns;
    out.push_back({event_type::position_closed, now, before});
    return;
  }
  i->second = p;
  if (p.amount != before.amount || p.position_side != before.position_side)
    out.push_back({event_type::position_updated, p, before});
}

std::vector<position_change>
position_core::set_positions(exchange venue, const std::vector<position>& ps) {
  std::vector<position_change> out;
  std::map<std::string, bool> listed;
  for (auto p : ps) {
    p.symbol.venue = venue;
    listed[p.symbol.venue_symbol] = true;
    apply({venue, p.symbol.venue_symbol}, p, out);
  }
  std::vector<key> gone;
  for (const auto& [k, _] : open_)
    if (k.first == venue && !listed.count(k.second))
      gone.push_back(k);
  for (const auto& k : gone) {
    auto flat = open_.at(k);
    flat.amount = decimal{};
    apply(k, flat, out);
  }
  return out;
}

std::vector<position_change>
position_core::update_positions(const std::vector<position>& ps) {
  std::vector<position_change> out;
  for (const auto& p : ps)
    apply({p.symbol.venue, p.symbol.venue_symbol}, p, out);
  return out;
}

bool position_core::set_spot(const std::map<std::string, decimal>& exposure) {
  if (exposure == spot_)
    return false;
  spot_ = exposure;
  return true;
}

std::vector<position> position_core::open_positions() const {
  std::vector<position> out;
  for (const auto& [_, p] : open_)
    out.push_back(p);
  return out;
}

std::map<std::string, decimal> position_core::perp_net() const {
  std::map<std::string, decimal> out;
  for (const auto& [_, p] : open_)
    out[p.symbol.base] += signed_amount(p);
  return out;
}

position_book position_core::book(int64_t ts_ns) const {
  position_book b;
  b.positions = open_positions();
  b.perp_net = perp_net();
  b.spot_net = spot_;
  b.net = b.perp_net;
  for (const auto& [asset, x] : spot_)
    b.net[asset] += x;
  for (const auto& [_, p] : open_)
    if (p.mark_price.is_positive())
      if (auto x = decimal::mul(b.net[p.symbol.base], p.mark_price))
        b.exposure[p.symbol.base] = *x;
  b.ts_ns = ts_ns;
  return b;
}

} // namespace karb::positions
