#include "tools/karb-bench/replay.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include <caf/all.hpp>

#include "actors/app/wiring.hpp"
#include "actors/common/hot_loop.hpp"
#include "actors/bus/event_bus.hpp"
#include "actors/inspector/inspector.hpp"
#include "actors/log/logging.hpp"
#include "actors/node/node.hpp"
#include "config/load.hpp"
#include "exchanges/common/io_runner.hpp"
#include "exchanges/common/net_types.hpp"
#include "messages/type_ids.hpp"
#include "tools/karb-bench/alloc_count.hpp"
#include "tools/karb-bench/node_view.hpp"
#include "tools/karb-bench/probes.hpp"
#include "tools/karb-bench/replay_net.hpp"
#include "tools/karb-bench/setup.hpp"
#include "tools/karb-bench/tape.hpp"
#include "tools/karb-sim/rules.hpp"
#include "tools/karb-sim/sim.hpp"

namespace karb::bench {

namespace {

namespace fs = std::filesystem;
using clock_type = std::chrono::steady_clock;
using namespace std::chrono_literals;

void say(const std::string& what) {
  std::cerr << "karb-bench: " << what << std::endl;
}

double secs_since(clock_type::time_point t0) {
  return std::chrono::duration<double>(clock_type::now() - t0).count();
}

/// utime + stime of the whole process.
double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  auto s = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return s(u.ru_utime) + s(u.ru_stime);
}

int64_t wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
           std::chrono::system_clock::now().time_since_epoch())
    .count();
}

/// The node's `latency` report from its in-process inspector.
class inspector_probe {
public:
  inspector_probe(caf::actor_system& sys, inspector_actor insp)
    : sys_(sys), insp_(std::move(insp)) {}

  node_view read() const {
    caf::scoped_actor self{sys_, true};
    std::string reply;
    auto t0 = clock_type::now();
    self
      ->request(insp_, std::chrono::seconds{10}, atom::get_v,
                std::vector<std::string>{"latency"})
      .receive([&](const std::string& s) { reply = s; },
               [&](caf::error&) {});
    return parse_node_view(reply, t0 + (clock_type::now() - t0) / 2);
  }

private:
  caf::actor_system& sys_;
  inspector_actor insp_;
};

/// The tape's delivery order, with and without the crossing frames.
struct sequences {
  std::vector<uint32_t> all;
  std::vector<uint32_t> plain;    ///< `all` without the crossing frames
  std::vector<size_t> plain_at;   ///< where each of `plain` is in `all`

  explicit sequences(const tape& t) : all(t.order) {
    for (size_t i = 0; i < all.size(); ++i)
      if (!(t.frames[all[i]].flags & tape_frame::crossing)) {
        plain.push_back(all[i]);
        plain_at.push_back(i);
      }
  }
};

/// Where the driver is in the tape (a position in `all`, wrapping): a
/// drive without the crossing frames goes on from the same place, so no
/// book jumps between phases.
struct cursor {
  const sequences* seqs = nullptr;
  size_t pos = 0;
};

struct drive_result {
  uint64_t posted = 0;
  uint64_t skipped = 0;
  double seconds = 0;
  std::vector<std::pair<double, double>> rss; ///< (s, MB) every 500 ms
};

