#pragma once

// Turns a validated configuration into the node's children: which actors
// run, in which shutdown order, and what the node does when one fails.

#include <memory>
#include <vector>

#include "actors/node/node.hpp"
#include "config/settings.hpp"
#include "messages/interfaces.hpp"

namespace karb::net {
class io_runner;
} // namespace karb::net

namespace karb::app {

/// What every child may need from outside the node.
struct deps {
  event_bus_actor bus;
  std::shared_ptr<net::io_runner> io;  ///< network threads (sessions, webhook)
};

/// The supervision parameters from the config's `supervision:` section.
node::supervision_params supervision_from(const config::supervision_settings& s);

/// The node's children for this configuration.
std::vector<node::child_spec> build_children(const config::settings& cfg,
                                             const deps& d);

/// The complete node setup (name, supervision, children, timers).
node::node_setup build_node(const config::settings& cfg, const deps& d);

} // namespace karb::app
