#include "actors/store/store.hpp"

#include <algorithm>
#include <stdexcept>

#include <caf/all.hpp>

#include "actors/bus/event_bus.hpp"
#include "actors/log/logging.hpp"
#include "actors/store/journal_merge.hpp"

namespace karb::store {

namespace {

/// A write failed: log, alert, and halt trading (what is not stored
/// cannot be recovered after a crash).
void failed(store_pointer self, const store_setup& setup, const char* what,
            std::string msg = {}) {
  ++self->state.write_errors;
  if (msg.empty())
    msg = self->state.db->last_error();
  log::error("store", "write_failed", {{"what", what}, {"error", msg}});
  publish_event(self, setup.bus, event_type::risk_alert, "store",
                {{"reason", "store_write_failed"},
                 {"what", what},
                 {"error", msg}});
  if (setup.halt && self->state.gate.on_failure(self->clock().now()))
    setup.halt("store_write_failed: " + std::string{what} + ": " + msg);
}

/// Moves one batch of what is older than `keep` to the month's archive;
/// logs what moved, or why not (not a halt: the next hour tries again).
/// Returns whether more is due now.
bool archive_old(store_pointer self, const store_setup& setup) {
  auto now = setup.wall_clock();
  auto keep_ns = std::chrono::nanoseconds{setup.keep}.count();
  auto archive = archive_path_for(setup.path, now);
  auto r = self->state.db->archive_before(now - keep_ns, archive,
                                          setup.archive_batch);
  if (!r.ok()) {
    log::warn("store", "store_archive_failed",
              {{"archive", archive}, {"error", r.error}});
    return false;
  }
  const auto& m = r.moved;
  if (m.total() > 0)
    log::info("store", "store_archived",
              {{"archive", archive},
               {"trades", m.trades},
               {"orders", m.orders},
               {"order_transitions", m.order_transitions},
               {"fills", m.fills},
               {"audit", m.audit},
               {"events", m.events},
               {"balances", m.balances},
               {"more", r.more}});
  return r.more && m.total() > 0;
}

} // namespace

store_actor::behavior_type store(store_pointer self, store_setup setup) {
  self->state.gate = halt_gate{setup.halt_every};
  if (!self->state.db)
    self->state.db = std::make_unique<store_db>(setup.path, setup.sync);
  if (!self->state.audit && !setup.audit_file.empty())
    self->state.audit = std::make_unique<audit_file>(setup.audit_file,
                                                     setup.audit_file_rotation);
  if (setup.keep.count() > 0)
    self->send(self, atom::tick_v);
  return {
    [=](const event& e) {
      if (!self->state.db->put_event(e))
        failed(self, setup, "event");
    },
    [=](atom::intent, const order_record& r) -> caf::result<atom::ok> {
      if (!self->state.db->put_order(r)) {
        failed(self, setup, "intent");
        return caf::make_error(caf::sec::runtime_error, "store write failed");
      }
      return atom::ok_v;
    },
    [=](const order_record& r) {
      if (!self->state.db->put_order(r))
        failed(self, setup, "order");
    },
    [=](const fill& f) {
      if (!self->state.db->put_fill(f))
        failed(self, setup, "fill");
    },
    [=](const trade_record& t) {
      if (!self->state.db->put_trade(t))
        failed(self, setup, "trade");
    },
    [=](const std::vector<balance>& bs) {
      if (!self->state.db->put_balances(bs))
        failed(self, setup, "balances");
    },
    [=](const audit_row& a) {
      // Both sinks get the same row; one failing does not stop the other.
      if (!self->state.db->put_audit(a))
        failed(self, setup, "audit");
      auto& file = self->state.audit;
      if (file && !file->append(a))
        failed(self, setup, "audit_file", file->last_error());
    },
    [=](atom::load) { return self->state.db->load_open(); },
    [=](atom::load, const std::string& trade_id) {
      return self->state.db->load_trade(trade_id);
    },
    [=](atom::get, const std::vector<std::string>& ids) {
      return self->state.db->orders(ids);
    },
    [=](atom::recent, int32_t n) {
      return self->state.db->recent_trades(std::min(n, int32_t{1000}));
    },
    [=](atom::tick) {
      // The next batch queues behind the writes that came meanwhile.
      if (archive_old(self, setup))
        self->send(self, atom::tick_v);
      else
        self->delayed_send(self, archive_every, atom::tick_v);
    },
  };
}

store_actor spawn_store(caf::actor_system& sys, store_setup setup) {
  // Open here, so that a bad path fails the caller, not a running actor.
  auto db = std::make_shared<std::unique_ptr<store_db>>(
    std::make_unique<store_db>(setup.path, setup.sync));
  if (!setup.journal.empty()) {
    auto m = merge_journal(**db, setup.journal);
    if (!m.error.empty())
      throw std::runtime_error("intent journal " + setup.journal + ": "
                               + m.error);
    if (m.trades > 0 || m.orders > 0)
      log::warn("store", "journal_merged",
                {{"trades", m.trades}, {"orders", m.orders}});
  }
  auto audit = std::make_shared<std::unique_ptr<audit_file>>(
    setup.audit_file.empty() ? nullptr
                             : std::make_unique<audit_file>(
                                 setup.audit_file, setup.audit_file_rotation));
  return sys.spawn(
    [db, audit](store_pointer self, store_setup s) {
      self->state.db = std::move(*db);
      self->state.audit = std::move(*audit);
      return store(self, std::move(s));
    },
    std::move(setup));
}

} // namespace karb::store
