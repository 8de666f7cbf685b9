#include "actors/api/server.hpp"

#include <mutex>
#include <optional>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>

#include "actors/api/session.hpp"
#include "exchanges/common/io_runner.hpp"

namespace karb::api {

namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

// Carries the board's updates (from the publisher's thread) onto the I/O
// thread; detached before the I/O thread goes, after which updates drop.
class board_feed {
public:
  board_feed(net::io_context& ctx, std::weak_ptr<server_state> state)
    : ctx_(&ctx), state_(std::move(state)) {
    // nop
  }

  void post(const board_entry& e) {
    std::lock_guard<std::mutex> guard{mtx_};
    if (!ctx_)
      return;
    net::post(*ctx_, [state = state_, e] {
      auto st = state.lock();
      if (!st)
        return;
      // deliver() never removes a client: iterate a copy anyway, a client
      // may be destroyed while this runs.
      auto clients = st->clients;
      for (auto& [id, weak] : clients)
        if (auto c = weak.lock())
          c->deliver(e);
    });
  }

  void detach() {
    std::lock_guard<std::mutex> guard{mtx_};
    ctx_ = nullptr;
  }

private:
  std::mutex mtx_;
  net::io_context* ctx_;
  std::weak_ptr<server_state> state_;
};

} // namespace

struct server::impl {
  std::unique_ptr<karb::net::io_runner> runner;
  std::shared_ptr<server_state> state;
  std::optional<tcp::acceptor> acceptor;  ///< destroyed before the runner
  std::shared_ptr<board_feed> feed;
  uint64_t board_listener = 0;
  uint16_t port = 0;
  bool stopped = false;

  // Beyond the cap a connection still gets its 503 (bounded by the header
  // timeout); beyond twice the cap it is closed at once.
  void accept_next() {
    acceptor->async_accept([this](boost::system::error_code ec,
                                  tcp::socket socket) {
      if (ec == net::error::operation_aborted)
        return;
      if (!ec) {
        auto n = state->connections;
        if (n < 2 * state->limits.max_connections)
          serve_connection(std::move(socket), state,
                           n >= state->limits.max_connections);
      }
      accept_next();
    });
  }

  bool load_tls(const server_setup& setup, std::string& error) {
    namespace ssl = net::ssl;
    auto ctx = std::make_shared<ssl::context>(ssl::context::tls_server);
    ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2
                     | ssl::context::no_sslv3 | ssl::context::no_tlsv1
                     | ssl::context::no_tlsv1_1);
    boost::system::error_code ec;
    ctx->use_certificate_chain_file(setup.certificate, ec);
    if (!ec)
      ctx->use_private_key_file(setup.key, ssl::context::pem, ec);
    if (ec) {
      error = "cannot load the API's certificate '" + setup.certificate
              + "' or key '" + setup.key + "': " + ec.message();
      return false;
    }
    state->tls = std::move(ctx);
    return true;
  }

  bool listen(const server_setup& setup, std::string& error) {
    boost::system::error_code ec;
    auto where = setup.bind + ":" + std::to_string(setup.port);
    auto addr = net::ip::make_address(
      setup.bind == "localhost" ? "127.0.0.1" : setup.bind, ec);
    if (ec) {
      error = "cannot listen on " + where + ": not an IP address";
      return false;
    }
    tcp::endpoint ep{addr, setup.port};
    acceptor.emplace(runner->context());
    acceptor->open(ep.protocol(), ec);
    if (!ec)
      acceptor->set_option(net::socket_base::reuse_address(true), ec);
    if (!ec)
      acceptor->bind(ep, ec);
    if (!ec)
      acceptor->listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
      error = "cannot listen on " + where + ": " + ec.message();
      return false;
    }
    port = acceptor->local_endpoint().port();
    return true;
  }

  void stop() {
    if (stopped)
      return;
    stopped = true;
    if (feed) {
      state->board->unsubscribe(board_listener);
      feed->detach();
    }
    runner->stop();
    acceptor.reset();
    // Destroying the context destroys every session and closes its socket.
    runner.reset();
  }
};

server::server(std::unique_ptr<impl> x) : impl_(std::move(x)) {
  // nop
}

server::~server() {
  stop();
}

std::unique_ptr<server> server::start(server_setup setup, std::string& error) {
  auto x = std::make_unique<impl>();
  x->state = std::make_shared<server_state>(std::move(setup.routes),
                                            setup.limits);
  bool tls = !setup.certificate.empty() || !setup.key.empty();
  if (tls && !x->load_tls(setup, error))
    return nullptr;
  x->runner = std::make_unique<karb::net::io_runner>(1);
  if (!x->listen(setup, error)) {
    x->stop();
    return nullptr;
  }
  x->feed = std::make_shared<board_feed>(x->runner->context(), x->state);
  x->board_listener = x->state->board->subscribe(
    [feed = x->feed](const board_entry& e) { feed->post(e); });
  net::post(x->runner->context(), [p = x.get()] { p->accept_next(); });
  return std::unique_ptr<server>{new server{std::move(x)}};
}

uint16_t server::port() const {
  return impl_->port;
}

bool server::tls() const {
  return impl_->state->tls != nullptr;
}

void server::stop() {
  impl_->stop();
}

} // namespace karb::api
