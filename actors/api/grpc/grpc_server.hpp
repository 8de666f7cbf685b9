#pragma once

// The node's gRPC server (karb.v1.Karb, see karb.proto): reads from the
// snapshot board, controls through the control function, the Subscribe
// stream. No gRPC header here, so including this costs nothing.

#include <cstdint>
#include <memory>
#include <string>

#include "actors/api/control.hpp"
#include "messages/secret.hpp"

namespace karb::api {

class snapshot_board;

struct grpc_server_setup {
  std::string bind = "127.0.0.1";
  uint16_t port = 0;          ///< 0: any free port
  std::string certificate;    ///< PEM files; both set: TLS, else plaintext
  std::string key;
  secret token;               ///< empty: control commands are refused
};

class grpc_server {
public:
  /// Listens and serves until stop(); `board` must outlive the server. On
  /// failure returns null and says why in `error`.
  static std::unique_ptr<grpc_server>
  start(const grpc_server_setup& setup, snapshot_board& board,
        control_fn control, std::string& error);

  ~grpc_server();

  /// The port it listens on (the chosen one when asked for port 0).
  uint16_t port() const;

  /// Ends every open Subscribe stream (UNAVAILABLE) and shuts down within
  /// about a second, cancelling calls still running then. Idempotent.
  void stop();

  struct impl;

private:
  explicit grpc_server(std::unique_ptr<impl> x);

  std::unique_ptr<impl> impl_;
};

} // namespace karb::api
