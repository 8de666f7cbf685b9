#include "actors/strategy/hedge_book.hpp"

#include <algorithm>
#include <array>

namespace karb::strategy {

namespace {

constexpr std::array<hedge_edge, 5> edges{{
  {hedge_state::entering, hedge_event::filled, hedge_state::open},
  {hedge_state::entering, hedge_event::empty, hedge_state::closed},
  {hedge_state::open, hedge_event::exit_sent, hedge_state::exiting},
  {hedge_state::exiting, hedge_event::filled, hedge_state::closed},
  {hedge_state::exiting, hedge_event::kept, hedge_state::open},
}};

decimal ratio(decimal a, decimal b) {
  return b.is_zero() ? decimal{} : decimal::div(a, b).value_or(decimal{});
}

} // namespace

std::string to_string(hedge_state s) {
  switch (s) {
    case hedge_state::entering: return "entering";
    case hedge_state::open: return "open";
    case hedge_state::exiting: return "exiting";
    case hedge_state::closed: return "closed";
  }
  return "?";
}

std::string to_string(hedge_event e) {
  switch (e) {
    case hedge_event::filled: return "filled";
    case hedge_event::empty: return "empty";
    case hedge_event::exit_sent: return "exit_sent";
    case hedge_event::kept: return "kept";
  }
  return "?";
}

std::span<const hedge_edge> hedge_edges() {
  return edges;
}

std::optional<hedge_state> next_hedge_state(hedge_state from, hedge_event e) {
  for (const auto& x : edges)
    if (x.from == from && x.event == e)
      return x.to;
  return std::nullopt;
}

hedge* hedge_book::find(const std::string& id) {
  for (auto& h : hedges_)
    if (h.id == id || (!h.exit_trade.empty() && h.exit_trade == id))
      return &h;
  return nullptr;
}

void hedge_book::step(hedge& h, hedge_event e) {
  if (auto next = next_hedge_state(h.state, e))
    h.state = *next;
}

void hedge_book::close(hedge& h) {
  closed_pnl_ += h.realised + h.funding;
  ++closed_count_;
  auto id = h.id;
  std::erase_if(hedges_, [&](const hedge& x) { return x.id == id; });
}

void hedge_book::entering(std::string trade_id, int long_leg, int short_leg,
                          int64_t now_ns) {
  hedge h;
  h.id = std::move(trade_id);
  h.long_leg = long_leg;
  h.short_leg = short_leg;
  h.opened_ns = now_ns;
  hedges_.push_back(std::move(h));
}

bool hedge_book::exit_sent(const std::string& id, std::string exit_trade,
                           std::string reason) {
  auto* h = find(id);
  if (h == nullptr || h->state != hedge_state::open)
    return false;
  h->exit_trade = std::move(exit_trade);
  h->exit_reason = std::move(reason);
  step(*h, hedge_event::exit_sent);
  return true;
}

bool hedge_book::on_report(const trade_report& r, int64_t now_ns) {
  auto* h = find(r.trade_id);
  if (h == nullptr)
    return false;
  // Only a completed trade filled both legs; an unwound, failed or exposed
  // one bought and sold on one venue, or left a leg naked (execution
  // alerts on that): no hedge opened, none closed.
  bool completed = r.outcome == "completed";
  auto matched = completed ? min(r.bought, r.sold) : decimal{};
  h->realised += r.pnl_krw;
  if (h->state == hedge_state::entering) {
    if (!matched.is_positive()) {
      step(*h, hedge_event::empty);
      close(*h);
      return true;
    }
    h->size = matched;
    h->buy_price = ratio(r.buy_notional, r.bought);
    h->sell_price = ratio(r.sell_notional, r.sold);
    h->entry_basis = ratio(h->sell_price, h->buy_price) - decimal::from_int(1);
    h->opened_ns = now_ns;
    step(*h, hedge_event::filled);
    return true;
  }
  if (h->state != hedge_state::exiting || h->exit_trade != r.trade_id)
    return false;
  h->exit_trade.clear();
  h->size = h->size > matched ? h->size - matched : decimal{};
  if (h->size.is_positive()) {
    step(*h, hedge_event::kept);
    return true;
  }
  step(*h, hedge_event::filled);
  close(*h);
  return true;
}

decimal hedge_book::on_funding(int leg, const funding_payment& p) {
  decimal held;
  for (const auto& h : hedges_)
    if (h.state != hedge_state::entering && h.state != hedge_state::closed
        && (h.long_leg == leg || h.short_leg == leg))
      held += h.size;
  if (!held.is_positive())
    return {};
  decimal credited;
  for (auto& h : hedges_)
    if (h.state != hedge_state::entering && h.state != hedge_state::closed
        && (h.long_leg == leg || h.short_leg == leg)) {
      auto part = decimal::mul(p.amount, ratio(h.size, held))
                    .value_or(decimal{});
      h.funding += part;
      credited += part;
    }
  funding_total_ += credited;
  return credited;
}

int hedge_book::live() const {
  return static_cast<int>(hedges_.size());
}

std::vector<const hedge*> hedge_book::open() const {
  std::vector<const hedge*> out;
  for (const auto& h : hedges_)
    if (h.state == hedge_state::open)
      out.push_back(&h);
  return out;
}

} // namespace karb::strategy
