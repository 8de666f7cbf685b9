// `karb report`: the daily report from the node's store, compared with what
// each venue reports now (REST balances, through the node's own venue REST
// actor), or store-only with --offline. Exit codes: see report_usage.

#include <chrono>
#include <filesystem>
#include <iostream>
#include <random>

#include <caf/all.hpp>

#include "actors/store/daily_report.hpp"
#include "actors/venue/rest.hpp"
#include "config/load.hpp"
#include "exchanges/common/io_runner.hpp"
#include "exchanges/common/tls_context.hpp"
#include "messages/type_ids.hpp"
#include "tools/karb/options.hpp"

namespace karb::cli {

namespace {

using venues = report_options::venues;

struct fetched {
  std::map<std::string, std::vector<balance>> balances; ///< by venue name
  std::vector<std::string> failed;                      ///< "name: why"
};

// Asks every enabled venue for its balances, one REST actor each.
fetched fetch_balances(const config::settings& cfg) {
  fetched out;
  net::io_runner io{1};
  caf::actor_system_config sc;
  sc.add_message_types<caf::id_block::karb>();
  sc.set("logger.console-verbosity", caf::atom("quiet"));
  sc.set("logger.file-verbosity", caf::atom("quiet"));
  caf::actor_system sys{sc};
  caf::scoped_actor self{sys};
  auto rng = std::make_shared<std::mt19937_64>(std::random_device{}());
  for (auto& v : cfg.venues) {
    if (!v.enabled)
      continue;
    std::shared_ptr<net::tls_context> tls;
    if (!v.ca_file.empty())
      tls = net::make_tls_context({v.ca_file});
    auto vio = venue::make_net_io(io, io, tls, 1);
    net::http_client_config hc;
    hc.base_url = v.rest_url;
    hc.request_timeout = std::chrono::milliseconds{v.request_timeout_ms};
    hc.retry.max_attempts = 1; // the rest actor retries reads itself
    venue::rest_setup r;
    r.venue_name = v.name;
    r.protocol = std::make_shared<const venue::venue_protocol>(
      venue::protocol_for(v.venue));
    r.base_url = v.rest_url;
    r.creds = credentials{v.access_key, v.secret_key, v.passphrase};
    r.http = vio.make_http(hc);
    r.random = [rng] {
      return std::uniform_real_distribution<double>{0.0, 1.0}(*rng);
    };
    r.max_per_sec = static_cast<int>(v.rate_limit_per_s);
    auto rest = sys.spawn(venue::rest_actor, std::move(r));
    self->request(rest, std::chrono::milliseconds{v.request_timeout_ms * 3},
                  atom::balances_v)
      .receive(
        [&](std::vector<balance>& bs) { out.balances[v.name] = std::move(bs); },
        [&](caf::error& e) {
          out.failed.push_back(v.name + ": " + sys.render(e));
        });
    self->send_exit(rest, caf::exit_reason::user_shutdown);
  }
  return out;
}

bool has_credentials(const config::settings& cfg) {
  for (auto& v : cfg.venues)
    if (v.enabled && (v.access_key.empty() || v.secret_key.reveal().empty()))
      return false;
  return true;
}

int usage_error(const std::string& what) {
  std::cerr << "karb report: " << what << '\n' << report_usage;
  return report_bad_usage;
}

} // namespace

int run_report(int argc, char** argv) {
  std::string error;
  auto opts = parse_report(argc, argv, error);
  if (!opts)
    return usage_error(error);
  if (opts->help) {
    std::cout << report_usage;
    return report_ok;
  }
  auto offset = store::parse_utc_offset(opts->tz);
  if (!offset)
    return usage_error("--tz expects an offset like +09:00, got '"
                       + opts->tz + "'");
  auto window = store::day_window(opts->date, *offset);
  if (!window)
    return usage_error("--date expects YYYY-MM-DD, got '" + opts->date + "'");
  // The configuration: the store's path and the venues. Store-only with
  // --db needs none; without credentials the venues are not asked.
  std::optional<config::settings> cfg;
  std::string note;
  auto mode = opts->mode;
  if (!(mode == venues::offline && !opts->db.empty())) {
    auto loaded = config::load(opts->config, {}, mode != venues::offline);
    if (!loaded.errors.empty() && mode == venues::auto_) {
      loaded = config::load(opts->config, {}, false);
      if (loaded.errors.empty()) {
        mode = venues::offline;
        note = "no venue credentials";
      }
    }
    if (!loaded.errors.empty()) {
      for (auto& e : loaded.errors)
        std::cerr << "karb report: " << config::to_string(e) << '\n';
      return report_bad_usage;
    }
    cfg = std::move(loaded.value);
    if (mode == venues::auto_ && !has_credentials(*cfg)) {
      mode = venues::offline;
      note = "no venue credentials";
    }
  }
  if (mode == venues::offline && note.empty())
    note = "--offline";
  auto path = !opts->db.empty() ? opts->db : cfg->node.store;
  if (!std::filesystem::exists(path)) {
    std::cerr << "karb report: no store at " << path << '\n';
    return report_failed;
  }
  store::daily_report report;
  try {
    store::store_db db{path, store::durability::normal};
    if (auto why = store::archived_day_refusal(db, *window); !why.empty()) {
      std::cerr << "karb report: " << why << '\n';
      return report_failed;
    }
    report = store::build_daily_report(db, *window);
  } catch (const std::exception& e) {
    std::cerr << "karb report: " << e.what() << '\n';
    return report_failed;
  }
  report.store = path;
  report.venue_note = note;
  bool unreachable = false;
  if (mode != venues::offline) {
    auto got = fetch_balances(*cfg);
    store::compare_with_venues(report, got.balances);
    report.venue_note.clear();
    for (auto& f : got.failed)
      report.venue_note += (report.venue_note.empty() ? "" : "; ")
                           + ("not answered: " + f);
    unreachable = !got.failed.empty();
  }
  std::cout << (opts->json ? store::render_json(report)
                           : store::render_text(report));
  if (report.mismatches() > 0)
    return report_mismatch;
  return unreachable ? report_failed : report_ok;
}

} // namespace karb::cli
