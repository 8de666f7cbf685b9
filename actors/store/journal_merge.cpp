#include "actors/store/journal_merge.hpp"

#include "actors/store/intent_journal.hpp"

namespace karb::store {

merge_result merge_journal(store_db& db, const std::string& journal) {
  merge_result out;
  auto set = intent_journal::read(journal, out.error);
  if (!out.error.empty())
    return out;
  for (const auto& t : set.trades) {
    if (db.has_trade(t.trade_id))
      continue;
    if (!db.put_trade(t)) {
      out.error = "trade " + t.trade_id + ": " + db.last_error();
      return out;
    }
    ++out.trades;
  }
  for (const auto& o : set.orders) {
    if (!db.order(o.request.client_order_id).trade_id.empty())
      continue;
    if (!db.put_order(o)) {
      out.error = "order " + o.request.client_order_id + ": "
                  + db.last_error();
      return out;
    }
    ++out.orders;
  }
  intent_journal::clear(journal);
  return out;
}

} // namespace karb::store
