#include "tools/karb-sim/feed_pump.hpp"

#include <algorithm>
#include <cstring>

#include "tools/karb-sim/rules.hpp"

namespace karb::sim {

namespace {

/// Rendered with this stamp, so that every frame has 13 digits to patch.
constexpr time_ms placeholder_stamp = 1'000'000'000'000;

/// Offset of the timestamp digits in a rendered frame, or npos.
size_t find_stamp(const std::string& text, ws_format f) {
  const char* key = f == ws_format::simple ? "\"tms\":" : "\"timestamp\":";
  auto at = text.find(key);
  return at == std::string::npos ? at : at + std::strlen(key);
}

void shift(std::vector<price_level>& side, decimal step) {
  for (size_t i = feed_pump::moving_from; i < side.size(); ++i)
    side[i].price += step;
}

} // namespace

feed_pump::feed_pump(venue_kind v, int64_t rate, int64_t start_ns)
  : venue_(v), rate_(rate), start_ns_(start_ns) {
}

book feed_pump::vary(const book& b, venue_kind v, int k) {
  book out = b;
  auto scale = [k](std::vector<price_level>& side) {
    for (size_t i = 0; i < side.size(); ++i) {
      auto pct = static_cast<int64_t>((i + static_cast<size_t>(k)) % 4);
      side[i].size.raw = side[i].size.raw / 100 * (100 + pct);
    }
  };
  scale(out.asks);
  scale(out.bids);
  // One uniform shift per side keeps the level order.
  if (!out.asks.empty())
    shift(out.asks, decimal::from_raw(tick_size(v, out.asks[0].price).raw * k));
  if (!out.bids.empty())
    shift(out.bids,
          decimal::from_raw(-tick_size(v, out.bids[0].price).raw * k));
  for (auto& l : out.bids)
    if (!l.price.is_positive())
      l.price = b.bids.back().price;
  return out;
}

void feed_pump::update(const feed_update& u, const ws_subscription& sub) {
  auto* t = sub.find("orderbook");
  if (!u.has_book || !t || t->only_snapshot)
    return;
  int depth = t->depth_for(u.code);
  if (depth <= 0)
    return;
  auto i = std::find_if(markets_.begin(), markets_.end(),
                        [&](const market& m) { return m.code == u.code; });
  if (i == markets_.end()) {
    markets_.push_back({u.code, {}});
    i = markets_.end() - 1;
  }
  i->frames.clear();
  for (int k = 0; k < variants; ++k) {
    auto b = vary(u.b, venue_, k);
    frame f;
    f.text = orderbook_frame({&b, depth, t->level, placeholder_stamp,
                              u.crossed},
                             sub.format, false);
    f.stamp_at = find_stamp(f.text, sub.format);
    if (u.malformed)
      f.text = malformed(f.text);
    i->frames.push_back(std::move(f));
  }
}

size_t feed_pump::due(int64_t now_ns, size_t room) {
  if (!paced())
    return room;
  auto elapsed = std::max<int64_t>(now_ns - start_ns_, 0);
  auto target = static_cast<uint64_t>(
    static_cast<__int128>(elapsed) * rate_ / 1'000'000'000);
  if (target <= paced_)
    return 0;
  auto debt = target - paced_;
  auto limit = static_cast<uint64_t>(std::max<int64_t>(rate_ / 10, 1));
  if (debt > limit) { // fell behind by more than 100 ms: forgive
    skipped_ += debt - limit;
    paced_ = target - limit;
    debt = limit;
  }
  auto n = std::min<uint64_t>(debt, room);
  paced_ += n;
  return static_cast<size_t>(n);
}

std::string feed_pump::next(time_ms now) {
  if (markets_.empty())
    return {};
  if (next_market_ >= markets_.size()) {
    next_market_ = 0;
    ++round_;
  }
  auto& m = markets_[next_market_++];
  auto& f = m.frames[round_ % m.frames.size()];
  last_stamp_ = std::max(last_stamp_, now);
  std::string out = f.text;
  if (f.stamp_at != std::string::npos && f.stamp_at + 13 <= out.size()) {
    auto digits = std::to_string(last_stamp_);
    if (digits.size() == 13)
      std::memcpy(out.data() + f.stamp_at, digits.data(), 13);
  }
  ++sent_;
  return out;
}

} // namespace karb::sim
