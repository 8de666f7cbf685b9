#include "actors/api/control.hpp"

#include <caf/all.hpp>
#include <nlohmann/json.hpp>

namespace karb::api {

control_fn make_control(caf::actor_system& sys, inspector_actor inspector,
                        std::chrono::milliseconds timeout) {
  auto* sys_ptr = &sys;
  return [sys_ptr, inspector, timeout](std::vector<std::string> args,
                                       control_done done) {
    sys_ptr->spawn([=](caf::event_based_actor* self) {
      self->request(inspector, timeout, atom::put_v, args)
        .then([done](const std::string& json) { done(json); },
              [self, done](caf::error& e) {
                done(nlohmann::json{{"error", "control command failed: "
                                                + self->system().render(e)}}
                       .dump());
              });
    });
  };
}

} // namespace karb::api
