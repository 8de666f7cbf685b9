#include "tools/karb-bench/run.hpp"

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "tools/karb-bench/api_load.hpp"
#include "tools/karb-bench/child.hpp"
#include "tools/karb-bench/node_view.hpp"
#include "tools/karb-bench/probes.hpp"
#include "tools/karb-bench/setup.hpp"
#include "tools/karb-sim/rules.hpp"

namespace karb::bench {

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using clock_type = std::chrono::steady_clock;
using namespace std::chrono_literals;

double secs_since(clock_type::time_point t0) {
  return std::chrono::duration<double>(clock_type::now() - t0).count();
}

void say(const std::string& what) {
  std::cerr << "karb-bench: " << what << std::endl;
}

/// Polls `done` every 50 ms until it holds or `limit` passes.
template <class F>
bool wait_for(F done, std::chrono::milliseconds limit) {
  auto deadline = clock_type::now() + limit;
  while (!done()) {
    if (clock_type::now() > deadline)
      return false;
    std::this_thread::sleep_for(50ms);
  }
  return true;
}

class node_probe {
public:
  node_probe(std::string inspect, int port)
    : exe_(std::move(inspect)), port_(port) {}

  node_view read() const {
    auto t0 = clock_type::now();
    int code = -1;
    auto out = run_capture({exe_, "--port", std::to_string(port_), "--json",
                            "--timeout", "5", "latency", "--buckets"},
                           10s, &code);
    return parse_node_view(code == 0 ? out : std::string{},
                           t0 + (clock_type::now() - t0) / 2);
  }

private:
  std::string exe_;
  int port_;
};

/// Shifts one market's mid on one venue (karb-sim's shift_mid fault).
void shift(int admin, const char* venue, const std::string& code, int bp) {
  http_call(admin, "POST", "/fault",
            json{{"venue", venue},
                 {"fault", "shift_mid"},
                 {"market", code},
                 {"bp", bp}}
              .dump());
}

double sim_pumped(int admin) {
  return json_of(http_call(admin, "GET", "/feed")).value("pumped", 0.0);
}

struct phase_env {
  const node_probe& node;
  std::vector<std::string> codes; ///< markets to force opportunities on
  int admin = 0;
  pid_t karb = 0;
  pid_t sim = 0;
};

/// Runs one phase for `secs`; with `force`, one opportunity every 200 ms:
/// the next market (round robin) 40 bp rich on one venue (alternating),
/// the previous one back to flat.
phase_result run_phase(const phase_env& e, double secs, bool force,
                       double* sim_cpu_pct) {
  phase_result r;
  auto n0 = e.node.read();
  auto f0 = sim_pumped(e.admin);
  auto p0 = sample(e.karb);
  auto s0 = sample(e.sim);
  auto t0 = clock_type::now();
  std::vector<std::pair<double, double>> rss; // (s, MB)
  auto next_shift = t0;
  auto next_sample = t0;
  size_t step = 0;
  const char* venues[] = {"upbit", "bithumb"};
  while (secs_since(t0) < secs) {
    auto now = clock_type::now();
    if (force && now >= next_shift && !e.codes.empty()) {
      auto n = e.codes.size();
      if (step > 0)
        shift(e.admin, venues[(step - 1) % 2], e.codes[(step - 1) % n], 0);
      shift(e.admin, venues[step % 2], e.codes[step % n], 40);
      ++step;
      next_shift += 200ms;
    }
    if (now >= next_sample) {
      rss.emplace_back(secs_since(t0), sample(e.karb).rss_mb);
      next_sample += 500ms;
    }
    std::this_thread::sleep_for(5ms);
  }
  if (force && step > 0)
    shift(e.admin, venues[(step - 1) % 2],
          e.codes[(step - 1) % e.codes.size()], 0);
  auto wall = secs_since(t0);
  auto p1 = sample(e.karb);
  auto s1 = sample(e.sim);
  auto f1 = sim_pumped(e.admin);
  auto n1 = e.node.read();
  double span = n0.ok && n1.ok
                  ? std::chrono::duration<double>(n1.at - n0.at).count()
                  : wall;
  r.seconds = wall;
  r.offered_per_s = (f1 - f0) / wall;
  r.decoded_per_s = (n1.frames - n0.frames) / span;
  r.applied_per_s = (n1.applied - n0.applied) / span;
  r.conflated_per_s = (n1.conflated - n0.conflated) / span;
  r.cpu_pct = 100.0 * (p1.cpu_s - p0.cpu_s) / wall;
  auto decoded = n1.frames - n0.frames;
  r.cpu_us_per_frame = decoded > 0 ? 1e6 * (p1.cpu_s - p0.cpu_s) / decoded
                                   : 0;
  r.rss_mb = p1.rss_mb;
  r.mailbox_max = n1.mailbox_max;
  r.rss_slope_mb_s = slope(rss);
  if (sim_cpu_pct)
    *sim_cpu_pct = 100.0 * (s1.cpu_s - s0.cpu_s) / wall;
  return r;
}

/// The paced phase again with the API clients running; both windows'
/// tick-to-order into out.api.
void run_api_phase(const phase_env& env, const bench_options& o,
                   const fs::path& dir, const node_view& quiet0,
                   const node_view& quiet1, results& out) {
  int api = port_from_log((dir / "karb.log").string(), "api_serving");
  if (api <= 0) {
    out.notes += "api load skipped: the node logged no api_serving port; ";
    return;
  }
  say("phase rate+api: the same for " + std::to_string(o.seconds)
      + " s with 20 WebSocket clients and 1000 REST reads/s on port "
      + std::to_string(api));
  api_load load{{api, 20, 1000, 8}};
  load.start();
  std::this_thread::sleep_for(1s); // clients connected and subscribed
  auto loaded0 = env.node.read();
  auto loaded = run_phase(env, o.seconds, true, nullptr);
  std::this_thread::sleep_for(o.quick ? 300ms : 1000ms);
  auto loaded1 = env.node.read();
  out.api.load = load.stop();
  out.api.ran = true;
  const std::string all = "karb_latency_tick_to_order_seconds";
  const std::string own = "karb_latency_tick_to_order_unthrottled_seconds";
  out.api.quiet = latency_between(quiet0, quiet1, all);
  out.api.loaded = latency_between(loaded0, loaded1, all);
  out.api.quiet_own = latency_between(quiet0, quiet1, own);
  out.api.loaded_own = latency_between(loaded0, loaded1, own);
  out.api.quiet_cpu_pct = out.rate.cpu_pct;
  out.api.loaded_cpu_pct = loaded.cpu_pct;
}

} // namespace