/// Feeds frames for `secs` (all of them, or without the crossing ones):
/// unpaced (`rate` <= 0: batches of `batch`, two in flight) or paced
/// (every millisecond the frames due; a debt of more than 100 ms is given
/// up as `skipped`, no new batch while four wait). Returns once every
/// posted batch ran.
drive_result drive(replay_net& net, cursor& c, bool crossing, long rate,
                   double secs, size_t batch) {
  drive_result d;
  const auto& s = *c.seqs;
  const auto& seq = crossing ? s.all : s.plain;
  size_t pos = c.pos;
  if (!crossing) {
    auto at = std::lower_bound(s.plain_at.begin(), s.plain_at.end(), c.pos);
    pos = at == s.plain_at.end()
            ? 0
            : static_cast<size_t>(at - s.plain_at.begin());
  }
  auto post = [&](uint64_t n) {
    while (n > 0) {
      auto k = std::min<uint64_t>({n, batch, seq.size() - pos});
      net.post_batch(seq.data() + pos, k);
      pos = (pos + k) % seq.size();
      n -= k;
      d.posted += k;
    }
  };
  auto t0 = clock_type::now();
  auto next_sample = t0;
  uint64_t paced = 0;
  for (;;) {
    auto now = clock_type::now();
    auto el = std::chrono::duration<double>(now - t0).count();
    if (el >= secs)
      break;
    if (now >= next_sample) {
      d.rss.emplace_back(el, sample(getpid()).rss_mb);
      next_sample += 500ms;
    }
    if (rate <= 0) {
      net.wait_in_flight_below(2);
      post(batch);
      continue;
    }
    auto target = static_cast<uint64_t>(el * static_cast<double>(rate));
    if (target > paced) {
      auto debt = target - paced;
      auto limit = static_cast<uint64_t>(std::max<long>(rate / 10, 1));
      if (debt > limit) {
        d.skipped += debt - limit;
        paced = target - limit;
        debt = limit;
      }
      if (net.in_flight() < 4) {
        post(debt);
        paced += debt;
      }
    }
    std::this_thread::sleep_for(1ms);
  }
  net.wait_in_flight_below(1);
  d.seconds = secs_since(t0);
  c.pos = crossing ? pos : s.plain_at[pos];
  return d;
}

/// One measured phase: the node's counters, the process's CPU time and
/// allocations around `drive`.
replay_phase measure(const char* name, replay_net& net,
                     const inspector_probe& probe, cursor& c, bool crossing,
                     long rate, double secs, size_t batch) {
  replay_phase p;
  p.name = name;
  p.target_per_s = rate > 0 ? static_cast<double>(rate) : 0;
  auto v0 = probe.read();
  auto s0 = net.stats();
  auto ns0 = net::steady_ns();
  auto a0 = alloc_count();
  auto cpu0 = cpu_seconds();
  auto d = drive(net, c, crossing, rate, secs, batch);
  std::this_thread::sleep_for(100ms); // the books take what is queued
  auto cpu1 = cpu_seconds();
  auto a1 = alloc_count();
  auto ns1 = net::steady_ns();
  auto s1 = net.stats();
  auto v1 = probe.read();
  auto window = static_cast<double>(ns1 - ns0) / 1e9;
  auto decoded = v1.frames - v0.frames;
  p.seconds = d.seconds;
  p.delivered = s1.delivered - s0.delivered;
  p.skipped = d.skipped;
  p.delivered_per_s = static_cast<double>(p.delivered) / d.seconds;
  if (v0.ok && v1.ok) {
    p.decoded_per_s = decoded / d.seconds;
    p.applied_per_s = (v1.applied - v0.applied) / d.seconds;
    p.conflated_per_s = (v1.conflated - v0.conflated) / d.seconds;
    p.mailbox_max = v1.mailbox_max;
  }
  p.cpu_pct = 100.0 * (cpu1 - cpu0) / window;
  if (decoded > 0) {
    p.cpu_us_per_frame = 1e6 * (cpu1 - cpu0) / decoded;
    if (alloc_counting()) {
      auto a = a1 - a0;
      p.allocs_per_frame = static_cast<double>(a.allocs) / decoded;
      p.alloc_bytes_per_frame = static_cast<double>(a.bytes) / decoded;
      auto applied = v1.applied - v0.applied;
      if (applied > 0)
        p.allocs_per_applied = static_cast<double>(a.allocs) / applied;
    }
  }
  p.rss_mb = sample(getpid()).rss_mb;
  p.rss_slope_mb_s = slope(d.rss);
  p.orders = net.orders_between(ns0, ns1);
  return p;
}

std::vector<market> markets_of(const tape& t) {
  std::vector<market> out;
  for (auto& m : t.header.value("markets", nlohmann::json::array()))
    out.push_back({m.value("base", ""), m.value("mid", 0.0)});
  return out;
}

} // namespace

