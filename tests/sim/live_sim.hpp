#pragma once

// The real simulator server in-process on ephemeral ports (plain or TLS),
// for the socket tests.

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "exchanges/common/self_signed.hpp"
#include "tools/karb-sim/server.hpp"

namespace simtest {

struct live {
  karb::tls::pem_pair pem;
  karb::sim::simulator sim;
  karb::sim::server srv;

  static karb::sim::sim_config config(const std::string& log,
                                      bool rate_limits) {
    karb::sim::sim_config c;
    c.book_hz = 50;
    c.start = karb::sim::now_ms();
    c.request_log = log;
    c.rate_limits = rate_limits;
    return c;
  }
  static karb::sim::server_config server_cfg(bool tls,
                                             const karb::tls::pem_pair& p) {
    karb::sim::server_config s;
    s.port_base = 0;
    s.admin_port = 0;
    s.tls = tls;
    s.cert_pem = p.cert_pem;
    s.key_pem = p.key_pem;
    return s;
  }
  explicit live(bool tls = false, const std::string& log = {},
                bool rate_limits = true)
    : pem(tls ? karb::tls::make_self_signed({"localhost"}, {"127.0.0.1"})
              : karb::tls::pem_pair{}),
      sim(config(log, rate_limits)),
      srv(sim, server_cfg(tls, pem)) {
    srv.start();
  }
  uint16_t port(size_t v) const { return srv.venue_ports().at(v); }
  uint16_t admin() const { return srv.admin_port(); }
};

/// A fresh path for a request log, removed when this goes out of scope.
struct temp_log {
  std::filesystem::path path;

  temp_log() {
    static std::atomic<int> serial{0};
    path = std::filesystem::temp_directory_path()
           / ("karb-sim-log-" + std::to_string(karb::sim::now_ms()) + "-"
              + std::to_string(++serial) + ".jsonl");
  }
  ~temp_log() {
    std::error_code ec;
    std::filesystem::remove(path, ec);
  }

  /// Every line logged so far.
  std::vector<nlohmann::json> lines() const {
    std::ifstream in(path);
    std::vector<nlohmann::json> out;
    for (std::string line; std::getline(in, line);)
      out.push_back(nlohmann::json::parse(line));
    return out;
  }
};

} // namespace simtest
