#include <set>

#include <caf/all.hpp>

#include "actors/inspector/commands.hpp"
#include "actors/inspector/gather.hpp"
#include "actors/inspector/queries.hpp"
#include "actors/inspector/render.hpp"
#include "actors/metrics/registry.hpp"
#include "exchanges/registry.hpp"

namespace karb::inspector {

namespace {

using nlohmann::json;

using done_fn = gather::done_fn;

json summary_json(const metrics::latency_snapshot& x, bool buckets) {
  auto& h = x.values;
  json out{{"name", x.name},           {"labels", x.labels},
           {"count", h.count()},       {"p50_ns", h.percentile(50)},
           {"p90_ns", h.percentile(90)}, {"p99_ns", h.percentile(99)},
           {"p999_ns", h.percentile(99.9)}, {"max_ns", h.max()}};
  if (buckets) {
    // [upper bound ns, cumulative count] of each non-empty bucket.
    auto& b = out["buckets"] = json::array();
    for (auto& x : h.export_buckets())
      b.push_back({x.upper_bound_ns, x.cumulative_count});
  }
  return out;
}

// Phase two of `latency`: the stats of every book the strategies watch.
void book_latencies(pointer self, const std::set<std::pair<int, std::string>>&
                                    books,
                    json out, done_fn finish) {
  auto md = trading_handle(self, &app::trading_handles::market_data);
  out["books"] = json::array();
  if (!md) {
    out["books_error"] = "market data is not running on this node";
    finish(out);
    return;
  }
  for (size_t i = 0; i < books.size(); ++i)
    out["books"].push_back(nullptr);
  auto g = gather::start(std::move(out), books.size(), std::move(finish));
  size_t slot = 0;
  for (auto& [venue, base] : books) {
    auto v = static_cast<exchange>(venue);
    auto x = venue::instrument_on(v, base, venue::entry_of(v).quote);
    auto i = slot++;
    self->request(md, self->state.setup.ask_timeout, atom::stats_v, x)
      .then(
        [g, i](const book_stats& st) {
          g->out()["books"][i] = to_json(st);
          g->done();
        },
        [self, g, i, x](caf::error& e) {
          g->out()["books"][i] = {{"book", book_name(x)},
                                  {"error", why(self, e)}};
          g->done();
        });
  }
}

} // namespace

reply book(pointer self, const std::vector<std::string>& args) {
  std::string err;
  auto q = parse_book(args, err);
  if (!q)
    return error_reply(err);
  auto md = trading_handle(self, &app::trading_handles::market_data);
  if (!md)
    return not_running("market data");
  auto rp = self->make_response_promise<std::string>();
  auto g = gather::start(json::object(), 2, deliver_to(rp));
  auto depth = q->depth;
  ask<book_view>(self, md, "market data", g,
      [depth](json& out, const book_view& v) {
        out.update(to_json(v, depth));
      },
      atom::get_v, q->symbol);
  ask<book_stats>(self, md, "market data", g,
      [](json& out, const book_stats& st) { out["stats"] = to_json(st); },
      atom::stats_v, q->symbol);
  return rp;
}

reply strategies(pointer self) {
  auto all = trading_handle(self, &app::trading_handles::strategies);
  auto rp = self->make_response_promise<std::string>();
  json out{{"strategies", json::array()}};
  for (size_t i = 0; i < all.size(); ++i)
    out["strategies"].push_back(nullptr);
  auto g = gather::start(std::move(out), all.size(), deliver_to(rp));
  size_t slot = 0;
  for (auto& [id, hdl] : all) {
    auto i = slot++;
    self->request(hdl, self->state.setup.ask_timeout, atom::status_v)
      .then(
        [g, i, id = id](const strategy_status& st) {
          auto j = to_json(st);
          j["instance"] = id; // the node's name for it: "<id>:<symbol>"
          g->out()["strategies"][i] = std::move(j);
          g->done();
        },
        [self, g, i, id = id](caf::error& e) {
          g->out()["strategies"][i] = {{"instance", id},
                                       {"error", why(self, e)}};
          g->done();
        });
  }
  return rp;
}

reply orders(pointer self) {
  auto ex = trading_handle(self, &app::trading_handles::execution);
  if (!ex)
    return not_running("execution");
  auto rp = self->make_response_promise<std::string>();
  auto g = gather::start(json::object(), 1, deliver_to(rp));
  ask<std::vector<order>>(self, ex, "execution", g,
      [](json& out, const std::vector<order>& xs) {
        out["orders"] = json::array();
        for (auto& o : xs)
          out["orders"].push_back(to_json(o));
      },
      atom::open_orders_v);
  return rp;
}

reply trades(pointer self, const std::vector<std::string>& args) {
  std::string err;
  auto n = parse_count(args, 20, err);
  if (!n)
    return error_reply(err);
  auto st = trading_handle(self, &app::trading_handles::store);
  if (!st)
    return not_running("the store");
  auto rp = self->make_response_promise<std::string>();
  auto g = gather::start(json::object(), 2, deliver_to(rp));
  ask<recovery_set>(self, st, "the store", g,
      [](json& out, const recovery_set& rs) {
        out["open"] = json::array();
        for (auto& t : rs.trades)
          out["open"].push_back(to_json(t));
        out["open_orders"] = rs.orders.size();
      },
      atom::load_v);
  ask<std::vector<trade_record>>(self, st, "the store", g,
      [](json& out, const std::vector<trade_record>& xs) {
        out["recent"] = json::array();
        for (auto& t : xs)
          out["recent"].push_back(to_json(t));
      },
      atom::recent_v, *n);
  return rp;
}

reply risk(pointer self) {
  auto r = trading_handle(self, &app::trading_handles::risk);
  if (!r)
    return not_running("risk");
  auto rp = self->make_response_promise<std::string>();
  json out = json::object();
  auto limits = self->state.setup.risk_limits;
  if (auto& h = self->state.setup.trading) {
    std::lock_guard<std::mutex> guard{h->mtx};
    if (h->risk_limits)
      limits = h->risk_limits;
  }
  if (limits)
    out["limits"] = to_json(*limits);
  auto g = gather::start(std::move(out), 1, deliver_to(rp));
  ask<risk_status>(self, r, "risk", g,
      [](json& out, const risk_status& s) {
        out.update(to_json(s));
      },
      atom::status_v);
  return rp;
}

reply balances(pointer self) {
  auto p = trading_handle(self, &app::trading_handles::portfolio);
  if (!p)
    return not_running("the portfolio");
  auto rp = self->make_response_promise<std::string>();
  auto g = gather::start(json::object(), 1, deliver_to(rp));
  ask<portfolio_snapshot>(self, p, "the portfolio", g,
      [](json& out, const portfolio_snapshot& s) {
        out.update(to_json(s));
      },
      atom::get_v);
  return rp;
}

reply latency(pointer self, const std::vector<std::string>& args) {
  bool buckets = args.size() > 1 && args[1] == "--buckets";
  auto all = trading_handle(self, &app::trading_handles::strategies);
  auto rp = self->make_response_promise<std::string>();
  json out = json::object();
  out["histograms"] = json::array();
  for (auto& x : metrics::global().latencies())
    out["histograms"].push_back(summary_json(x, buckets));
  // Phase one: which books the strategies watch (they subscribe them).
  auto books = std::make_shared<std::set<std::pair<int, std::string>>>();
  auto finish = deliver_to(rp);
  auto g = gather::start(
    std::move(out), all.size(), [self, books, finish](json& j) {
      book_latencies(self, *books, std::move(j), finish);
    });
  for (auto& [id, hdl] : all)
    self->request(hdl, self->state.setup.ask_timeout, atom::status_v)
      .then(
        [g, books](const strategy_status& st) {
          for (auto& v : st.venues)
            if (auto x = exchange_from_string(v))
              for (auto& base : st.symbols)
                books->emplace(static_cast<int>(*x), base);
          g->done();
        },
        [g](caf::error&) { g->done(); }); // a stopped strategy: no books
  return rp;
}

} // namespace karb::inspector
