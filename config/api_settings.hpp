#pragma once

// node.api: the node's one HTTP/WebSocket server (dashboard, REST, stream,
// /metrics, /health) and its gRPC service. Loopback by default; any other
// bind needs TLS (certificate and key) and a token, which control commands
// need on every bind.

#include <cstdint>
#include <string>

#include "messages/secret.hpp"

namespace karb::config {

struct api_settings {
  std::string bind = "127.0.0.1";
  int64_t port = 9464;            ///< 0: any free port (tests)
  /// gRPC on the same bind; 0: any free port, -1: off.
  int64_t grpc_port = 9465;
  /// The environment variable holding the bearer token; the secrets file's
  /// `api_token` is the fallback. No token: control commands are refused.
  std::string token_env = "KARB_API_TOKEN";
  secret token;                   ///< resolved at load, never logged
  std::string certificate;        ///< PEM file; with `key`, serves TLS
  std::string key;
  /// How often the publisher refreshes the slow snapshot topics; books and
  /// spreads refresh four times as often.
  int64_t snapshot_ms = 1000;
};

/// Whether `bind` is a loopback address ("127.0.0.1", "localhost", "::1").
inline bool is_loopback(const std::string& bind) {
  return bind == "127.0.0.1" || bind == "localhost" || bind == "::1";
}

} // namespace karb::config
