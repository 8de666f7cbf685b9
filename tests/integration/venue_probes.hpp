#pragma once

// What the venue integration tests share: an order listener that records
// every update, and an actor system configured for them.

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <caf/all.hpp>

#include "messages/interfaces.hpp"
#include "messages/type_ids.hpp"

namespace karb::test {

/// Every order update a probe saw.
struct updates {
  std::mutex mtx;
  std::vector<order_update> seen;

  bool has(const std::string& cid, order_status s) {
    std::lock_guard<std::mutex> lock{mtx};
    for (auto& u : seen)
      if (u.state.client_order_id == cid && u.state.status == s)
        return true;
    return false;
  }
};

inline order_listener_actor::behavior_type
order_probe(order_listener_actor::pointer, std::shared_ptr<updates> c) {
  return {
    [=](const order_update& u) {
      std::lock_guard<std::mutex> lock{c->mtx};
      c->seen.push_back(u);
    },
    [](atom::reconnect, const std::string&) {},
  };
}

/// Two scheduler threads, quiet CAF logs, karb's message types.
inline caf::actor_system_config& prepare(caf::actor_system_config& cfg) {
  cfg.add_message_types<caf::id_block::karb>();
  cfg.set("scheduler.max-threads", 2);
  cfg.set("logger.console-verbosity", caf::atom("quiet"));
  cfg.set("logger.file-verbosity", caf::atom("quiet"));
  return cfg;
}

} // namespace karb::test
