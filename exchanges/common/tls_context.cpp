#include "exchanges/common/tls_context.hpp"

#include "exchanges/common/detail/tls_verify.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>

#include <stdexcept>

namespace karb::net {

namespace ssl = boost::asio::ssl;

tls_context::tls_context(const tls_config& cfg)
  : cfg_(cfg), ctx_(std::make_unique<ssl::context>(ssl::context::tls_client)) {
  auto* native = ctx_->native_handle();
  SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
  ctx_->set_options(ssl::context::default_workarounds
                    | ssl::context::no_sslv2 | ssl::context::no_sslv3);
  ctx_->set_verify_mode(ssl::verify_peer);
  boost::system::error_code ec;
  if (cfg_.ca_file.empty())
    ctx_->set_default_verify_paths(ec);
  else
    ctx_->load_verify_file(cfg_.ca_file, ec);
  if (ec)
    throw std::runtime_error("tls: cannot load "
                             + (cfg_.ca_file.empty() ? std::string{"system "
                                                                   "trust "
                                                                   "store"}
                                                     : cfg_.ca_file)
                             + ": " + ec.message());
}

tls_context::~tls_context() = default;

ssl::context& tls_context::native() {
  return *ctx_;
}

std::shared_ptr<tls_context> make_tls_context(const tls_config& cfg) {
  return std::make_shared<tls_context>(cfg);
}

// -- per-connection helpers ---------------------------------------------------

namespace detail {

bool is_ip_literal(const std::string& host) {
  boost::system::error_code ec;
  boost::asio::ip::make_address(host, ec);
  return !ec;
}

bool verify_host(const std::string& host, bool preverified,
                 ssl::verify_context& ctx) {
  if (!preverified)
    return false;
  if (ssl::host_name_verification{host}(preverified, ctx))
    return true;
  X509_STORE_CTX_set_error(ctx.native_handle(),
                           is_ip_literal(host)
                             ? X509_V_ERR_IP_ADDRESS_MISMATCH
                             : X509_V_ERR_HOSTNAME_MISMATCH);
  return false;
}

std::string tls_failure_reason(SSL* ssl, const std::string& ec_message) {
  long v = ssl ? SSL_get_verify_result(ssl) : X509_V_OK;
  if (v != X509_V_OK)
    return "certificate verify failed: "
           + std::string(X509_verify_cert_error_string(v));
  return ec_message;
}

} // namespace detail

} // namespace karb::net
