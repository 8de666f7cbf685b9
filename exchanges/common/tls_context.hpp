#pragma once

// The client TLS context shared by all sessions: TLS 1.2+, verify_peer
// against the system trust store, or against `ca_file` only when it is set
// (the simulator's self-signed CA). Per connection the sessions also set
// SNI and check the host name or IP address of the certificate (see
// detail/tls_verify.hpp). No asio include here.

#include <memory>
#include <string>

namespace boost::asio::ssl {
class context;
} // namespace boost::asio::ssl

namespace karb::net {

struct tls_config {
  /// PEM file of trusted CA certificates; empty: the system trust store.
  std::string ca_file;
};

class tls_context {
public:
  /// Builds the context; throws std::runtime_error if the CA file cannot be
  /// loaded (a misconfiguration should stop the node at start-up).
  explicit tls_context(const tls_config& cfg = {});
  ~tls_context();

  tls_context(const tls_context&) = delete;
  tls_context& operator=(const tls_context&) = delete;

  const tls_config& config() const { return cfg_; }

  /// The asio context, for the session implementations.
  boost::asio::ssl::context& native();

private:
  tls_config cfg_;
  std::unique_ptr<boost::asio::ssl::context> ctx_;
};

/// A shared context from `cfg` (throws like the constructor).
std::shared_ptr<tls_context> make_tls_context(const tls_config& cfg = {});

} // namespace karb::net
