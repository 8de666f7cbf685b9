#include "actors/app/reloader.hpp"

#include <caf/all.hpp>
#include <nlohmann/json.hpp>

#include "actors/common/clock.hpp"
#include "actors/log/logging.hpp"
#include "actors/node/node.hpp"
#include "actors/strategy/instance_name.hpp"

namespace karb::app {

namespace {

using self_ptr = reloader_actor::stateful_pointer<reloader_state>;
using nlohmann::json;

constexpr const char* source = "reloader";

const config::strategy_settings* find(const config::settings& s,
                                      const std::string& id) {
  for (auto& st : s.strategies)
    if (st.id == id)
      return &st;
  return nullptr;
}

/// What the node must do: children to stop and forget, children to add or
/// replace.
struct node_ops {
  std::vector<std::string> remove;
  std::vector<node::child_spec> put;
};

node_ops ops_for(const reload_plan& p, const config::settings& old,
                 const config::settings& next, const deps& d) {
  node_ops ops;
  auto drop_all = [&](const std::string& id) {
    for (auto& iid : instance_ids(*find(old, id)))
      ops.remove.push_back(strategy::instance_name(iid));
  };
  for (auto& id : p.removed)
    drop_all(id);
  for (auto& id : p.added)
    for (auto& spec : strategy_children(next, *find(next, id), d))
      ops.put.push_back(std::move(spec));
  for (auto& id : p.changed) {
    auto specs = strategy_children(next, *find(next, id), d);
    for (auto& iid : instance_ids(*find(old, id))) {
      auto name = strategy::instance_name(iid);
      bool kept = false;
      for (auto& s : specs)
        kept = kept || s.name == name;
      if (!kept)
        ops.remove.push_back(name);
    }
    for (auto& spec : specs)
      ops.put.push_back(std::move(spec));
  }
  return ops;
}

json detail_of(const reload_plan& p, const std::string& file) {
  json risk = json::array();
  for (auto& c : p.risk)
    risk.push_back({{"key", c.key}, {"old", c.old_value}, {"new", c.new_value}});
  return {{"file", file},
          {"added", p.added},
          {"removed", p.removed},
          {"changed", p.changed},
          {"risk", risk}};
}

/// Counts the node's answers; replies once the last one is in.
struct pending_reply {
  caf::typed_response_promise<std::string> rp;
  std::string line;
  size_t left = 0;
  std::vector<std::string> errors;

  void done() {
    if (--left > 0)
      return;
    if (errors.empty()) {
      rp.deliver(line);
      return;
    }
    auto msg = line + "; node errors:";
    for (auto& e : errors)
      msg += " " + e;
    rp.deliver(msg);
  }
};

caf::result<std::string> apply(self_ptr self, const reload_plan& plan,
                               config::settings next) {
  auto& st = self->state;
  auto& d = st.setup.d;
  auto ops = ops_for(plan, st.setup.current, next, d);
  auto detail = detail_of(plan, st.setup.config_file);
  {
    std::lock_guard<std::mutex> g{d.handles->mtx};
    for (auto& name : ops.remove)
      d.handles->strategies.erase(
        std::string{strategy::instance_id_of(name)});
    if (!plan.risk.empty()) {
      d.handles->risk_limits = next.risk;
      if (d.handles->risk)
        self->send(d.handles->risk, atom::put_v, next.risk);
    }
    if (d.handles->store)
      self->send(d.handles->store,
                 audit_row{wall_ns(), "", "", "config_reloaded",
                           detail.dump()});
  }
  log::info(source, "config_reloaded", detail);
  st.setup.current = std::move(next);
  auto line = summary(plan);
  auto n = ops.remove.size() + ops.put.size();
  if (n == 0 || !st.setup.node)
    return line;
  auto pr = std::make_shared<pending_reply>();
  pr->rp = self->make_response_promise<std::string>();
  pr->line = line;
  pr->left = n;
  auto on_err = [self, pr](const std::string& what) {
    return [self, pr, what](caf::error& e) {
      pr->errors.push_back(what + ": " + self->system().render(e));
      pr->done();
    };
  };
  auto timeout = st.setup.ask_timeout;
  for (auto& name : ops.remove)
    self->request(st.setup.node, timeout, atom::remove_v, name)
      .then([pr](atom::ok) { pr->done(); }, on_err(name));
  for (auto& spec : ops.put) {
    auto name = spec.name;
    auto ptr = std::make_shared<const node::child_spec>(std::move(spec));
    self->request(st.setup.node, timeout, atom::put_v, child_spec_ptr{ptr})
      .then([pr](atom::ok) { pr->done(); }, on_err(name));
  }
  return pr->rp;
}

} // namespace

reloader_actor::behavior_type reloader(self_ptr self, reloader_setup setup) {
  self->state.setup = std::move(setup);
  return {
    [=](atom::reload) -> caf::result<std::string> {
      auto& st = self->state;
      auto loaded = config::load(st.setup.config_file, st.setup.env);
      if (!loaded.errors.empty()) {
        auto reason = config::to_string(loaded.errors.front());
        if (loaded.errors.size() > 1)
          reason += " (and " + std::to_string(loaded.errors.size() - 1)
                    + " more problems)";
        log::warn(source, "config_reload_refused", {{"reason", reason}});
        return refusal(reason + "; the running configuration stays");
      }
      auto plan = plan_reload(st.setup.current, *loaded.value);
      if (plan.refused()) {
        log::warn(source, "config_reload_refused",
                  {{"restart_needed", plan.restart_needed}});
        return summary(plan);
      }
      return apply(self, plan, std::move(*loaded.value));
    },
  };
}

} // namespace karb::app
