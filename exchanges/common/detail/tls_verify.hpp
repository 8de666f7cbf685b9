#pragma once

// Per-connection TLS client set-up for the Beast session .cpp files only
// (includes asio ssl): SNI and host-name / IP verification.

#include <boost/asio/ssl.hpp>

#include <string>

namespace karb::net::detail {

/// Sets SNI (DNS names only, never IP literals, per RFC 6066) and installs
/// a verify callback checking `host` against the certificate's DNS names,
/// or its IP addresses when `host` is an address. A mismatch is recorded as
/// X509_V_ERR_HOSTNAME_MISMATCH / IP_ADDRESS_MISMATCH so that
/// tls_failure_reason() can name it. Returns false if SNI could not be set.
template <class SslStream>
bool prepare_client_tls(SslStream& s, const std::string& host);

/// A readable reason for a failed handshake: the OpenSSL verify result when
/// verification failed ("certificate verify failed: hostname mismatch"),
/// else the error message.
std::string tls_failure_reason(SSL* ssl, const std::string& ec_message);

bool is_ip_literal(const std::string& host);

bool verify_host(const std::string& host, bool preverified,
                 boost::asio::ssl::verify_context& ctx);

template <class SslStream>
bool prepare_client_tls(SslStream& s, const std::string& host) {
  bool ok = true;
  if (!is_ip_literal(host))
    ok = SSL_set_tlsext_host_name(s.native_handle(), host.c_str()) == 1;
  s.set_verify_mode(boost::asio::ssl::verify_peer);
  s.set_verify_callback(
    [host](bool preverified, boost::asio::ssl::verify_context& ctx) {
      return verify_host(host, preverified, ctx);
    });
  return ok;
}

} // namespace karb::net::detail
