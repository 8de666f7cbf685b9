#include "actors/execution/trade_fsm.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "actors/execution/order_fsm.hpp"

namespace karb::execution {

namespace {

using json = nlohmann::json;

decimal times(decimal a, decimal b) {
  return decimal::mul(a, b).value_or(decimal{});
}

} // namespace

trade_core::trade_core(trade_params p, std::string trade_id,
                       std::vector<leg_plan> entry_legs)
  : params_(std::move(p)), id_(std::move(trade_id)),
    entry_(std::move(entry_legs)) {
  for (size_t i = 0; i < entry_.size(); ++i) {
    entry_[i].leg = static_cast<int>(i);
    entry_[i].attempt = 1;
    if (entry_[i].role != leg_role::close) {
      entry_[i].role = leg_role::entry;
      continue;
    }
    target_net_ += entry_[i].order_side == side::buy ? entry_[i].amount
                                                     : -entry_[i].amount;
  }
}

// -- queries -------------------------------------------------------------------------

decimal trade_core::net_base() const {
  decimal net;
  for (const auto& o : orders_)
    net += o.plan.order_side == side::buy ? o.filled : -o.filled;
  return net;
}

decimal trade_core::fees() const {
  decimal sum;
  for (const auto& o : orders_)
    sum += o.fees;
  return sum;
}

decimal trade_core::filled(side s) const {
  decimal sum;
  for (const auto& o : orders_)
    if (o.plan.order_side == s)
      sum += o.filled;
  return sum;
}

decimal trade_core::notional(side s) const {
  decimal sum;
  for (const auto& o : orders_)
    if (o.plan.order_side == s)
      sum += o.notional;
  return sum;
}

decimal trade_core::mark() const {
  decimal sum;
  for (const auto& l : entry_)
    sum += l.price;
  if (entry_.empty())
    return {};
  return decimal::div(sum, decimal::from_int(static_cast<int64_t>(
                             entry_.size())))
    .value_or(decimal{});
}

decimal trade_core::pnl() const {
  // A close trade only moves a position the venue accounts for: what it
  // costs here is its fees (the position's PnL is the venue's).
  if (!target_net_.is_zero())
    return -fees();
  decimal cash;
  for (const auto& o : orders_)
    cash += o.plan.order_side == side::sell ? o.notional : -o.notional;
  return cash - fees() + times(net_base() - target_net_, mark());
}

const leg_plan* trade_core::entry(side sd) const {
  for (const auto& l : entry_)
    if (l.order_side == sd)
      return &l;
  return nullptr;
}

bool trade_core::all_terminal() const {
  for (const auto& o : orders_)
    if (!is_terminal(o.status))
      return false;
  return true;
}

int trade_core::next_attempt(int leg) const {
  int n = 1;
  for (const auto& o : orders_)
    if (o.plan.leg == leg)
      n = std::max(n, o.plan.attempt + 1);
  return n;
}

decimal trade_core::shifted(const leg_plan& ref, side sd, int bands) const {
  auto width = times(params_.reprice_band, decimal::from_int(bands));
  auto factor = sd == side::buy ? decimal::from_int(1) + width
                                : decimal::from_int(1) - width;
  auto price = times(ref.price, factor);
  if (params_.round_price)
    price = params_.round_price(ref.symbol, price, sd);
  return price;
}

std::vector<trade_step> trade_core::take_steps() {
  std::vector<trade_step> out;
  out.swap(steps_);
  return out;
}

// -- steps ---------------------------------------------------------------------------

void trade_core::step(trade_event ev, std::string detail) {
  auto next = next_state(state_, ev);
  if (!next) {
    note("refused", json{{"state", to_string(state_)},
                         {"event", to_string(ev)}}.dump());
    return;
  }
  steps_.push_back({state_, *next, to_string(ev), std::move(detail)});
  state_ = *next;
}

void trade_core::note(std::string what, std::string detail) {
  steps_.push_back({state_, state_, std::move(what), std::move(detail)});
}

trade_action trade_core::place(leg_plan plan, int64_t now_ns) {
  plan.attempt = next_attempt(plan.leg);
  tracked_order o;
  o.plan = plan;
  o.client_order_id = make_client_order_id(id_, plan.leg, plan.attempt);
  o.placed_ns = now_ns;
  orders_.push_back(o);
  note("place", json{{"client_order_id", o.client_order_id},
                     {"venue", plan.venue},
                     {"role", to_string(plan.role)},
                     {"side", to_string(plan.order_side)},
                     {"amount", plan.amount.to_string()},
                     {"price", plan.price.to_string()},
                     {"reduce_only", plan.reduce_only}}.dump());
  return {trade_action::kind::place, plan, o.client_order_id, {}};
}

// -- inputs --------------------------------------------------------------------------

std::vector<trade_action> trade_core::start(int64_t now_ns) {
  std::vector<trade_action> out;
  if (state_ != trade_state::planned)
    return out;
  step(trade_event::submit, json{{"legs", entry_.size()}}.dump());
  for (const auto& l : entry_)
    out.push_back(place(l, now_ns));
  return out;
}

std::vector<trade_action>
trade_core::resume(trade_state stored, std::vector<tracked_order> orders,
                   int64_t now_ns) {
  std::vector<trade_action> out;
  orders_ = std::move(orders);
  state_ = stored;
  for (const auto& o : orders_)
    if (o.plan.role == leg_role::reprice)
      ++reprices_;
  if (is_final(stored))
    return out;
  step(trade_event::recover, json{{"orders", orders_.size()}}.dump());
  if (state_ == trade_state::unwinding)
    force_unwind_ = true;
  evaluate(now_ns, out);
  return out;
}

std::vector<trade_action>
trade_core::on_order(const std::string& client_order_id, order_status status,
                     decimal filled, decimal notional, decimal fees,
                     int64_t now_ns) {
  std::vector<trade_action> out;
  for (auto& o : orders_) {
    if (o.client_order_id != client_order_id)
      continue;
    o.status = status;
    o.filled = filled;
    o.notional = notional;
    o.fees = fees;
  }
  auto net = (net_base() - target_net_).abs();
  if (net <= params_.flat_tolerance)
    exposed_since_ns_ = -1;
  else if (exposed_since_ns_ < 0)
    exposed_since_ns_ = now_ns;
  check_caps(now_ns, out);
  evaluate(now_ns, out);
  return out;
}

std::vector<trade_action> trade_core::on_timer(int64_t now_ns) {
  std::vector<trade_action> out;
  if (state_ == trade_state::stuck && retry_at_ns_ >= 0
      && now_ns >= retry_at_ns_)
    retry_stuck(now_ns, out);
  if (is_final(state_) || state_ == trade_state::stuck)
    return out;
  for (auto& o : orders_) {
    if (is_terminal(o.status) || o.cancel_sent
        || now_ns - o.placed_ns < params_.order_timeout_ns)
      continue;
    o.cancel_sent = true;
    note("order_timeout", json{{"client_order_id", o.client_order_id}}.dump());
    out.push_back({trade_action::kind::cancel, o.plan, o.client_order_id,
                   "order_timeout"});
  }
  check_caps(now_ns, out);
  return out;
}

// -- decisions -----------------------------------------------------------------------

void trade_core::check_caps(int64_t now_ns, std::vector<trade_action>& out) {
  bool running = state_ == trade_state::legs_submitted
                 || state_ == trade_state::repricing
                 || state_ == trade_state::exposed;
  if (!running || force_unwind_ || exposed_since_ns_ < 0)
    return;
  auto notional = times((net_base() - target_net_).abs(), mark());
  bool over_time = now_ns - exposed_since_ns_ >= params_.naked_time_cap_ns;
  // Legs in flight are naked only for a moment: the notional cap applies
  // once the trade is exposed, the time cap from the first imbalance.
  bool over_notional = state_ != trade_state::legs_submitted
                       && notional > params_.naked_notional_cap;
  if (!over_time && !over_notional)
    return;
  force_unwind_ = true;
  note("cap_exceeded", json{{"cap", over_time ? "time" : "notional"},
                            {"notional", notional.to_string()},
                            {"naked_ns", now_ns - exposed_since_ns_}}.dump());
  for (auto& o : orders_) {
    if (is_terminal(o.status) || o.cancel_sent
        || o.plan.role == leg_role::unwind)
      continue;
    o.cancel_sent = true;
    out.push_back({trade_action::kind::cancel, o.plan, o.client_order_id,
                   "cap_exceeded"});
  }
}

void trade_core::evaluate(int64_t now_ns, std::vector<trade_action>& out) {
  if (!all_terminal() || is_final(state_) || state_ == trade_state::stuck)
    return;
  auto net = net_base() - target_net_;
  bool flat = net.abs() <= params_.flat_tolerance;
  bool any_fill = false;
  for (const auto& o : orders_)
    any_fill = any_fill || o.filled.is_positive();
  auto detail = json{{"net", net.to_string()}}.dump();
  switch (state_) {
    case trade_state::legs_submitted:
    case trade_state::repricing:
      if (flat) {
        step(any_fill || state_ == trade_state::repricing
               ? trade_event::balanced
               : trade_event::nothing_filled,
             detail);
        finish(now_ns, out);
        return;
      }
      step(trade_event::imbalanced, detail);
      decide_exposed(now_ns, out);
      return;
    case trade_state::unwinding:
      if (flat) {
        step(trade_event::balanced, detail);
        finish(now_ns, out);
        return;
      }
      if (unwinds_ >= params_.max_unwinds) {
        step(trade_event::give_up, detail);
        finish(now_ns, out);
        return;
      }
      break;
    default:
      break;
  }
  if (state_ == trade_state::exposed)
    decide_exposed(now_ns, out);
  else if (state_ == trade_state::unwinding) {
    // Another unwind attempt, one band wider.
    step(trade_event::unwind, detail);
    decide_exposed(now_ns, out);
  }
}

void trade_core::decide_exposed(int64_t now_ns,
                                std::vector<trade_action>& out) {
  check_caps(now_ns, out);
  auto net = net_base() - target_net_;
  auto qty = net.abs();
  // Bought too much: sell the rest on the sell leg, or sell back on the
  // buy leg. Sold too much: the mirror image.
  side missing = net.is_positive() ? side::sell : side::buy;
  const leg_plan* short_leg = entry(missing);
  const leg_plan* long_leg = entry(opposite(missing));
  if (state_ == trade_state::exposed && !force_unwind_
      && reprices_ < params_.max_reprices && short_leg != nullptr) {
    ++reprices_;
    step(trade_event::reprice, json{{"qty", qty.to_string()}}.dump());
    leg_plan p = *short_leg;
    p.amount = qty;
    p.price = shifted(*short_leg, missing, 1);
    p.role = leg_role::reprice;
    out.push_back(place(p, now_ns));
    return;
  }
  if (state_ == trade_state::exposed)
    step(trade_event::unwind, json{{"qty", qty.to_string()}}.dump());
  if (long_leg == nullptr) {
    step(trade_event::give_up, json{{"reason", "no leg to unwind"}}.dump());
    finish(now_ns, out);
    return;
  }
  ++unwinds_;
  leg_plan p = *long_leg;
  p.order_side = missing;
  p.amount = qty;
  p.price = shifted(*long_leg, missing, unwinds_);
  p.role = leg_role::unwind;
  // Reversing a leg that opened a perpetual position only shrinks it;
  // reversing an exit would open one again, which is what it must do.
  p.reduce_only = long_leg->symbol.contract == contract_type::perpetual
                  && !long_leg->reduce_only;
  out.push_back(place(p, now_ns));
}

void trade_core::finish(int64_t now_ns, std::vector<trade_action>& out) {
  if (state_ != trade_state::stuck) {
    out.push_back({trade_action::kind::report, {}, {}, outcome_of(state_)});
    return;
  }
  bool can_retry = entry(side::buy) != nullptr
                   && entry(side::sell) != nullptr
                   && params_.stuck_retry_ns > 0;
  if (can_retry) {
    retry_after_ns_ = retry_after_ns_ == 0
                        ? params_.stuck_retry_ns
                        : std::min(2 * retry_after_ns_,
                                   params_.stuck_retry_cap_ns);
    retry_at_ns_ = now_ns + retry_after_ns_;
  }
  out.push_back({trade_action::kind::alert, {}, {},
                 "still exposed " + (net_base() - target_net_).to_string()
                   + " after unwinding"
                   + (can_retry ? "; unwinding again in "
                                    + std::to_string(retry_after_ns_
                                                     / 1'000'000'000)
                                    + " s"
                                : "")});
  // The trade ends here only when nothing could unwind it.
  if (!can_retry)
    out.push_back({trade_action::kind::report, {}, {}, outcome_of(state_)});
}

void trade_core::retry_stuck(int64_t now_ns, std::vector<trade_action>& out) {
  retry_at_ns_ = -1;
  unwinds_ = 0; // the market has moved: start again one band away
  force_unwind_ = true;
  step(trade_event::retry,
       json{{"net", (net_base() - target_net_).to_string()},
            {"after_ns", retry_after_ns_}}.dump());
  decide_exposed(now_ns, out);
}

} // namespace karb::execution