void run_replay(const replay_options& o,
                const std::function<void(const replay_results&)>& publish) {
  replay_results r;
  r.command = o.command;
  r.quick = o.quick;
  r.cpu_model = cpu_model();
  r.cores = cpu_cores();
  r.loadavg = load_average();
  r.scheduler = o.scheduler;
  r.threads = o.threads;
  r.allocs_counted = alloc_counting();

  say("reading " + o.tape_file);
  auto t = read_tape(o.tape_file);
  r.tape_path = o.tape_file;
  r.tape_header = t.header;
  r.tape_frames = t.order.size();
  r.tape_distinct = t.frames.size();
  r.tape_mb = static_cast<double>(t.text_bytes()) / (1024.0 * 1024.0);
  if (t.header["venues"] != nlohmann::json{"upbit", "bithumb"})
    throw std::runtime_error("the tape's venues must be upbit, bithumb");
  auto markets = markets_of(t);
  if (markets.empty() || markets.size() > sim::market_catalogue_size())
    throw std::runtime_error("the tape lists no markets, or too many");
  sim::set_market_count(markets.size());
  for (size_t i = 0; i < markets.size(); ++i)
    if (sim::markets()[i].base != markets[i].base)
      throw std::runtime_error("the tape's market " + markets[i].base
                               + " is not karb-sim's market "
                               + std::to_string(i));
  sequences seqs{t};
  if (seqs.plain.empty())
    throw std::runtime_error("every frame of the tape crosses");

  auto dir = fs::temp_directory_path()
             / ("karb-bench-replay-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  // The venues' URLs are never dialed: the node's transports are fakes.
  node_files nf{dir,      18100,     18101,     markets,
                20000,    o.scheduler, o.threads, o.hot_loop};
  auto yaml = node_yaml(nf);
  std::ofstream{dir / "karb.yaml"} << yaml;
  auto env = node_env();
  auto loaded = config::load_text(
    yaml, (dir / "karb.yaml").string(), [&env](const char* name) {
      auto i = env.find(name);
      return i == env.end() ? nullptr : i->second.c_str();
    });
  if (!loaded.errors.empty())
    throw std::runtime_error("generated configuration refused: "
                             + config::to_string(loaded.errors.front()));
  const auto& cfg = *loaded.value;

  sim::sim_config sc;
  sc.venues = {sim::venue_kind::upbit, sim::venue_kind::bithumb};
  sc.seed = t.header.value("seed", uint64_t{7});
  sc.book_hz = t.header.value("book_hz", 20);
  sc.start = wall_ms();
  sc.accounts_json = sim_accounts(markets, 2'000'000'000, 20'000'000'000);
  sc.rate_limits = false;
  sim::simulator venue_sim{sc};

  log::init(cfg.node.log, false);
  auto io = std::make_shared<net::io_runner>(1);
  auto rest_io = std::make_shared<net::io_runner>(1);
  auto net = std::make_shared<replay_net>(*io, *rest_io, venue_sim,
                                          std::move(t));
  std::exception_ptr failure;
  std::unique_ptr<hot_loop> loop; // outlives the actor system, as in karb
  {
    caf::actor_system_config sys_cfg;
    sys_cfg.add_message_types<caf::id_block::karb>();
    sys_cfg.set("logger.console-verbosity", caf::atom("quiet"));
    sys_cfg.set("logger.file-verbosity", caf::atom("quiet"));
    sys_cfg.set("scheduler.policy", cfg.node.scheduler == "stealing"
                                      ? caf::atom("stealing")
                                      : caf::atom("sharing"));
    sys_cfg.set("scheduler.max-threads",
                static_cast<size_t>(cfg.node.scheduler_threads));
    caf::actor_system sys{sys_cfg};
    auto bus = sys.spawn(event_bus, size_t{1000});
    app::deps deps;
    deps.bus = bus;
    deps.io = io;
    deps.rest_io = rest_io;
    if (cfg.node.hot_loop) { // frames arrive on `io`: the loop runs there
      loop = std::make_unique<hot_loop>(sys, *io);
      deps.hot = loop.get();
      deps.hot_io = io;
    }
    deps.venue_io = [net](const config::venue_settings& v) {
      return net->io_for(v);
    };
    auto node = sys.spawn(node::supervisor, app::build_node(cfg, deps));
    inspector::inspector_setup is{node, bus, false, deps.handles};
    auto insp = sys.spawn(inspector::inspector, is);
    inspector_probe probe{sys, insp};
    try {
      // -- warm-up ------------------------------------------------------------
      auto need = markets.size();
      say("node up in-process; waiting for both feeds to subscribe "
          + std::to_string(need) + " books");
      auto t0 = clock_type::now();
      while (net->subscribed(0) < need || net->subscribed(1) < need) {
        if (secs_since(t0) > 20)
          throw std::runtime_error("the feeds did not subscribe (see "
                                   + dir.string() + "/karb.log)");
        std::this_thread::sleep_for(50ms);
      }
      cursor c{&seqs, 0};
      node_view v;
      t0 = clock_type::now();
      do {
        drive(*net, c, false, 2000, 0.5, o.batch);
        v = probe.read();
      } while (v.live_books < 2 * need && secs_since(t0) < 30);
      if (v.live_books < 2 * need)
        r.notes += "only " + std::to_string(v.live_books)
                   + " books live after warm-up; ";
      // Then unpaced for a while: every buffer at its steady size.
      drive(*net, c, false, 0, o.quick ? 0.5 : 1.0, o.batch);

      // -- phases -------------------------------------------------------------
      say("phase paced: " + std::to_string(o.rate) + " frames/s for "
          + std::to_string(o.seconds) + " s, the whole tape ("
          + std::to_string(r.tape_header.value("opportunities", 0))
          + " opportunities a pass)");
      r.paced = measure("paced", *net, probe, c, true, o.rate, o.seconds,
                        o.batch);
      std::this_thread::sleep_for(o.quick ? 300ms : 1000ms); // trades in flight
      take_latencies(probe.read(), r.tick_to_order, r.hops);

      say("phase max: unpaced for " + std::to_string(o.seconds)
          + " s, without the crossing frames");
      r.max = measure("max", *net, probe, c, false, 0, o.seconds, o.batch);

      auto fin = sample(getpid());
      r.rss_peak_mb = fin.hwm_mb;
      auto st = net->stats();
      r.orders = st.orders;
      r.requests = st.requests;
      r.http_errors = st.http_errors;
      r.private_frames = st.private_frames;
      r.unrouted = st.unrouted;
      char buf[160];
      std::snprintf(buf, sizeof buf,
                    "the process is the node plus the replay driver and an "
                    "in-process karb-sim answering REST; RSS includes the "
                    "tape (%.1f MB); ",
                    r.tape_mb);
      r.notes += buf;
      if (r.paced.skipped > 0)
        r.notes += "paced phase fell behind: "
                   + std::to_string(r.paced.skipped) + " frames skipped; ";
      if (!r.allocs_counted)
        r.notes += "allocation counting unavailable (sanitizer build); ";
      publish(r);
    } catch (...) {
      failure = std::current_exception();
    }

    // -- shutdown, in the node's order ----------------------------------------
    // A stuck shutdown must not hang the bench (the results are out).
    std::thread([grace = cfg.supervision.shutdown_timeout_s + 10] {
      std::this_thread::sleep_for(std::chrono::seconds{grace});
      std::cerr << "karb-bench: the in-process node did not shut down\n";
      std::_Exit(3);
    }).detach();
    {
      caf::scoped_actor self{sys, true};
      self->monitor(node);
      caf::anon_send(node, atom::shutdown_v);
      bool down = false;
      self->receive(
        [&](const caf::down_msg&) { down = true; },
        caf::after(std::chrono::seconds{cfg.supervision.shutdown_timeout_s
                                        + 2})
          >> [] {});
      if (!down)
        caf::anon_send_exit(node, caf::exit_reason::kill);
    }
    caf::anon_send_exit(insp, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(bus, caf::exit_reason::user_shutdown);
    sys.await_all_actors_done();
    net->flush(); // the transports' last tasks (detach) run now
  }
  io->stop();
  rest_io->stop();
  loop.reset();
  log::shutdown();
  if (!o.keep)
    fs::remove_all(dir);
  else
    say("kept " + dir.string());
  if (failure)
    std::rethrow_exception(failure);
}

} // namespace karb::bench
