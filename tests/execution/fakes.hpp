#pragma once

// Scripted stand-ins for a venue's rest actor and for risk. Their state
// lives in a shared script the test keeps, so counts stay readable after
// the actor is gone.

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <caf/all.hpp>

#include "messages/interfaces.hpp"

namespace karb::test {

struct fake_venue {
  enum class mode { fill, reject, rest, maybe_sent_filled, maybe_sent_lost };
  exchange venue = exchange::upbit;
  mode on_place = mode::fill;
  std::vector<mode> next_modes;     ///< consumed first, one per place
  bool hold = false;                ///< keep place replies until released
  int places = 0;
  int lookups = 0;
  int cancels = 0;
  int balance_calls = 0;
  int list_calls = 0;               ///< open + recent order lists read
  int failing_cancels = 0;          ///< next N cancels get no usable answer
  int failing_lookups = 0;          ///< next N lookups get no usable answer
  /// Lookups answer "no such order" even for known orders (an index that
  /// lags the matching engine); the order lists still hold them.
  bool blind_lookups = false;
  std::vector<order_request> placed;
  std::map<std::string, order> known;             ///< what the venue knows
  std::map<std::string, std::vector<fill>> fills;
  std::vector<balance> balances;
  /// Copied into every place ack (the REST actor's stamps).
  int64_t ack_taken_ns = 0;
  int64_t ack_dispatched_ns = 0;
  int64_t ack_sent_ns = 0;
  /// Called with every place request as it arrives.
  std::function<void(const order_request&)> observe;
  std::vector<std::pair<caf::typed_response_promise<order_ack>, order_ack>>
    held;

  /// Executes the request fully at its limit price, fee 0.05 % in KRW.
  void fill_order(const order_request& r);
  order_ack answer_place(const order_request& r);
  order_ack answer_lookup(const std::string& cid);
  order_ack answer_cancel(const std::string& cid);
  /// The known orders whose terminal-ness is `finished`.
  std::vector<order> list(bool finished);
  /// Delivers every held place reply (from inside the actor).
  void release();
};

/// A venue rest actor plus `ok`: release the held place replies.
using fake_rest_actor = venue_rest_actor::extend<caf::reacts_to<atom::ok>>;

fake_rest_actor::behavior_type fake_rest(fake_rest_actor::pointer self,
                                         std::shared_ptr<fake_venue> v);

struct risk_probe {
  std::vector<trade_report> reports;
  std::vector<std::vector<balance>> balances;
};

risk_actor::behavior_type fake_risk(risk_actor::pointer self,
                                    std::shared_ptr<risk_probe> p);

} // namespace karb::test
