#include <memory>

#include <caf/all.hpp>

#include "actors/inspector/actor_tree.hpp"
#include "actors/inspector/commands.hpp"
#include "actors/inspector/queries.hpp"

namespace karb::inspector {

namespace {

using nlohmann::json;

// Why mailbox sizes and message counts are not reported (CAF 0.17.6):
// fifo_inbox::size() moves messages from the shared inbox into the owner's
// private queue, so only the actor's own thread may call it, and actors
// keep no handled-message counter (the metrics for that arrive in 0.18).
const char* mailbox_note
  = "mailbox size and messages handled: not available; CAF 0.17.6 reads a "
    "mailbox's size only from the actor's own thread and counts no handled "
    "messages";

/// The node's answer and the parts under it, as they come in.
struct tree_answer {
  std::optional<node_status> node;
  std::string node_error;
  tree_parts parts;
};

} // namespace

reply actors(pointer self) {
  auto md = trading_handle(self, &app::trading_handles::market_data);
  auto ex = trading_handle(self, &app::trading_handles::execution);
  auto rp = self->make_response_promise<std::string>();
  auto a = std::make_shared<tree_answer>();
  size_t parts = 1 + (md ? 1 : 0) + (ex ? 1 : 0);
  auto g = gather::start(json::object(), parts, [rp, a](json&) mutable {
    if (!a->node) {
      rp.deliver(error_reply("node did not answer: " + a->node_error));
      return;
    }
    rp.deliver(json{{"actors", to_json(*a->node)["children"]},
                    {"tree", actor_tree(*a->node, a->parts)},
                    {"note", mailbox_note}}
                 .dump());
  });
  auto timeout = self->state.setup.ask_timeout;
  self->request(self->state.setup.node, timeout, atom::status_v)
    .then(
      [a, g](const node_status& st) {
        a->node = st;
        g->done();
      },
      [self, a, g](caf::error& e) {
        a->node_error = why(self, e);
        g->done();
      });
  if (md)
    self->request(md, timeout, atom::status_v)
      .then(
        [a, g](const std::vector<child_status>& books) {
          a->parts.books = books;
          g->done();
        },
        [self, a, g](caf::error& e) {
          a->parts.books_error = why(self, e);
          g->done();
        });
  if (ex)
    self->request(ex, timeout, atom::status_v)
      .then(
        [a, g](const std::vector<trade_record>& trades,
               const std::vector<order>& orders) {
          a->parts.trades = trades;
          a->parts.orders = orders;
          g->done();
        },
        [self, a, g](caf::error& e) {
          a->parts.execution_error = why(self, e);
          g->done();
        });
  return rp;
}

} // namespace karb::inspector
