#include "actors/venue/transport.hpp"

#include "exchanges/common/http_pool.hpp"
#include "exchanges/common/io_runner.hpp"
#include "exchanges/common/tls_context.hpp"

namespace karb::venue {

ws_transport::~ws_transport() = default;
http_transport::~http_transport() = default;

namespace {

class net_ws final : public ws_transport {
public:
  net_ws(net::io_runner& io, net::ws_config cfg, net::ws_handlers h,
         std::shared_ptr<net::tls_context> tls)
    : client_(io, std::move(cfg), std::move(h), std::move(tls)) {
    // nop
  }
  void connect() override { client_.connect(); }
  void send_text(std::string data) override {
    client_.send_text(std::move(data));
  }
  void close() override { client_.close(); }

private:
  net::ws_client client_;
};

class net_http final : public http_transport {
public:
  net_http(net::io_runner& io, const net::http_client_config& cfg, int n,
           std::shared_ptr<net::tls_context> tls)
    : pool_(io, cfg, n, std::move(tls)) {
    // nop
  }
  ~net_http() override { pool_.close(); }
  void async_send(http::request req, net::http_callback cb) override {
    pool_.async_send(std::move(req), std::move(cb));
  }
  void close() override { pool_.close(); }

private:
  net::http_pool pool_;
};

} // namespace

venue_io make_net_io(net::io_runner& io, net::io_runner& rest_io,
                     std::shared_ptr<net::tls_context> tls,
                     int http_connections) {
  venue_io out;
  out.make_ws = [&io, tls](net::ws_config cfg, net::ws_handlers h) {
    return std::unique_ptr<ws_transport>(
      new net_ws(io, std::move(cfg), std::move(h), tls));
  };
  out.make_http = [&rest_io, tls,
                   http_connections](net::http_client_config cfg) {
    return std::shared_ptr<http_transport>(
      new net_http(rest_io, cfg, http_connections, tls));
  };
  return out;
}

} // namespace karb::venue
