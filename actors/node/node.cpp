#include "actors/node/node.hpp"

#include <algorithm>
#include <random>

#include <caf/all.hpp>
#include <nlohmann/json.hpp>

#include "actors/bus/event_bus.hpp"
#include "actors/log/logging.hpp"
#include "actors/metrics/registry.hpp"

namespace karb::node {

namespace {

using pointer = node_actor::stateful_pointer<node_state>;

void on_child_failure(pointer self, const std::string& name,
                      const std::string& reason);

void start_child(pointer self, const child_spec& spec) {
  caf::actor hdl;
  try {
    hdl = spec.spawn(self->system());
  } catch (const std::exception& e) {
    log::error("node", "child_start_failed",
               {{"child", spec.name}, {"reason", e.what()}});
  }
  if (!hdl) {
    self->state.core.started(spec.name, self->clock().now());
    on_child_failure(self, spec.name, "could not start");
    return;
  }
  self->monitor(hdl);
  self->state.running[spec.name] = hdl;
  (*self->state.alive)[spec.name] = hdl;
  self->state.core.started(spec.name, self->clock().now());
  metrics::global()
    .get_counter("karb_node_child_starts_total",
                 "child actor starts (first start and restarts)",
                 {{"child", spec.name}})
    .add();
  log::info("node", "child_started", {{"child", spec.name}});
  self->delayed_send(self, self->state.core.params().stable_after,
                     atom::tick_v, spec.name);
}

const child_spec* find_spec(pointer self, const std::string& name) {
  for (auto& s : self->state.setup.children)
    if (s.name == name)
      return &s;
  return nullptr;
}

void stop_gracefully(pointer self, const std::string& name) {
  auto i = self->state.running.find(name);
  if (i == self->state.running.end())
    return;
  auto spec = find_spec(self, name);
  if (spec && spec->stop)
    spec->stop(i->second);
  else
    self->send_exit(i->second, caf::exit_reason::user_shutdown);
}

void set_spec(pointer self, child_spec spec) {
  auto& children = self->state.setup.children;
  for (auto& s : children)
    if (s.name == spec.name) {
      s = std::move(spec);
      return;
    }
  if (!self->state.core.knows(spec.name))
    self->state.core.add(spec.name, spec.kind, spec.policy);
  children.push_back(std::move(spec));
}

void forget(pointer self, const std::string& name) {
  auto& st = self->state;
  auto& children = st.setup.children;
  children.erase(std::remove_if(children.begin(), children.end(),
                                [&](auto& s) { return s.name == name; }),
                 children.end());
  st.core.remove(name);
  st.held.erase(name);
  st.removing.erase(name);
  log::info("node", "child_removed", {{"child", name}});
}

/// A child stopped for a reload went down: start its successor or forget
/// it. False if it was not being stopped for a reload.
bool on_reload_down(pointer self, const std::string& name) {
  auto& st = self->state;
  if (auto i = st.replacing.find(name); i != st.replacing.end()) {
    auto spec = std::move(i->second);
    st.replacing.erase(i);
    st.core.stopped(name);
    set_spec(self, std::move(spec));
    log::info("node", "child_replaced", {{"child", name}});
    if (!st.held.count(name))
      start_child(self, *find_spec(self, name));
    return true;
  }
  if (st.removing.count(name)) {
    forget(self, name);
    return true;
  }
  return false;
}

// Sends exit to the next group of children; quits when none is left.
void stop_next_group(pointer self) {
  auto& groups = self->state.stop_groups;
  while (!groups.empty()) {
    auto& group = groups.front();
    std::vector<std::string> alive;
    for (auto& name : group)
      if (self->state.running.count(name))
        alive.push_back(name);
    if (!alive.empty()) {
      group = alive;
      for (auto& name : alive)
        self->send_exit(self->state.running[name],
                        caf::exit_reason::user_shutdown);
      return;
    }
    groups.erase(groups.begin());
  }
  log::info("node", "stopped");
  self->quit();
}

void on_down(pointer self, const caf::down_msg& dm) {
  auto& st = self->state;
  std::string name;
  for (auto& [n, hdl] : st.running)
    if (hdl.address() == dm.source)
      name = n;
  if (name.empty())
    return; // an older incarnation, already handled
  st.running.erase(name);
  st.alive->erase(name);
  if (st.shutting_down) {
    st.core.stopped(name);
    if (!st.stop_groups.empty()) {
      auto& g = st.stop_groups.front();
      g.erase(std::remove(g.begin(), g.end(), name), g.end());
      if (g.empty()) {
        st.stop_groups.erase(st.stop_groups.begin());
        stop_next_group(self);
      }
    }
    return;
  }
  if (on_reload_down(self, name))
    return;
  if (st.held.count(name)) {
    st.core.stopped(name);
    log::info("node", "child_held", {{"child", name}});
    return;
  }
  if (dm.reason == caf::exit_reason::normal) {
    st.core.stopped(name);
    log::info("node", "child_stopped", {{"child", name}});
    return;
  }
  on_child_failure(self, name, self->system().render(dm.reason));
}

void on_child_failure(pointer self, const std::string& name,
                      const std::string& reason) {
  auto& st = self->state;
  metrics::global()
    .get_counter("karb_node_child_failures_total",
                 "abnormal terminations of child actors", {{"child", name}})
    .add();
  auto d = st.core.failed(name, self->clock().now(), st.setup.random());
  switch (d.kind) {
    case failure_decision::restart_after:
      log::warn("node", "child_failed",
                {{"child", name}, {"reason", reason},
                 {"restart_in_ms", d.delay.count()},
                 {"breaker_opened", d.breaker_opened}});
      if (d.breaker_opened)
        publish_event(self, st.setup.bus, event_type::risk_alert, "node",
                      {{"reason", "circuit_breaker_open"},
                       {"child", name},
                       {"retry_in_ms", d.delay.count()}});
      self->delayed_send(self, d.delay, atom::restart_v, name);
      break;
    case failure_decision::escalate:
      log::error("node", "critical_child_failed",
                 {{"child", name}, {"reason", reason}});
      publish_event(self, st.setup.bus, event_type::emergency_stop, "node",
                    {{"reason", "critical_child_failed"}, {"child", name}});
      if (st.setup.on_escalate)
        st.setup.on_escalate(name);
      break;
    case failure_decision::stay_down:
      log::warn("node", "child_failed", {{"child", name}, {"reason", reason}});
      break;
  }
}

} // namespace

node_actor::behavior_type supervisor(pointer self, node_setup setup) {
  auto& st = self->state;
  if (!setup.random) {
    auto rng = std::make_shared<std::mt19937_64>(std::random_device{}());
    setup.random = [rng] {
      return std::uniform_real_distribution<double>{0.0, 1.0}(*rng);
    };
  }
  st.setup = std::move(setup);
  st.core = supervisor_core{st.setup.params};
  // Whatever ends the node, no child outlives it.
  self->attach_functor([alive = st.alive](const caf::error&) {
    for (auto& [_, hdl] : *alive)
      caf::anon_send_exit(hdl, caf::exit_reason::kill);
  });
  st.started_at = self->clock().now();
  self->set_down_handler([=](const caf::down_msg& dm) { on_down(self, dm); });
  for (auto& spec : st.setup.children)
    st.core.add(spec.name, spec.kind, spec.policy);
  for (auto& spec : st.setup.children)
    start_child(self, spec);
  publish_event(self, st.setup.bus, event_type::system_startup, "node",
                {{"node", st.setup.name},
                 {"children", st.setup.children.size()}});
  if (st.setup.status_interval.count() > 0)
    self->delayed_send(self, st.setup.status_interval, atom::tick_v);
  return {
    [=](atom::status) {
      auto now = self->clock().now();
      auto up = std::chrono::duration_cast<std::chrono::milliseconds>(
        now - self->state.started_at);
      return node_status{self->state.setup.name, up.count(),
                         self->state.core.statuses(now)};
    },
    [=](atom::halt, const std::string& name) -> caf::result<atom::ok> {
      auto& st = self->state;
      if (!find_spec(self, name))
        return caf::make_error(caf::sec::invalid_argument,
                               "no child named '" + name + "'");
      st.held.insert(name);
      log::info("node", "child_hold", {{"child", name}});
      if (auto i = st.running.find(name); i != st.running.end())
        self->send_exit(i->second, caf::exit_reason::user_shutdown);
      else
        st.core.stopped(name); // e.g. waiting for a restart
      return atom::ok_v;
    },
    [=](atom::resume, const std::string& name) -> caf::result<atom::ok> {
      auto& st = self->state;
      auto spec = find_spec(self, name);
      if (!spec)
        return caf::make_error(caf::sec::invalid_argument,
                               "no child named '" + name + "'");
      if (st.shutting_down)
        return caf::make_error(caf::sec::runtime_error,
                               "the node is shutting down");
      st.held.erase(name);
      if (!st.running.count(name)) {
        log::info("node", "child_release", {{"child", name}});
        start_child(self, *spec);
      }
      return atom::ok_v;
    },
    [=](atom::put, const child_spec_ptr& spec) -> caf::result<atom::ok> {
      auto& st = self->state;
      if (!spec || spec->name.empty())
        return caf::make_error(caf::sec::invalid_argument, "no child spec");
      if (st.shutting_down)
        return caf::make_error(caf::sec::runtime_error,
                               "the node is shutting down");
      auto name = spec->name;
      bool stopping = st.replacing.count(name) + st.removing.erase(name) > 0;
      if (st.running.count(name)) {
        // Replaced once the running incarnation is down (on_reload_down).
        st.replacing.insert_or_assign(name, *spec);
        if (!stopping)
          stop_gracefully(self, name);
        log::info("node", "child_replacing", {{"child", name}});
        return atom::ok_v;
      }
      set_spec(self, *spec);
      log::info("node", "child_added", {{"child", name}});
      if (!st.held.count(name))
        start_child(self, *find_spec(self, name));
      return atom::ok_v;
    },
    [=](atom::remove, const std::string& name) -> caf::result<atom::ok> {
      auto& st = self->state;
      if (!find_spec(self, name))
        return caf::make_error(caf::sec::invalid_argument,
                               "no child named '" + name + "'");
      st.replacing.erase(name);
      if (!st.running.count(name)) {
        forget(self, name);
        return atom::ok_v;
      }
      bool stopping = st.removing.count(name) > 0;
      st.removing.insert(name);
      if (!stopping)
        stop_gracefully(self, name);
      log::info("node", "child_removing", {{"child", name}});
      return atom::ok_v;
    },
    [=](atom::restart, const std::string& name) {
      if (self->state.shutting_down || self->state.running.count(name)
          || self->state.held.count(name))
        return;
      if (auto spec = find_spec(self, name))
        start_child(self, *spec);
    },
    [=](atom::tick, const std::string& name) {
      if (self->state.core.check_stable(name, self->clock().now()))
        log::info("node", "child_stable", {{"child", name}});
    },
    [=](atom::tick) {
      auto now = self->clock().now();
      nlohmann::json children = nlohmann::json::array();
      for (auto& c : self->state.core.statuses(now))
        children.push_back({{"name", c.name}, {"state", c.state},
                            {"restarts", c.restarts}, {"breaker", c.breaker}});
      auto up = std::chrono::duration_cast<std::chrono::seconds>(
        now - self->state.started_at);
      log::info("node", "alive",
                {{"uptime_s", up.count()}, {"children", children}});
      self->delayed_send(self, self->state.setup.status_interval, atom::tick_v);
    },
    [=](atom::shutdown) {
      if (self->state.shutting_down)
        return;
      self->state.shutting_down = true;
      log::info("node", "shutdown_begin");
      publish_event(self, self->state.setup.bus, event_type::system_shutdown,
                    "node", {{"node", self->state.setup.name}});
      // Group children by shutdown_order, lowest first.
      std::map<int, std::vector<std::string>> groups;
      for (auto& spec : self->state.setup.children)
        groups[spec.policy.shutdown_order].push_back(spec.name);
      for (auto& [_, names] : groups)
        self->state.stop_groups.push_back(names);
      self->delayed_send(self, self->state.setup.shutdown_timeout,
                         caf::timeout_atom_v);
      stop_next_group(self);
    },
    [=](caf::timeout_atom) {
      log::warn("node", "shutdown_deadline",
                {{"still_running", self->state.running.size()}});
      for (auto& [_, hdl] : self->state.running)
        self->send_exit(hdl, caf::exit_reason::kill);
      self->quit();
    },
  };
}

} // namespace karb::node
