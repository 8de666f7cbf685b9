// karb: the trading node. Loads and validates the configuration, starts the
// actor system with the root supervisor, and stops it in order on SIGINT /
// SIGTERM or after --duration.

#include <csignal>
#include <functional>
#include <fstream>
#include <thread>
#include <cstdio>
#include <iostream>
#include <string_view>

#include <malloc.h>

#include <caf/all.hpp>
#include <caf/io/middleman.hpp>
#include <caf/openssl/manager.hpp>
#include <caf/openssl/publish.hpp>
#include <unistd.h>

#include "actors/app/hardening.hpp"
#include "actors/common/hot_loop.hpp"
#include "actors/app/reloader.hpp"
#include "actors/app/reporter.hpp"
#include "actors/app/wiring.hpp"
#include "actors/bus/event_bus.hpp"
#include "actors/inspector/inspector.hpp"
#include "actors/log/logging.hpp"
#include "actors/strategy/instance_name.hpp"
#include "actors/store/store_lock.hpp"
#include "config/load.hpp"
#include "exchanges/common/io_runner.hpp"
#include "messages/type_ids.hpp"
#include "tools/karb/api_wiring.hpp"
#include "tools/karb/options.hpp"

namespace {

int report_errors(const karb::config::config_errors& errors) {
  for (auto& e : errors)
    std::cerr << "karb: " << karb::config::to_string(e) << '\n';
  std::cerr << "karb: configuration refused (" << errors.size()
            << (errors.size() == 1 ? " problem)\n" : " problems)\n");
  return 2;
}

// Waits for SIGINT/SIGTERM (blocked in every thread, see main) or for the
// duration to pass. Returns the signal's name, or "duration". SIGHUP runs
// `on_reload` and keeps waiting.
std::string wait_for_stop(double duration_s,
                          const std::function<void()>& on_reload) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);
  auto deadline = std::chrono::steady_clock::now()
                  + std::chrono::duration_cast<std::chrono::nanoseconds>(
                    std::chrono::duration<double>(duration_s));
  for (;;) {
    timespec ts{1, 0};
    if (duration_s > 0) {
      auto left = deadline - std::chrono::steady_clock::now();
      if (left <= std::chrono::nanoseconds{0})
        return "duration";
      auto ns = std::min<int64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(left).count(),
        999'999'999); // tv_nsec must stay below one second
      ts = timespec{0, static_cast<long>(ns)};
    }
    int sig = sigtimedwait(&set, nullptr, &ts);
    if (sig == SIGINT)
      return "SIGINT";
    if (sig == SIGTERM)
      return "SIGTERM";
    if (sig == SIGHUP)
      on_reload();
  }
}

// SIGHUP: asks the reloader and logs (and prints) its one-line result.
void reload_on_signal(caf::actor_system& sys,
                      const karb::reloader_actor& reloader) {
  caf::scoped_actor self{sys};
  std::string line;
  self->request(reloader, std::chrono::seconds{10}, karb::atom::reload_v)
    .receive([&](const std::string& r) { line = r; },
             [&](caf::error& e) {
               line = "refused: reloader did not answer: " + sys.render(e);
             });
  karb::log::info("node", "reload_result",
                  {{"by", "SIGHUP"}, {"result", line}});
  std::cout << "karb: " << line << std::endl;
}

// Publishes the inspector on node.inspect: plain on loopback, mutual TLS
// (caf::openssl) when certificates are configured (config validation
// refuses a non-loopback bind without them).
caf::expected<uint16_t>
publish_inspector(caf::actor_system& sys, const karb::inspector_actor& insp,
                  const karb::config::inspect_settings& s) {
  auto port = static_cast<uint16_t>(s.port);
  if (!s.certificate.empty())
    return caf::openssl::publish(insp, port, s.bind.c_str(), true);
  return sys.middleman().publish(insp, port, s.bind.c_str(), true);
}

