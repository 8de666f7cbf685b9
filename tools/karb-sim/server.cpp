// The single Beast translation unit of karb-sim: listeners, sessions, the
// market step timer and signal handling.

#include "tools/karb-sim/server.hpp"

#include <chrono>
#include <csignal>
#include <thread>

#include "tools/karb-sim/server_net.hpp"

namespace karb::sim {

using namespace net_detail;

time_ms now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
           std::chrono::system_clock::now().time_since_epoch())
    .count();
}

struct server::impl {
  simulator& sim;
  server_config cfg;
  hub h;
  std::optional<ssl::context> ctx;
  net::io_context ioc{1};
  std::vector<std::shared_ptr<listener>> venues;
  std::shared_ptr<listener> admin;
  net::steady_timer timer{ioc};
  std::chrono::steady_clock::time_point next;
  std::chrono::nanoseconds period{0};
  std::thread thread;
  bool running = false;

  impl(simulator& s, server_config c) : sim(s), cfg(std::move(c)), h(s) {}

  http::response admin_call(const http::request& req) {
    auto path = req.target.substr(0, req.target.find('?'));
    if (req.method == "POST" && path == "/step") {
      // Steps through the server so that subscribers see them.
      auto body = nlohmann::json::parse(req.body.empty() ? "{}" : req.body,
                                        nullptr, false);
      int n = body.is_object() ? body.value("n", 1) : 1;
      http::response r;
      r.headers.emplace_back("Content-Type", "application/json");
      if (n < 1 || n > 100000) {
        r.status = 400;
        r.body = R"({"ok":false,"error":"n must be 1..100000"})";
        return r;
      }
      for (int k = 0; k < n; ++k)
        h.publish_step();
      r.status = 200;
      r.body = nlohmann::json{{"ok", true}, {"steps", sim.steps()}}.dump();
      return r;
    }
    if (req.method == "POST" && path == "/feed") {
      // {"rate": N | "max"}: the pumps' new rate (feed-rate mode only).
      auto body = nlohmann::json::parse(req.body.empty() ? "{}" : req.body,
                                        nullptr, false);
      int64_t rate = 0;
      if (body.is_object() && body.contains("rate")) {
        auto& r = body["rate"];
        if (r.is_string() && r.get<std::string>() == "max")
          rate = -1;
        else if (r.is_number_integer() && r.get<int64_t>() > 0)
          rate = r.get<int64_t>();
      }
      http::response r;
      r.headers.emplace_back("Content-Type", "application/json");
      if (rate == 0 || cfg.feed_rate == 0) {
        r.status = 400;
        r.body = R"({"ok":false,"error":"rate must be > 0 or \"max\", )"
                 R"(and the simulator must run with --feed-rate"})";
        return r;
      }
      cfg.feed_rate = rate;
      h.feed_rate = rate;
      for (size_t v = 0; v < h.sessions.size(); ++v)
        h.for_each(v, [](ws_base& s) { s.retune(); });
      r.status = 200;
      r.body = nlohmann::json{{"ok", true}, {"feed_rate", rate}}.dump();
      return r;
    }
    if (req.method == "GET" && path == "/feed") {
      http::response r;
      r.status = 200;
      r.headers.emplace_back("Content-Type", "application/json");
      r.body = nlohmann::json{{"feed_rate", cfg.feed_rate},
                              {"frames_sent", h.frames.load()},
                              {"pumped", h.pumped.load()},
                              {"skipped", h.skipped.load()},
                              {"steps", h.steps.load()}}
                 .dump();
      return r;
    }
    auto r = sim.handle_admin(req, now_ms());
    h.drop_requested();
    for (size_t v = 0; v < h.sessions.size(); ++v)
      h.publish_private(v); // inject_order's myOrder / myAsset
    return r;
  }

  void schedule() {
    next += period;
    auto now = std::chrono::steady_clock::now();
    if (next < now - std::chrono::seconds(1))
      next = now; // fell far behind: do not try to catch up
    timer.expires_at(next);
    timer.async_wait([this](beast::error_code ec) {
      if (ec)
        return;
      h.drop_requested();
      h.publish_step();
      schedule();
    });
  }
};

server::server(simulator& sim, server_config cfg)
  : impl_(std::make_unique<impl>(sim, std::move(cfg))) {
}

server::~server() {
  stop();
}

void server::start() {
  auto& m = *impl_;
  if (m.running)
    return;
  if (m.cfg.tls) {
    m.ctx.emplace(ssl::context::tls_server);
    m.ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2
                       | ssl::context::no_sslv3 | ssl::context::no_tlsv1
                       | ssl::context::no_tlsv1_1);
    m.ctx->use_certificate_chain(net::buffer(m.cfg.cert_pem));
    m.ctx->use_private_key(net::buffer(m.cfg.key_pem), ssl::context::pem);
  }
  m.h.feed_rate = m.cfg.feed_rate;
  m.h.admin_handler = [&m](const http::request& r) { return m.admin_call(r); };
  for (size_t i = 0; i < m.sim.venue_count(); ++i) {
    uint16_t port = m.cfg.port_base == 0 ? 0
                                         : static_cast<uint16_t>(m.cfg.port_base + i);
    m.venues.push_back(std::make_shared<listener>(
      m.ioc, m.ctx ? &*m.ctx : nullptr, port, m.h, i));
    m.venues.back()->accept();
  }
  if (m.cfg.admin_port >= 0) {
    m.admin = std::make_shared<listener>(
      m.ioc, nullptr, static_cast<uint16_t>(m.cfg.admin_port), m.h, hub::admin);
    m.admin->accept();
  }
  if (m.cfg.run_steps) {
    m.period = std::chrono::nanoseconds(1'000'000'000LL
                                        / std::max(m.sim.book_hz(), 1));
    m.next = std::chrono::steady_clock::now();
    m.schedule();
  }
  m.running = true;
  m.thread = std::thread([&m] { m.ioc.run(); });
}

void server::stop() {
  auto& m = *impl_;
  if (!m.running)
    return;
  m.running = false;
  net::post(m.ioc, [&m] {
    beast::error_code ec;
    m.timer.cancel();
    for (auto& l : m.venues)
      l->close();
    if (m.admin)
      m.admin->close();
    for (size_t v = 0; v < m.h.sessions.size(); ++v)
      m.h.for_each(v, [](ws_base& s) { s.drop(); });
    m.ioc.stop();
  });
  if (m.thread.joinable())
    m.thread.join();
}

namespace {

sigset_t termination_set() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

} // namespace

void server::block_termination_signals() {
  auto set = termination_set();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

void server::wait_for_signal() {
  auto set = termination_set();
  int sig = 0;
  sigwait(&set, &sig);
  stop();
}

std::vector<uint16_t> server::venue_ports() const {
  std::vector<uint16_t> out;
  for (auto& l : impl_->venues)
    out.push_back(l->port());
  return out;
}

uint16_t server::admin_port() const {
  return impl_->admin ? impl_->admin->port() : 0;
}

uint64_t server::published_steps() const {
  return impl_->h.steps.load();
}

uint64_t server::frames_sent() const {
  return impl_->h.frames.load();
}

uint64_t server::pumped_frames() const {
  return impl_->h.pumped.load();
}

} // namespace karb::sim
