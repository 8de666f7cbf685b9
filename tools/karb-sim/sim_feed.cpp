// Rendering one feed update for one subscriber, cached per frame shape.

#include "tools/karb-sim/sim.hpp"

namespace karb::sim {

std::vector<std::string> feed_update::render(const ws_subscription& sub) const {
  std::vector<std::string> out;
  bool simple = sub.format == ws_format::simple;
  std::string fmt = simple ? "s" : "d";
  auto cached = [&](const std::string& key, auto make) -> const std::string& {
    auto i = cache_.find(key);
    if (i == cache_.end())
      i = cache_.emplace(key, make()).first;
    return i->second;
  };
  if (has_book) {
    auto* t = sub.find("orderbook");
    int depth = t && !t->only_snapshot ? t->depth_for(code) : 0;
    if (depth > 0) {
      auto key = "ob" + fmt + std::to_string(depth) + "/" + t->level.to_string();
      out.push_back(cached(key, [&] {
        auto text = orderbook_frame({&b, depth, t->level, book_timestamp, crossed},
                                    sub.format, false);
        return malformed ? karb::sim::malformed(text) : text;
      }));
    }
  }
  if (auto* t = sub.find("trade"); t && !t->only_snapshot && t->depth_for(code)) {
    for (size_t k = 0; k < trades.size(); ++k)
      out.push_back(cached("tr" + fmt + std::to_string(k), [&] {
        return trade_frame(trades[k], b, sub.format, false);
      }));
  }
  if (auto* t = sub.find("ticker");
      has_ticker && t && !t->only_snapshot && t->depth_for(code))
    out.push_back(cached("tk" + fmt, [&] {
      return ticker_frame(ticker, sub.format, false);
    }));
  return out;
}

} // namespace karb::sim
