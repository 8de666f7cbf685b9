#include "actors/api/grpc/serve.hpp"

#include "actors/log/logging.hpp"

namespace karb::api {

std::unique_ptr<grpc_server> serve_grpc(const config::api_settings& s,
                                        snapshot_board& board,
                                        control_fn control,
                                        std::string& error) {
  error.clear();
  if (s.grpc_port < 0)
    return nullptr;
  if (s.grpc_port > 65535) {
    error = "grpc_port " + std::to_string(s.grpc_port) + " is not a port";
  } else {
    grpc_server_setup setup{s.bind, static_cast<uint16_t>(s.grpc_port),
                            s.certificate, s.key, s.token};
    if (auto server = grpc_server::start(setup, board, std::move(control),
                                         error)) {
      log::info("api", "grpc_serving",
                {{"bind", s.bind},
                 {"port", server->port()},
                 {"tls", !s.certificate.empty()},
                 {"control", !s.token.empty()}});
      return server;
    }
  }
  log::error("api", "grpc_unavailable",
             {{"bind", s.bind}, {"port", s.grpc_port}, {"reason", error}});
  return nullptr;
}

} // namespace karb::api
