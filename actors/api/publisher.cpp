#include "actors/api/publisher.hpp"

#include <chrono>

#include <caf/all.hpp>

#include "actors/api/config_json.hpp"

namespace karb::api {

namespace {

int64_t steady_ms(publisher_pointer self) {
  return steady_ns(self) / 1'000'000;
}

void write(snapshot_board& board, std::vector<board_write> writes) {
  for (auto& w : writes)
    if (w.stream)
      board.append(w.topic, std::move(w.json));
    else
      board.put(w.topic, std::move(w.json));
}

void refresh(publisher_pointer self, const publisher_setup& setup) {
  auto& core = *self->state.core;
  auto now = steady_ms(self);
  write(*setup.board, core.expire(now));
  auto timeout = std::chrono::milliseconds{setup.params.request_timeout_ms};
  for (auto& r : core.due(now))
    self->request(setup.inspector, timeout, atom::get_v, r.command)
      .then(
        [self, board = setup.board, wall = setup.wall,
         topic = r.topic](const std::string& answer) {
          write(*board, self->state.core->answered(topic, answer, wall.ms()));
        },
        [self, topic = r.topic](const caf::error&) {
          self->state.core->failed(topic);
        });
}

} // namespace

api_publisher_actor::behavior_type publisher(publisher_pointer self,
                                             publisher_setup setup) {
  self->state.core = std::make_unique<publisher_core>(setup.plan,
                                                      setup.params);
  write(*setup.board, self->state.core->initial(setup.config_json));
  auto period = std::chrono::milliseconds{self->state.core->tick_ms()};
  refresh(self, setup);
  self->delayed_send(self, period, atom::tick_v);
  return {
    [=](const event& e) {
      write(*setup.board, self->state.core->on_event(e, steady_ms(self),
                                                     setup.wall.ms()));
    },
    [=](atom::tick) {
      refresh(self, setup);
      self->delayed_send(self, period, atom::tick_v);
    },
  };
}

api_publisher_actor start_publisher(caf::actor_system& sys,
                                    std::shared_ptr<snapshot_board> board,
                                    inspector_actor api_inspector,
                                    event_bus_actor bus,
                                    const config::settings& cfg,
                                    int64_t snapshot_ms) {
  publisher_setup s;
  s.board = std::move(board);
  s.inspector = std::move(api_inspector);
  s.plan = plan_from(cfg);
  s.params.snapshot_ms = snapshot_ms;
  s.config_json = config_json(cfg).dump();
  auto hdl = sys.spawn(publisher, std::move(s));
  caf::anon_send(bus, atom::subscribe_v,
                 caf::actor_cast<event_sink_actor>(hdl));
  return hdl;
}

} // namespace karb::api
