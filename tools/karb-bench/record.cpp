#include "tools/karb-bench/record.hpp"

#include <cmath>
#include <cstring>
#include <stdexcept>
#include <unordered_map>

#include "exchanges/registry.hpp"
#include "tools/karb-sim/feed_pump.hpp"
#include "tools/karb-sim/rules.hpp"
#include "tools/karb-sim/sim.hpp"

namespace karb::bench {

namespace {

using json = nlohmann::json;

/// The frames are rendered with this stamp (13 digits); the replay writes
/// the delivery time over it.
constexpr sim::time_ms placeholder_stamp = 1'000'000'000'000;
/// The virtual clock of the recording (any fixed time: deterministic).
constexpr sim::time_ms virtual_start = 1'770'000'000'000;
/// The bench's strategies trade from a gross edge of about 0.2 % (0.1 %
/// profit after two 0.05 % taker fees): counted as an opportunity. Frames
/// from 0.15 % are flagged as crossing (a margin below the threshold).
constexpr double tradable_edge = 0.002;
constexpr double crossing_edge = 0.0015;

/// The market code of a book frame ("code" or SIMPLE "cd"), or "".
std::string code_of(const std::string& text) {
  for (const char* key : {"\"code\":\"", "\"cd\":\""}) {
    auto at = text.find(key);
    if (at == std::string::npos)
      continue;
    at += std::strlen(key);
    auto end = text.find('"', at);
    if (end != std::string::npos)
      return text.substr(at, end - at);
  }
  return {};
}

struct top {
  decimal bid, ask;
  bool ok = false;
};

/// How far one venue's bid is above the other's ask (either way), as a
/// fraction; 0 when a book is missing.
double edge(const top& a, const top& b) {
  if (!a.ok || !b.ok)
    return 0;
  return std::max(a.bid.to_double() / b.ask.to_double(),
                  b.bid.to_double() / a.ask.to_double())
         - 1.0;
}

} // namespace

tape record_tape(const record_options& o) {
  if (o.symbols < 1 || o.symbols > 20 || o.book_hz < 1 || o.seconds <= 0
      || o.rate < 2)
    throw std::invalid_argument("bad --symbols, --book-hz, --seconds or "
                                "--rate");
  sim::set_market_count(static_cast<size_t>(o.symbols));
  const auto& specs = sim::markets();
  std::vector<std::string> codes;
  for (auto& m : specs)
    codes.push_back(m.code);
  const std::vector<std::string> names = {"upbit", "bithumb"};
  const exchange venues[] = {exchange::upbit, exchange::bithumb};
  const sim::venue_kind kinds[] = {sim::venue_kind::upbit,
                                   sim::venue_kind::bithumb};

  sim::sim_config sc;
  sc.venues = {kinds[0], kinds[1]};
  sc.seed = o.seed;
  sc.book_hz = o.book_hz;
  sc.start = virtual_start;
  sc.rate_limits = false;
  sim::simulator sim{sc};

  // What each venue's feed would get for the node's own subscription.
  std::vector<sim::ws_subscription> subs;
  std::vector<sim::feed_pump> pumps;
  for (size_t v = 0; v < 2; ++v) {
    auto text = venue::protocol_for(venues[v]).book_subscription(codes).at(0);
    auto parsed = sim::parse_subscription(text, false);
    if (!parsed.sub)
      throw std::runtime_error("karb-sim refuses the node's subscription: "
                               + parsed.error_frame);
    subs.push_back(*parsed.sub);
    pumps.emplace_back(kinds[v], -1, 0);
  }

  tape t;
  std::unordered_map<std::string, uint32_t> seen;
  auto steps = std::max<long>(1, std::lround(o.seconds * o.book_hz));
  auto per_venue = std::max<long>(1, o.rate / 2 / o.book_hz);
  auto step_ms = 1000 / o.book_hz;
  json markets = json::array();
  size_t shift_step = 0;
  sim::time_ms next_shift = virtual_start;
  uint64_t opportunities = 0, crossing_frames = 0;
  std::vector<bool> was_tradable(codes.size(), false);
  std::vector<std::vector<uint32_t>> steps_order;
  /// Per step, per venue, per market: the best bid and ask.
  std::vector<std::vector<std::vector<top>>> step_tops;
  std::vector<std::pair<long, size_t>> frame_at; ///< step, market of a frame
  for (long s = 0; s < steps; ++s) {
    auto now = virtual_start + s * step_ms;
    if (o.shift_every_ms > 0 && now >= next_shift) {
      auto n = codes.size();
      if (shift_step > 0)
        sim.apply_fault({{"venue", names[(shift_step - 1) % 2]},
                         {"fault", "shift_mid"},
                         {"market", codes[(shift_step - 1) % n]},
                         {"bp", 0}},
                        now);
      sim.apply_fault({{"venue", names[shift_step % 2]},
                       {"fault", "shift_mid"},
                       {"market", codes[shift_step % n]},
                       {"bp", o.shift_bp}},
                      now);
      ++shift_step;
      next_shift += o.shift_every_ms;
    }
    auto& tops = step_tops.emplace_back(2, std::vector<top>(codes.size()));
    for (auto& u : sim.step(now)) {
      if (!u->has_book || u->venue > 1)
        continue;
      pumps[u->venue].update(*u, subs[u->venue]);
      auto m = static_cast<size_t>(sim::market_index(u->code));
      if (m < codes.size())
        tops[u->venue][m] = {u->b.best_bid(), u->b.best_ask(),
                             !u->b.bids.empty() && !u->b.asks.empty()};
    }
    for (size_t m = 0; m < codes.size(); ++m) {
      bool tradable = edge(tops[0][m], tops[1][m]) > tradable_edge;
      if (tradable && !was_tradable[m])
        opportunities += 2; // forward and backward
      was_tradable[m] = tradable;
      if (s == 0 && tops[0][m].ok)
        markets.push_back(
          {{"code", codes[m]},
           {"base", specs[m].base},
           {"mid",
            (tops[0][m].bid.to_double() + tops[0][m].ask.to_double()) / 2}});
    }
    auto& step_order = steps_order.emplace_back();
    for (long k = 0; k < per_venue; ++k)
      for (uint8_t v = 0; v < 2; ++v) {
        auto text = pumps[v].next(placeholder_stamp);
        if (text.empty())
          continue;
        auto [it, fresh] = seen.emplace(text, static_cast<uint32_t>(
                                                t.frames.size()));
        if (fresh) {
          tape_frame f;
          f.venue = v;
          f.stamp_at = find_stamp(text);
          f.text = std::move(text);
          t.frames.push_back(std::move(f));
          frame_at.emplace_back(
            s, static_cast<size_t>(sim::market_index(code_of(t.frames.back()
                                                                .text))));
        }
        step_order.push_back(it->second);
      }
  }
  // A market crosses at step s when one venue's book of step s against the
  // other's of step s - 1, s or s + 1 does: the venues' books of a market
  // change one frame apart, in either direction of play.
  auto crosses = [&](long s, size_t m) {
    auto pair = [&](long a, long b) {
      return a >= 0 && b >= 0 && a < steps && b < steps
             && edge(step_tops[a][0][m], step_tops[b][1][m]) > crossing_edge;
    };
    return pair(s, s) || pair(s, s - 1) || pair(s - 1, s) || pair(s, s + 1)
           || pair(s + 1, s);
  };
  for (size_t i = 0; i < t.frames.size(); ++i) {
    auto [s, m] = frame_at[i];
    if (m < codes.size() && crosses(s, m))
      t.frames[i].flags |= tape_frame::crossing;
  }
  // Forward, then the same steps backward: the tape loops without a jump
  // in any price (a jump would show as a spread between the venues).
  for (auto& so : steps_order)
    t.order.insert(t.order.end(), so.begin(), so.end());
  for (auto so = steps_order.rbegin(); so != steps_order.rend(); ++so)
    t.order.insert(t.order.end(), so->begin(), so->end());
  for (auto i : t.order)
    if (t.frames[i].flags & tape_frame::crossing)
      ++crossing_frames;
  if (markets.size() != codes.size())
    throw std::runtime_error("the first market step lacks books");
  t.header = {{"format", "karb-bench tape"},
              {"version", 1},
              {"venues", names},
              {"markets", markets},
              {"symbols", o.symbols},
              {"seconds", o.seconds},
              {"book_hz", o.book_hz},
              {"rate", o.rate},
              {"shift_every_ms", o.shift_every_ms},
              {"shift_bp", o.shift_bp},
              {"seed", o.seed},
              {"frames", t.order.size()},
              {"distinct_frames", t.frames.size()},
              {"crossing_frames", crossing_frames},
              {"opportunities", opportunities},
              {"command", o.command}};
  return t;
}

} // namespace karb::bench