results run_bench(const bench_options& o) {
  results out;
  out.command = o.command;
  out.quick = o.quick;
  out.cpu_model = cpu_model();
  out.cores = cpu_cores();
  out.loadavg = load_average();

  say("baselines (" + std::to_string(o.round_trips) + " round trips each)");
  out.tcp = tcp_rtt(o.round_trips);
  out.ws = ws_rtt(o.round_trips);

  auto dir = fs::temp_directory_path()
             / ("karb-bench-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  sim::set_market_count(static_cast<size_t>(o.symbols));
  std::vector<market> markets;
  for (auto& m : sim::markets())
    markets.push_back({m.base, m.start_price.to_double()});
  std::ofstream{dir / "accounts.json"}
    << sim_accounts(markets, 2'000'000'000, 20'000'000'000);

  auto per_venue = std::to_string(std::max<long>(o.rate / 2, 1));
  child simp({o.bin_dir + "/karb-sim", "--venues", "upbit,bithumb",
              "--port-base", "0", "--admin-port", "0", "--seed", "7",
              "--no-rate-limit", "--book-hz", "20", "--symbols",
              std::to_string(o.symbols), "--feed-rate", per_venue,
              "--accounts", (dir / "accounts.json").string()},
             {}, (dir / "sim.out").string());
  int admin = 0, up = 0, bt = 0;
  if (!wait_for(
        [&] {
          admin = sim_port((dir / "sim.out").string(), "admin");
          up = sim_port((dir / "sim.out").string(), "upbit");
          bt = sim_port((dir / "sim.out").string(), "bithumb");
          return (admin && up && bt) || !simp.running();
        },
        10s)
      || !simp.running())
    throw std::runtime_error("karb-sim did not start (see " + dir.string()
                             + "/sim.out)");
  // The mids as the simulator has them now (sizes ~20,000 KRW a leg).
  auto state = json_of(http_call(admin, "GET", "/state"));
  for (auto& m : markets) {
    auto ptr = json::json_pointer{"/venues/upbit/markets/KRW-" + m.base
                                  + "/mid"};
    if (state.contains(ptr))
      m.mid = std::stod(state[ptr].get<std::string>());
  }
  node_files nf{dir, up, bt, markets, 20000, o.scheduler, o.threads,
                o.hot_loop};
  std::ofstream{dir / "karb.yaml"} << node_yaml(nf);
  child node({o.bin_dir + "/karb", "--config", (dir / "karb.yaml").string()},
             node_env(), (dir / "node.out").string());
  int inspect = 0;
  if (!wait_for(
        [&] {
          inspect = port_from_log((dir / "karb.log").string(),
                                  "inspector_published");
          return inspect > 0 || !node.running();
        },
        20s)
      || !node.running())
    throw std::runtime_error("karb did not start (see " + dir.string()
                             + "/node.out, karb.log)");
  node_probe probe{o.bin_dir + "/karb-inspect", inspect};
  say("node up (inspector port " + std::to_string(inspect)
      + "); waiting for " + std::to_string(2 * o.symbols) + " live books");
  node_view warm;
  if (!wait_for(
        [&] {
          warm = probe.read();
          return warm.live_books >= static_cast<size_t>(2 * o.symbols);
        },
        30s))
    out.notes += "only " + std::to_string(warm.live_books)
                 + " books live after warm-up; ";

  phase_env env{probe, {}, admin, node.pid(), simp.pid()};
  for (auto& m : markets)
    env.codes.push_back("KRW-" + m.base);
  say("phase rate: " + std::to_string(o.rate) + " frames/s for "
      + std::to_string(o.seconds) + " s, opportunities every 200 ms");
  double sim_cpu = 0;
  auto quiet0 = probe.read();
  out.rate = run_phase(env, o.seconds, true, &sim_cpu);
  std::this_thread::sleep_for(o.quick ? 300ms : 1000ms); // trades in flight
  auto quiet1 = probe.read();
  take_latencies(quiet1, out.tick_to_order, out.hops);
  if (o.api_load)
    run_api_phase(env, o, dir, quiet0, quiet1, out);

  say("phase max: unpaced feed for " + std::to_string(o.seconds) + " s");
  http_call(admin, "POST", "/feed", R"({"rate":"max"})");
  out.max = run_phase(env, o.seconds, false, &sim_cpu);
  out.notes += "karb-sim CPU in the max phase " + std::to_string(
                 static_cast<int>(sim_cpu)) + "% of one core; ";
  http_call(admin, "POST", "/feed", "{\"rate\":" + per_venue + "}");

  auto fin = sample(node.pid());
  out.rss_peak_mb = fin.hwm_mb;
  auto st = json_of(http_call(admin, "GET", "/state", {}, 5000));
  auto venues = st.value("venues", json::object());
  for (auto& [name, v] : venues.items())
    out.orders += v.value("orders", json::array()).size();
  node.stop(std::chrono::milliseconds{8000});
  simp.stop();
  if (!o.keep)
    fs::remove_all(dir);
  else
    say("kept " + dir.string());
  return out;
}

} // namespace karb::bench
