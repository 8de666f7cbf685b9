#include "actors/execution/trade_fsm.hpp"

#include <array>

namespace karb::execution {

namespace {

using s = trade_state;
using e = trade_event;

// One line per legal edge; anything else is refused.
constexpr std::array<trade_edge, 18> edges{{
  {s::planned, e::submit, s::legs_submitted},
  {s::planned, e::recover, s::legs_submitted},      // legs may be out there
  {s::legs_submitted, e::recover, s::legs_submitted},
  {s::legs_submitted, e::balanced, s::done},
  {s::legs_submitted, e::nothing_filled, s::failed},
  {s::legs_submitted, e::imbalanced, s::exposed},   // a leg failed or short
  {s::exposed, e::reprice, s::repricing},
  {s::exposed, e::unwind, s::unwinding},            // reprices used or caps
  {s::exposed, e::recover, s::unwinding},           // restart: no reprice
  {s::repricing, e::balanced, s::done},
  {s::repricing, e::imbalanced, s::exposed},
  {s::repricing, e::recover, s::unwinding},
  {s::unwinding, e::balanced, s::flat},
  {s::unwinding, e::unwind, s::unwinding},          // retry, one band wider
  {s::unwinding, e::give_up, s::stuck},             // alert, stay exposed
  {s::unwinding, e::recover, s::unwinding},
  {s::stuck, e::recover, s::unwinding},             // restart: try again
  {s::stuck, e::retry, s::unwinding},               // back-off elapsed
}};

constexpr std::array<const char*, 9> state_names{
  "planned", "legs_submitted", "exposed", "repricing", "unwinding",
  "done", "flat", "failed", "stuck"};

} // namespace

std::string to_string(trade_state x) {
  return state_names[static_cast<size_t>(x)];
}

std::optional<trade_state> trade_state_from_string(std::string_view text) {
  for (size_t i = 0; i < state_names.size(); ++i)
    if (text == state_names[i])
      return static_cast<trade_state>(i);
  return std::nullopt;
}

std::string to_string(trade_event x) {
  switch (x) {
    case e::submit: return "submit";
    case e::recover: return "recover";
    case e::balanced: return "balanced";
    case e::nothing_filled: return "nothing_filled";
    case e::imbalanced: return "imbalanced";
    case e::reprice: return "reprice";
    case e::unwind: return "unwind";
    case e::give_up: return "give_up";
    case e::retry: return "retry";
  }
  return "invalid";
}

bool is_final(trade_state x) {
  return x == s::done || x == s::flat || x == s::failed;
}

std::string outcome_of(trade_state x) {
  switch (x) {
    case s::done: return "completed";
    case s::flat: return "unwound";
    case s::failed: return "failed";
    case s::stuck: return "exposed";
    default: return {};
  }
}

std::span<const trade_edge> trade_edges() {
  return edges;
}

std::optional<trade_state> next_state(trade_state from, trade_event ev) {
  for (const auto& x : edges)
    if (x.from == from && x.event == ev)
      return x.to;
  return std::nullopt;
}

std::string to_string(leg_role r) {
  switch (r) {
    case leg_role::entry: return "entry";
    case leg_role::reprice: return "reprice";
    case leg_role::unwind: return "unwind";
    case leg_role::close: return "close";
  }
  return "invalid";
}

std::optional<leg_role> leg_role_from_string(std::string_view text) {
  if (text == "entry") return leg_role::entry;
  if (text == "reprice") return leg_role::reprice;
  if (text == "unwind") return leg_role::unwind;
  if (text == "close") return leg_role::close;
  return std::nullopt;
}

} // namespace karb::execution