// Holds every strategy child of the node supervisor (it stops and is not
// restarted): no new trade starts; the trades in flight stay with
// execution.
void hold_strategies(caf::scoped_actor& self, const karb::node_actor& node,
                     const std::shared_ptr<karb::app::trading_handles>& h) {
  std::vector<std::string> ids;
  {
    std::lock_guard<std::mutex> g{h->mtx};
    for (const auto& [id, _] : h->strategies)
      ids.push_back(id);
  }
  for (const auto& id : ids)
    self->request(node, std::chrono::seconds{2}, karb::atom::halt_v,
                  karb::strategy::instance_name(id))
      .receive([](karb::atom::ok) {},
               [&](caf::error& e) {
                 karb::log::warn("node", "strategy_hold_failed",
                                 {{"strategy", id},
                                  {"error", to_string(e)}});
               });
}

// Asks the reporter for the run's summary (before the trading actors
// stop), prints it, and writes it as JSON when asked to.
void print_summary(caf::scoped_actor& self, const karb::reporter_actor& rep,
                   const std::string& json_file) {
  std::string text;
  self->request(rep, std::chrono::seconds{5}, karb::atom::get_v)
    .receive([&](const std::string& s) { text = s; },
             [&](caf::error& e) {
               karb::log::warn("node", "summary_unavailable",
                               {{"reason", self->system().render(e)}});
             });
  if (text.empty())
    return;
  auto j = nlohmann::json::parse(text);
  karb::log::info("node", "summary", j);
  std::cout << "\n== karb run summary ==\n"
            << "opportunities        " << j["opportunities"] << '\n'
            << "trades               " << j["trades"] << " (completed "
            << j["trades_completed"] << ", unwound " << j["trades_unwound"]
            << ", failed " << j["trades_failed"] << ", exposed "
            << j["trades_exposed"] << ")\n"
            << "fill rate            " << j["fill_rate"] << '\n';
  if (j["pnl"].empty())
    std::cout << "PnL (net fees)       0\n";
  for (auto& [quote, pnl] : j["pnl"].items())
    std::cout << "PnL (" << quote << ", net fees)"
              << std::string(quote.size() < 5 ? 5 - quote.size() : 1, ' ')
              << pnl.get<std::string>() << "  (fees "
              << j["fees"].value(quote, std::string{"0"}) << ")\n";
  for (auto& [type, x] : j["strategies"].items())
    std::cout << "  " << type
              << std::string(type.size() < 19 ? 19 - type.size() : 1, ' ')
              << x["trades"] << " trades, PnL " << x["pnl"].dump() << '\n';
  if (!j["funding_pnl"].empty())
    std::cout << "funding booked       " << j["funding_pnl"].dump() << '\n';
  std::cout << "net position         " << j["net_position"].dump()
            << (j.value("balances_refreshed", false)
                  ? ""
                  : "  (balances not refreshed from the venues)")
            << '\n'
            << "balances             " << j["balances"].dump() << '\n'
            << "orders unknown/open  " << j["orders_unknown_at_exit"] << " / "
            << j["orders_open_at_exit"] << "\n\n";
  if (!json_file.empty())
    std::ofstream{json_file} << j.dump(2) << '\n';
}

} // namespace

