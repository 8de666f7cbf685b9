#pragma once

// The order-safety invariant, checked after any scenario: every order the
// simulator holds for the account with the node's client-id prefix is in
// the node's store in the venue's state with the venue's fills; no client
// id was written to a venue twice; the base asset is flat across venues.

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/trading/harness.hpp"

namespace karb::test {

struct invariant_report {
  int venue_orders = 0;  ///< the simulator's orders with the prefix
  int ghosts = 0;        ///< missing from the store, or in another state
  int duplicates = 0;    ///< client ids placed more than once
  decimal net_base;      ///< BTC moved across both venues (sim)
  std::vector<std::string> problems;

  bool clean(decimal naked_cap = dec("0.00000001")) const {
    return ghosts == 0 && duplicates == 0 && net_base.abs() <= naked_cap;
  }
  std::string text() const {
    std::ostringstream s;
    s << "venue orders " << venue_orders << ", ghosts " << ghosts
      << ", duplicates " << duplicates << ", net BTC " << net_base.to_string();
    for (auto& p : problems)
      s << "\n  " << p;
    return s.str();
  }
};

/// The store status a simulator order state stands for: "wait" is live
/// (open or partially filled), "done" filled, "cancel" cancelled (filled
/// when it executed its whole volume first).
inline bool status_agrees(const nlohmann::json& o, const store_order& s) {
  auto state = o.value("state", "");
  auto executed = decimal::parse(o.value("executed_volume", "0"))
                    .value_or(decimal{});
  auto volume = decimal::parse(o.value("volume", "0")).value_or(decimal{});
  if (state == "wait")
    return s.status == "open" || s.status == "partially_filled";
  if (state == "done" || (volume.is_positive() && executed >= volume))
    return s.status == "filled";
  if (state == "cancel")
    return s.status == "cancelled";
  return false;
}

/// What differs between a Korean venue's order `o` (its simulator state)
/// and the stored order `s`: status or filled volume; empty when they
/// agree.
inline std::string order_mismatch(const nlohmann::json& o,
                                  const store_order& s) {
  auto executed = decimal::parse(o.value("executed_volume", "0"))
                    .value_or(decimal{});
  auto filled = decimal::parse(s.filled.empty() ? "0" : s.filled)
                  .value_or(decimal{});
  if (status_agrees(o, s) && executed == filled)
    return {};
  return "state differs: " + s.client_order_id + " venue "
         + o.value("state", "") + " executed " + executed.to_string()
         + ", store " + s.status + " filled " + filled.to_string();
}

/// Counts, per client id, the order placements the simulator processed
/// (its request log: a POST of an order that reached the engine).
inline std::map<std::string, int>
placements(const std::filesystem::path& request_log) {
  std::map<std::string, int> out;
  std::ifstream in{request_log};
  std::string line;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || j.value("method", "") != "POST")
      continue;
    auto order = j.value("order", nlohmann::json{});
    if (!order.is_object() || !order.contains("uuid"))
      continue; // refused before the engine: nothing placed
    auto id = order.value("identifier", order.value("client_order_id", ""));
    if (!id.empty())
      ++out[id];
  }
  return out;
}

inline invariant_report check_invariant(trading_env& env,
                                        const std::string& prefix = "karb-") {
  invariant_report r;
  auto state = sim_state(env.admin());
  std::map<std::string, store_order> stored;
  for (auto& o : store_orders(env.db()))
    stored[o.client_order_id] = o;
  for (auto& o : sim_orders(state)) {
    auto id = o.value("identifier", "");
    if (id.rfind(prefix, 0) != 0)
      continue;
    ++r.venue_orders;
    auto s = stored.find(id);
    if (s == stored.end()) {
      ++r.ghosts;
      r.problems.push_back("not in the store: " + id + " (" + o.dump()
                           + ")");
      continue;
    }
    if (auto problem = order_mismatch(o, s->second); !problem.empty()) {
      ++r.ghosts;
      r.problems.push_back(std::move(problem));
    }
  }
  for (auto& [id, n] : placements(env.dir() / "requests.jsonl"))
    if (n > 1 && id.rfind(prefix, 0) == 0) {
      ++r.duplicates;
      r.problems.push_back("placed " + std::to_string(n) + " times: " + id);
    }
  for (std::string v : {"upbit", "bithumb"})
    r.net_base += sim_total(state, v, "BTC")
                  - sim_total(env.start_state, v, "BTC");
  return r;
}

} // namespace karb::test
