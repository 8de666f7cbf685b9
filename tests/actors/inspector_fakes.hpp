#pragma once

// Typed fakes of the trading actors for the inspector tests: each answers
// the inspector's question with canned data and ignores everything else.

#include <memory>
#include <string>
#include <vector>

#include <caf/all.hpp>

#include "actors/inspector/render.hpp"
#include "messages/interfaces.hpp"

namespace karb::inspector::test {

inline venue_actor::behavior_type fake_venue(venue_actor::pointer,
                                             std::string name) {
  return {
    [](atom::rest) -> caf::result<venue_rest_actor> {
      return caf::make_error(caf::sec::unexpected_message, "fake");
    },
    [](atom::subscribe, const instrument&, const book_actor&) {},
    [](atom::subscribe, const order_listener_actor&) {},
    [](atom::resync, const instrument&) {},
    [name](atom::status) {
      return venue_status{name, "connected", "subscribed", "closed", 2,
                          100,  5,           1};
    },
    [](atom::positions) -> caf::result<std::vector<position>> {
      return caf::make_error(caf::sec::unexpected_message, "no positions");
    },
    [](atom::settle, int64_t) -> caf::result<std::vector<funding_payment>> {
      return caf::make_error(caf::sec::unexpected_message, "no funding payments");
    },
    [](atom::funding) {
      return caf::make_result(std::vector<funding_rate>{},
                              std::vector<mark_price>{});
    },
    [](atom::instruments) { return std::vector<instrument_spec>{}; },
  };
}

/// Answers get/stats for `view`'s instrument; with `silent`, never answers.
struct fake_md_state {
  std::vector<caf::typed_response_promise<book_stats>> held;
};

inline market_data_actor::behavior_type
fake_market_data(market_data_actor::stateful_pointer<fake_md_state> self,
                 book_view view, book_stats stats, bool silent) {
  auto not_subscribed = [](const instrument& x) {
    return caf::make_error(caf::sec::invalid_argument,
                           "not subscribed: " + x.venue_symbol);
  };
  return {
    [](atom::subscribe, const instrument&) -> caf::result<book_actor> {
      return caf::make_error(caf::sec::unexpected_message, "fake");
    },
    [](atom::unsubscribe, const instrument&) {},
    [](atom::subscribe, const instrument&, const book_listener_actor&)
      -> caf::result<book_actor> {
      return caf::make_error(caf::sec::unexpected_message, "fake");
    },
    [](atom::unsubscribe, const instrument&, const book_listener_actor&) {},
    [=](atom::get, const instrument& x) -> caf::result<book_view> {
      if (x == view.book.symbol)
        return view;
      return not_subscribed(x);
    },
    [](atom::price, const instrument&) { return decimal{}; },
    [=](atom::stats, const instrument& x) -> caf::result<book_stats> {
      if (silent) {
        self->state.held.push_back(self->make_response_promise<book_stats>());
        return self->state.held.back();
      }
      if (x == stats.symbol)
        return stats;
      return not_subscribed(x);
    },
    [=](atom::status) {
      return std::vector<child_status>{
        {"book:" + book_name(view.book.symbol), "book",
         view.healthy ? "healthy" : view.reason, 0, 0, ""}};
    },
    [](const trade&) {},
    [](const book_view&) { return atom::ok_v; },
    [](atom::tick) {},
  };
}

inline strategy_actor::behavior_type fake_strategy(strategy_actor::pointer,
                                                   strategy_status st) {
  return {
    [](const book_view&) { return atom::ok_v; },
    [](const attempt_outcome&) {},
    [](const trade_report&) {},
    [](atom::expire, const std::string&) {},
    [st](atom::status) { return st; },
    [](atom::tick, int32_t) {},
    [](atom::drain) {},
  };
}

/// Runs trade T1 with the `open` orders; cancels only those.
inline execution_actor::behavior_type
fake_execution(execution_actor::pointer, std::vector<order> open) {
  trade_record t1;
  t1.trade_id = "T1";
  t1.strategy_id = "spread";
  t1.state = "legs_submitted";
  return {
    [open, t1](atom::status) {
      return caf::make_result(std::vector<trade_record>{t1}, open);
    },
    [open](atom::cancel, const std::string& id) -> caf::result<atom::ok> {
      for (const auto& o : open)
        if (o.client_order_id == id)
          return atom::ok_v;
      return caf::make_error(caf::sec::invalid_argument,
                             "no live order '" + id + "'");
    },
    [open](atom::cancel) {
      return caf::make_result(static_cast<int64_t>(open.size()), int64_t{1});
    },
    [](atom::close, const close_request&) {},
    [](atom::flatten, int64_t) {},
    [](atom::flatten, const std::string&) -> caf::result<flatten_report> {
      return caf::make_error(caf::sec::unexpected_message, "fake");
    },
    [](atom::execute, const arbitrage_opportunity&, const risk_verdict&) {
      return std::string{"T1"};
    },
    [](atom::execute, const arbitrage_opportunity&, const risk_verdict&,
       const attempt_listener_actor&) {},
    [](const order_update&) {},
    [](atom::reconnect, const std::string&) {},
    [](atom::tick) {},
    [open](atom::open_orders) { return open; },
    [](atom::subscribe, const std::string&, const order_actor&) {},
    [](caf::timeout_atom) {},
  };
}

inline store_actor::behavior_type fake_store(store_actor::pointer,
                                             recovery_set rs,
                                             std::vector<trade_record> recent) {
  return {
    [](const event&) {},
    [](atom::intent, const order_record&) { return atom::ok_v; },
    [](const order_record&) {},
    [](const fill&) {},
    [](const trade_record&) {},
    [](const std::vector<balance>&) {},
    [](const audit_row&) {},
    [rs](atom::load) { return rs; },
    [](atom::load, const std::string&) { return recovery_set{}; },
    [](atom::get, const std::vector<std::string>&) { return recovery_set{}; },
    [recent](atom::recent, int32_t n) {
      auto out = recent;
      if (out.size() > static_cast<size_t>(n))
        out.resize(static_cast<size_t>(n));
      return out;
    },
    [](atom::tick) {},
  };
}

inline portfolio_actor::behavior_type
fake_portfolio(portfolio_actor::pointer, portfolio_snapshot snap) {
  return {
    [](const funding_payment&) {},
    [](const fill&) {},
    [](const trade_report&) {},
    [snap](atom::get) { return snap; },
    [snap](atom::refresh) { return snap; },
    [](atom::tick) {},
  };
}

inline funding_service_actor::behavior_type
fake_funding_service(funding_service_actor::pointer, funding_board board) {
  return {
    [](atom::subscribe, const funding_listener_actor&) {},
    [board](atom::funding) { return board; },
    [](atom::recent, const std::string&, const std::string&) {
      return std::vector<funding_rate>{};
    },
    [](atom::tick, bool) {},
  };
}

inline position_manager_actor::behavior_type
fake_position_manager(position_manager_actor::pointer, position_book book) {
  return {
    [book](atom::positions) { return book; },
    [](atom::reconnect, const std::string&) {},
    [](const std::vector<position>&) {},
    [](atom::tick) {},
  };
}

} // namespace karb::inspector::test
