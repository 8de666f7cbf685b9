#include "tools/karb/api_wiring.hpp"

#include <caf/all.hpp>

#include "actors/api/control.hpp"
#include "actors/api/grpc/serve.hpp"
#include "actors/metrics/process_metrics.hpp"
#include "actors/metrics/registry.hpp"

namespace karb::cli {

api_side make_api_side(caf::actor_system& sys,
                       inspector::inspector_setup setup,
                       const config::settings& cfg) {
  api_side out;
  out.board = std::make_shared<api::snapshot_board>();
  auto bus = setup.bus;
  setup.control = true;
  out.inspector = sys.spawn(inspector::inspector, std::move(setup));
  out.publisher = api::start_publisher(sys, out.board, out.inspector, bus,
                                       cfg, cfg.node.api.snapshot_ms);
  return out;
}

bool serve_api(caf::actor_system& sys, const config::api_settings& cfg,
               api_side& side, std::string& error) {
  api::server_setup s;
  s.bind = cfg.bind;
  s.port = static_cast<uint16_t>(cfg.port);
  s.certificate = cfg.certificate;
  s.key = cfg.key;
  s.routes.board = side.board;
  auto control = api::make_control(sys, side.inspector);
  s.routes.control = control;
  s.routes.token = cfg.token;
  s.routes.reads_need_token = !config::is_loopback(cfg.bind);
  s.routes.metrics_text = [] {
    auto& reg = metrics::global();
    metrics::update_process_metrics(reg);
    return reg.render();
  };
  side.server = api::server::start(std::move(s), error);
  if (!side.server)
    return false;
  side.grpc = api::serve_grpc(cfg, *side.board, control, error);
  return side.grpc != nullptr || error.empty();
}

} // namespace karb::cli
