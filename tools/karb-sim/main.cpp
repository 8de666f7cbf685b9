// karb-sim: a faithful-enough Upbit / Bithumb (API 2.0) venue simulator.

#include <fstream>
#include <iostream>
#include <sstream>

#include "exchanges/common/crypto.hpp"
#include "exchanges/common/jwt.hpp"
#include "exchanges/common/self_signed.hpp"
#include "tools/karb-sim/router_bybit.hpp"
#include "tools/karb-sim/auth.hpp"
#include "tools/karb-sim/bn_auth.hpp"
#include "tools/karb-sim/okx_auth.hpp"
#include "tools/karb-sim/options.hpp"
#include "tools/karb-sim/rules.hpp"
#include "tools/karb-sim/server.hpp"

namespace {

using namespace karb::sim;

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  if (!in)
    throw std::runtime_error("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

int sign(const options& o) {
  if (is_okx(o.sign_venue)) { // the four OK-ACCESS-* headers
    auto ts = okx_iso_ms(now_ms());
    std::cout << "OK-ACCESS-KEY: " << o.access_key << '\n'
              << "OK-ACCESS-SIGN: "
              << okx_sign(o.secret_key, ts + o.method + o.path + o.body) << '\n'
              << "OK-ACCESS-TIMESTAMP: " << ts << '\n'
              << "OK-ACCESS-PASSPHRASE: " << o.passphrase << '\n';
    return 0;
  }
  if (is_bybit(o.sign_venue)) { // X-BAPI-* headers, recv window 5000
    auto ts = std::to_string(now_ms());
    auto payload = ts + o.access_key + "5000" + (o.body.empty() ? o.query : o.body);
    std::cout << "X-BAPI-API-KEY:" << o.access_key << '\n'
              << "X-BAPI-TIMESTAMP:" << ts << '\n'
              << "X-BAPI-RECV-WINDOW:5000\n"
              << "X-BAPI-SIGN:" << by::by_sign(o.secret_key, payload) << '\n';
    return 0;
  }
  if (is_binance(o.sign_venue)) { // HMAC-SHA256 hex over query + body
    std::cout << bn_sign(o.secret_key, o.query + o.body) << '\n';
    return 0;
  }
  karb::jwt::claims c;
  c.access_key = o.access_key;
  c.nonce = karb::crypto::uuid_v4();
  if (o.sign_venue == venue_kind::bithumb)
    c.timestamp_ms = now_ms();
  if (!o.body.empty()) {
    auto q = body_query_string(o.body);
    if (!q) {
      std::cerr << "karb-sim: --body is not a JSON object\n";
      return 2;
    }
    c.query = *q;
  } else {
    c.query = o.query;
  }
  auto alg = o.alg == "HS512" ? karb::jwt::alg::hs512 : karb::jwt::alg::hs256;
  std::cout << "Bearer " << karb::jwt::make_token(alg, c, o.secret_key) << '\n';
  return 0;
}

int serve(const options& o) {
  set_market_count(static_cast<size_t>(o.symbols));
  sim_config sc;
  sc.venues = o.venues;
  sc.seed = o.seed;
  sc.book_hz = o.book_hz;
  sc.start = now_ms();
  sc.rate_limits = o.rate_limits;
  sc.request_log = o.request_log;
  if (!o.accounts_file.empty())
    sc.accounts_json = read_file(o.accounts_file);
  simulator sim{sc};
  for (auto& f : o.faults)
    if (auto e = sim.apply_fault(f, now_ms())) {
      std::cerr << "karb-sim: " << *e << '\n';
      return 2;
    }
  server_config cfg;
  cfg.port_base = static_cast<uint16_t>(o.port_base);
  cfg.admin_port = o.admin_port;
  cfg.feed_rate = o.feed_rate;
  cfg.tls = o.tls;
  if (o.tls) {
    if (!o.cert_file.empty()) {
      cfg.cert_pem = read_file(o.cert_file);
      cfg.key_pem = read_file(o.key_file);
    } else {
      auto pair = karb::tls::make_self_signed({"localhost"}, {"127.0.0.1"});
      cfg.cert_pem = pair.cert_pem;
      cfg.key_pem = pair.key_pem;
    }
    if (!o.ca_out.empty()) {
      std::ofstream out(o.ca_out);
      out << cfg.cert_pem;
      if (!out)
        throw std::runtime_error("cannot write " + o.ca_out);
    }
  }
  server srv{sim, cfg};
  server::block_termination_signals();
  srv.start();
  auto ports = srv.venue_ports();
  const char* scheme = o.tls ? "https" : "http";
  for (size_t i = 0; i < ports.size(); ++i) {
    auto ws_path = o.venues[i] == venue_kind::binance_spot   ? "/ws"
                   : o.venues[i] == venue_kind::binance_usdm ? "/public/ws"
                   : o.venues[i] == venue_kind::okx          ? "/ws/v5/public"
                   : o.venues[i] == venue_kind::bybit        ? "/v5/public/spot"
                                                             : "/websocket/v1";
    std::cout << "karb-sim: " << to_string(o.venues[i]) << " listening on "
              << scheme << "://127.0.0.1:" << ports[i] << " (REST, WS "
              << (o.tls ? "wss" : "ws") << "://127.0.0.1:" << ports[i]
              << ws_path << ")" << std::endl;
  }
  if (srv.admin_port())
    std::cout << "karb-sim: admin listening on http://127.0.0.1:"
              << srv.admin_port() << std::endl;
  srv.wait_for_signal();
  std::cout << "karb-sim: stopped after " << sim.steps() << " steps"
            << std::endl;
  return 0;
}

} // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  std::string error;
  auto o = parse_options(args, error);
  if (!o) {
    std::cerr << "karb-sim: " << error << '\n' << usage();
    return 2;
  }
  if (o->help) {
    std::cout << usage();
    return 0;
  }
  try {
    return o->sign ? sign(*o) : serve(*o);
  } catch (const std::exception& e) {
    std::cerr << "karb-sim: " << e.what() << '\n';
    return 1;
  }
}