int main(int argc, char** argv) {
  // Before any secret is read: no core file, not dumpable.
  auto hardened = karb::app::harden_process();
  // A block of 1 MiB or more (a venue frame buffered up to the 16 MiB
  // limit, then refused) is mapped on its own and unmapped when freed.
  // glibc's default raises this threshold to the largest block freed, so
  // after one such frame the next big buffers came from the heap and kept
  // their pages: RSS rose in steps in the soak, one per refused frame.
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
  if (argc > 1 && std::string_view{argv[1]} == "report")
    return karb::cli::run_report(argc - 1, argv + 1);
  std::string arg_error;
  auto opts = karb::cli::parse(argc, argv, arg_error);
  if (!opts) {
    std::cerr << "karb: " << arg_error << '\n' << karb::cli::usage;
    return 2;
  }
  if (opts->help) {
    std::cout << karb::cli::usage;
    return 0;
  }
  auto loaded = karb::config::load(opts->config);
  if (!loaded.errors.empty())
    return report_errors(loaded.errors);
  if (opts->check_only) {
    std::cout << "karb: " << opts->config << ": configuration is valid\n";
    return 0;
  }
  const auto& cfg = *loaded.value;
  // One node per store: refused before the database or the journal is
  // opened; held until the process ends.
  std::string lock_error;
  auto store_lock = karb::store::store_lock::acquire(cfg.node.store,
                                                     lock_error);
  if (!store_lock) {
    std::cerr << "karb: " << lock_error << '\n';
    return 2;
  }
  // Block the stop signals before any thread starts; only wait_for_stop
  // receives them.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  karb::log::init(cfg.node.log, true);
  karb::log::info("node", "starting",
                  {{"node", cfg.node.name}, {"config", opts->config},
                   {"pid", static_cast<int64_t>(getpid())},
                   {"venues", cfg.venues.size()},
                   {"strategies", cfg.strategies.size()}});
  karb::log::info("node", "hardened",
                  {{"dumpable", hardened.dumpable},
                   {"core_limit", static_cast<int64_t>(hardened.core_limit)},
                   {"store_lock", store_lock->path()}});
  if (!hardened.error.empty())
    karb::log::warn("node", "hardening_incomplete",
                    {{"error", hardened.error}});
  int rc = 0;
  {
    caf::actor_system_config sys_cfg;
    sys_cfg.load<caf::io::middleman>();
    if (!cfg.node.inspect.certificate.empty()) {
      sys_cfg.load<caf::openssl::manager>();
      sys_cfg.openssl_certificate = cfg.node.inspect.certificate;
      sys_cfg.openssl_key = cfg.node.inspect.key;
      sys_cfg.openssl_cafile = cfg.node.inspect.ca_file;
    }
    sys_cfg.add_message_types<caf::id_block::karb>();
    sys_cfg.set("logger.console-verbosity", caf::atom("quiet"));
    sys_cfg.set("logger.file-verbosity", caf::atom("quiet"));
    // node.scheduler: "sharing" blocks idle workers on a condition variable
    // (no CPU while idle; each message to an idle actor is a notify and a
    // context switch); "stealing" polls before sleeping (more throughput,
    // some CPU while idle, up to 10 ms to notice work after a long lull).
    sys_cfg.set("scheduler.policy",
                cfg.node.scheduler == "stealing" ? caf::atom("stealing")
                                                 : caf::atom("sharing"));
    sys_cfg.set("scheduler.max-threads",
                static_cast<size_t>(cfg.node.scheduler_threads));
    // The hot loop's thread outlives the actor system (whose destructor
    // waits for the actors that run on it): stopped after it, then the
    // loop goes.
    struct hot_holder {
      std::shared_ptr<karb::net::io_runner> io;
      std::unique_ptr<karb::hot_loop> loop;
      ~hot_holder() {
        if (io)
          io->stop();
        loop.reset();
      }
    } hot;
    if (cfg.node.hot_loop)
      hot.io = std::make_shared<karb::net::io_runner>(1);
    caf::actor_system sys{sys_cfg};
    if (hot.io)
      hot.loop = std::make_unique<karb::hot_loop>(sys, *hot.io);
    auto bus = sys.spawn(karb::event_bus, size_t{1000});
    auto io = std::make_shared<karb::net::io_runner>(1);
    karb::app::deps deps;
    deps.bus = bus;
    deps.io = io;
    deps.hot = hot.loop.get();
    deps.hot_io = hot.io;
    // Without the hot loop, orders get their own I/O thread: on the
    // feeds' thread an order request waited behind every frame read
    // before it (p99 ~150 ms at 20,000 frames/s in karb-bench).
    if (!hot.io)
      deps.rest_io = std::make_shared<karb::net::io_runner>(1);
    auto node = sys.spawn(karb::node::supervisor,
                          karb::app::build_node(cfg, deps));
    auto reloader = sys.spawn(
      karb::app::reloader,
      karb::app::reloader_setup{opts->config, cfg, node, deps});
    karb::inspector::inspector_setup insp_setup{
      node, bus, cfg.node.inspect.control, deps.handles};
    insp_setup.risk_limits = cfg.risk;
    insp_setup.reloader = reloader;
    auto insp = sys.spawn(karb::inspector::inspector, insp_setup);
    auto published = publish_inspector(sys, insp, cfg.node.inspect);
    if (!published) {
      karb::log::error("node", "inspector_unavailable",
                       {{"bind", cfg.node.inspect.bind},
                        {"port", cfg.node.inspect.port},
                        {"reason", sys.render(published.error())}});
      rc = 2;
      caf::anon_send(node, karb::atom::shutdown_v);
    } else {
      karb::log::info("node", "inspector_published",
                      {{"bind", cfg.node.inspect.bind}, {"port", *published},
                       {"tls", !cfg.node.inspect.certificate.empty()},
                       {"control", cfg.node.inspect.control}});
    }
    auto api = karb::cli::make_api_side(sys, insp_setup, cfg);
    std::string api_error;
    if (!karb::cli::serve_api(sys, cfg.node.api, api, api_error)) {
      karb::log::error("node", "api_unavailable", {{"reason", api_error}});
      if (rc == 0) {
        rc = 2;
        caf::anon_send(node, karb::atom::shutdown_v);
      }
    } else {
      karb::log::info("node", "api_serving",
                      {{"bind", cfg.node.api.bind},
                       {"port", api.server->port()},
                       {"tls", api.server->tls()},
                       {"control", !cfg.node.api.token.empty()}});
    }
    karb::log::info("node", "alive",
                    {{"node", cfg.node.name},
                     {"duration_s", opts->duration_s}});
    karb::app::reporter_setup rs{deps.handles};
    for (const auto& s : cfg.strategies)
      rs.strategy_types[s.id] = s.type.empty() ? "spread_arbitrage" : s.type;
    if (opts->live_s > 0) {
      rs.interval = std::chrono::duration_cast<caf::timespan>(
        std::chrono::duration<double>(opts->live_s));
      rs.print = true;
    }
    auto rep = sys.spawn(karb::app::reporter, rs);
    caf::anon_send(bus, karb::atom::subscribe_v,
                   caf::actor_cast<karb::event_sink_actor>(rep));
    auto why = rc == 0 ? wait_for_stop(opts->duration_s,
                                       [&] { reload_on_signal(sys, reloader); })
                       : "startup_error";
    karb::log::info("node", "stop_requested", {{"by", why}});
    // A second Ctrl-C (or SIGTERM) during the ordered shutdown ends the
    // process at once.
    pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
    caf::scoped_actor self{sys};
    // No trade starts once a stop is asked for: the strategies are held
    // first (as `karb-inspect strategy stop` does), then the summary, then
    // the ordered shutdown.
    hold_strategies(self, node, deps.handles);
    if (rc == 0)
      print_summary(self, rep, opts->summary_json);
    caf::anon_send_exit(rep, caf::exit_reason::user_shutdown);
    self->monitor(node);
    caf::anon_send(node, karb::atom::shutdown_v);
    bool stopped = false;
    self->receive(
      [&](const caf::down_msg&) { stopped = true; },
      caf::after(std::chrono::seconds{cfg.supervision.shutdown_timeout_s + 2})
        >> [&] { stopped = false; });
    if (!stopped) {
      karb::log::error("node", "shutdown_timeout");
      caf::anon_send_exit(node, caf::exit_reason::kill);
      rc = rc == 0 ? 1 : rc;
    }
    if (api.grpc)
      api.grpc->stop();
    if (api.server)
      api.server->stop();
    caf::anon_send_exit(api.publisher, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(api.inspector, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(insp, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(reloader, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(bus, caf::exit_reason::user_shutdown);
    // The actor system waits for every actor when it goes out of scope; a
    // stuck one must not keep a stopped node alive forever.
    std::thread([rc, grace = cfg.supervision.shutdown_timeout_s + 5] {
      std::this_thread::sleep_for(std::chrono::seconds{grace});
      karb::log::error("node", "forced_exit",
                       {{"detail", "actors still running after shutdown"}});
      karb::log::shutdown();
      std::_Exit(rc == 0 ? 1 : rc);
    }).detach();
  }
  karb::log::info("node", "exited", {{"rc", rc}});
  karb::log::shutdown();
  return rc;
}
