#include "actors/api/grpc/grpc_server.hpp"

#include <chrono>
#include <fstream>
#include <sstream>

#include <grpcpp/grpcpp.h>

#include "actors/api/grpc/service.hpp"
#include "config/api_settings.hpp"

namespace karb::api {

namespace {

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in{path};
  if (!in)
    return false;
  std::ostringstream text;
  text << in.rdbuf();
  out = text.str();
  return true;
}

std::shared_ptr<grpc::ServerCredentials>
credentials(const grpc_server_setup& s, std::string& error) {
  if (s.certificate.empty() && s.key.empty())
    return grpc::InsecureServerCredentials();
  if (s.certificate.empty() || s.key.empty()) {
    error = "TLS needs both a certificate and a key";
    return nullptr;
  }
  grpc::SslServerCredentialsOptions::PemKeyCertPair pair;
  if (!read_file(s.certificate, pair.cert_chain)) {
    error = "cannot read the certificate " + s.certificate;
    return nullptr;
  }
  if (!read_file(s.key, pair.private_key)) {
    error = "cannot read the key " + s.key;
    return nullptr;
  }
  grpc::SslServerCredentialsOptions options;
  options.pem_key_cert_pairs.push_back(std::move(pair));
  return grpc::SslServerCredentials(options);
}

} // namespace

struct grpc_server::impl {
  std::unique_ptr<karb_service> service;
  std::unique_ptr<grpc::Server> server;
  int port = 0;
  bool stopped = false;
};

std::unique_ptr<grpc_server>
grpc_server::start(const grpc_server_setup& setup, snapshot_board& board,
                   control_fn control, std::string& error) {
  auto creds = credentials(setup, error);
  if (!creds)
    return nullptr;
  auto x = std::make_unique<impl>();
  x->service = std::make_unique<karb_service>(board, std::move(control),
                                              setup.token,
                                              !config::is_loopback(setup.bind));
  auto host = setup.bind.find(':') == std::string::npos
                ? setup.bind
                : "[" + setup.bind + "]";
  auto address = host + ":" + std::to_string(setup.port);
  grpc::ServerBuilder builder;
  // gRPC sets SO_REUSEPORT by default: a port already taken would be
  // shared silently instead of refused.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  builder.AddListeningPort(address, creds, &x->port);
  builder.RegisterService(x->service.get());
  x->server = builder.BuildAndStart();
  if (!x->server || x->port == 0) {
    error = "cannot listen on " + address;
    return nullptr;
  }
  return std::unique_ptr<grpc_server>{new grpc_server(std::move(x))};
}

grpc_server::grpc_server(std::unique_ptr<impl> x) : impl_(std::move(x)) {
  // nop
}

grpc_server::~grpc_server() {
  stop();
}

uint16_t grpc_server::port() const {
  return static_cast<uint16_t>(impl_->port);
}

void grpc_server::stop() {
  if (impl_->stopped)
    return;
  impl_->stopped = true;
  impl_->service->close_streams();
  // Calls still running after the deadline (a control command waiting for
  // the inspector) are cancelled; Shutdown returns once all are done.
  impl_->server->Shutdown(std::chrono::system_clock::now()
                          + std::chrono::seconds{1});
}

} // namespace karb::api
