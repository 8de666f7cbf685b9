#pragma once

// Every typed actor interface of the node, one comment line per handler.
// Messages that an actor sends itself on a timer are marked INTERNAL.

#include <memory>
#include <string>

#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include "messages/type_ids.hpp"

// -- local-only payloads of the configuration reload -----------------------------
// They never cross a process: a child's spawn function, the risk limits.
namespace karb::node {
struct child_spec;
} // namespace karb::node
namespace karb::config {
struct risk_settings;
} // namespace karb::config
namespace karb {
using child_spec_ptr = std::shared_ptr<const node::child_spec>;
} // namespace karb
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(karb::child_spec_ptr)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(karb::config::risk_settings)

namespace karb {

// -- event bus ----------------------------------------------------------------

/// Receives events (the bus's subscribers implement this).
using event_sink_actor = caf::typed_actor<
  // Delivers one event.
  caf::reacts_to<event>>;

/// The node's event bus: fan-out of events to subscribers, a bounded
/// history for the inspector.
using event_bus_actor = caf::typed_actor<
  // Publishes an event to every subscriber.
  caf::reacts_to<atom::publish, event>,
  // Adds a subscriber; it is dropped when it terminates.
  caf::reacts_to<atom::subscribe, event_sink_actor>,
  // Removes a subscriber.
  caf::reacts_to<atom::unsubscribe, event_sink_actor>,
  // Returns up to N of the most recent events, oldest first.
  caf::replies_to<atom::recent, int32_t>::with<std::vector<event>>>;

/// The alerter: an event sink with a clock for duration rules.
using alerter_actor = event_sink_actor::extend<
  // INTERNAL: once a second, for durations and re-notification.
  caf::reacts_to<atom::tick>>;

/// The demo's live view: an event sink that prints a status line on a
/// timer and summarises the run.
using reporter_actor = event_sink_actor::extend<
  // INTERNAL: prints the status line.
  caf::reacts_to<atom::tick>,
  // Returns the run's summary as a JSON object (text).
  caf::replies_to<atom::get>::with<std::string>>;

// -- market data ----------------------------------------------------------------

/// Receives conflated book views; replying `ok` asks for the next one (a
/// slow listener gets the latest book, never a growing mailbox).
using book_listener_actor = caf::typed_actor<
  // Delivers the latest view of one book.
  caf::replies_to<book_view>::with<atom::ok>>;

/// One (venue, symbol) order book.
using book_actor = caf::typed_actor<
  // Applies a full book frame from the venue feed (Upbit / Bithumb style).
  caf::reacts_to<order_book>,
  // The venue feed left a newer full book in the actor's inbox: apply it.
  caf::reacts_to<atom::ws_data>,
  // Returns the latest view (all levels).
  caf::replies_to<atom::get>::with<book_view>,
  // Adds a conflated listener.
  caf::reacts_to<atom::subscribe, book_listener_actor>,
  // Adds a listener that gets at most one view per interval (the latest;
  // one held back goes out when the interval is over): for listeners off
  // the way to an order, which need not see every frame.
  caf::reacts_to<atom::subscribe, book_listener_actor, caf::timespan>,
  // INTERNAL: an interval is over; sends the views held back for it.
  caf::reacts_to<atom::publish>,
  // Removes a listener.
  caf::reacts_to<atom::unsubscribe, book_listener_actor>,
  // Applies level changes from a sequenced feed (resyncs on a gap).
  caf::reacts_to<book_delta>,
  // Returns counters and latency percentiles.
  caf::replies_to<atom::stats>::with<book_stats>,
  // INTERNAL: staleness sweep (and snapshot retry while resyncing).
  caf::reacts_to<atom::tick>>;

/// The market data service (seed 002 §3.2): one book actor per subscribed
/// (venue, symbol), latest books and prices, throttled bus events.
using market_data_actor = caf::typed_actor<
  // Subscribes an instrument (idempotent); replies with its book actor.
  caf::replies_to<atom::subscribe, instrument>::with<book_actor>,
  // Stops the instrument's book actor.
  caf::reacts_to<atom::unsubscribe, instrument>,
  // Adds a book listener (a strategy), subscribing the instrument if needed.
  caf::replies_to<atom::subscribe, instrument, book_listener_actor>::with<
    book_actor>,
  // Removes a book listener.
  caf::reacts_to<atom::unsubscribe, instrument, book_listener_actor>,
  // Returns the latest book (all levels); error if not subscribed.
  caf::replies_to<atom::get, instrument>::with<book_view>,
  // Returns the latest price: mid of the book, else the last trade.
  caf::replies_to<atom::price, instrument>::with<decimal>,
  // Returns the book's counters and latency percentiles.
  caf::replies_to<atom::stats, instrument>::with<book_stats>,
  // Returns every book it runs: name ("book:upbit:KRW-BTC"), kind "book",
  // state ("healthy", "starting", "waiting" or why it is unhealthy).
  caf::replies_to<atom::status>::with<std::vector<child_status>>,
  // Learns a public trade (last price, TRADE_UPDATE event).
  caf::reacts_to<trade>,
  // Receives its books' views (it listens to every book it spawned).
  caf::replies_to<book_view>::with<atom::ok>,
  // INTERNAL: publishes throttled ORDERBOOK_UPDATE / PRICE_UPDATE events.
  caf::reacts_to<atom::tick>>;

// -- venues -----------------------------------------------------------------------

/// Receives order changes from a venue's private stream or polling.
using order_listener_actor = caf::typed_actor<
  // Delivers one order update.
  caf::reacts_to<order_update>,
  // The venue's (name) private stream (re)connected: updates may be missed.
  caf::reacts_to<atom::reconnect, std::string>>;

/// A venue's REST session: every signed call the node makes.
using venue_rest_actor = caf::typed_actor<
  // Places an order; never retried blindly (maybe_sent on timeout).
  caf::replies_to<atom::place, order_request>::with<order_ack>,
  // Cancels by client order id.
  caf::replies_to<atom::cancel, std::string, instrument>::with<order_ack>,
  // Looks an order up by client order id.
  caf::replies_to<atom::lookup, std::string, instrument>::with<order_ack>,
  // Returns every balance of the account.
  caf::replies_to<atom::balances>::with<std::vector<balance>>,
  // Returns a REST book snapshot.
  caf::replies_to<atom::snapshot, instrument>::with<order_book>,
  // Returns the open orders of an instrument.
  caf::replies_to<atom::open_orders, instrument>::with<std::vector<order>>,
  // Returns the account's newest finished orders of an instrument.
  caf::replies_to<atom::recent, instrument>::with<std::vector<order>>,
  // Returns the account's positions (perpetual venues; else an error).
  caf::replies_to<atom::positions>::with<std::vector<position>>,
  // Returns the funding payments booked since a wall time (ns; perpetual
  // venues, from their income or bill history; else an error).
  caf::replies_to<atom::settle, int64_t>::with<std::vector<funding_payment>>,
  // Returns the instrument's current funding and mark price (perpetuals).
  caf::replies_to<atom::funding, instrument>::with<funding_rate, mark_price>,
  // Returns the trading rules of every listed instrument (loaded at start,
  // refreshed daily; empty before the first load).
  caf::replies_to<atom::instruments>::with<std::vector<instrument_spec>>>;

/// One venue's supervisor (feed, private and rest children).
using venue_actor = caf::typed_actor<
  // Returns the REST child.
  caf::replies_to<atom::rest>::with<venue_rest_actor>,
  // Streams the instrument's books to a book actor (kept across reconnects).
  caf::reacts_to<atom::subscribe, instrument, book_actor>,
  // Sends private order updates to a listener.
  caf::reacts_to<atom::subscribe, order_listener_actor>,
  // Asks the feed for a fresh book of the instrument (resubscribes it).
  caf::reacts_to<atom::resync, instrument>,
  // Returns the state of the venue's connections.
  caf::replies_to<atom::status>::with<venue_status>,
  // Returns the account's positions (perpetual venues; else an error).
  caf::replies_to<atom::positions>::with<std::vector<position>>,
  // Returns the funding payments booked since a wall time (ns; perpetual
  // venues, from their income or bill history; else an error).
  caf::replies_to<atom::settle, int64_t>::with<std::vector<funding_payment>>,
  // Returns the latest funding rates and mark prices (streamed, else polled).
  caf::replies_to<atom::funding>::with<std::vector<funding_rate>,
                                       std::vector<mark_price>>,
  // Returns the trading rules of every listed instrument.
  caf::replies_to<atom::instruments>::with<std::vector<instrument_spec>>>;

// -- execution internals, store and portfolio ------------------------------------

/// One order of one trade, named by its client order id.
using order_actor = caf::typed_actor<
  // Applies an order change routed from the venue's private stream.
  caf::reacts_to<order_update>,
  // Asks the venue to cancel the order (by client order id).
  caf::reacts_to<atom::cancel>,
  // Returns the order's current view.
  caf::replies_to<atom::get>::with<order>,
  // INTERNAL: poll / lookup by client order id while not terminal.
  caf::reacts_to<atom::tick>>;

/// One arbitrage attempt: its legs, re-pricing and unwinding.
using trade_actor = caf::typed_actor<
  // Learns a change of one of its orders.
  caf::reacts_to<order_report>,
  // Returns the trade's current record.
  caf::replies_to<atom::get>::with<trade_record>,
  // INTERNAL: order timeout and naked-exposure caps.
  caf::reacts_to<atom::tick>>;

/// Durable state in SQLite (WAL): orders, transitions, fills, trades,
/// balance snapshots, events, audit.
using store_actor = event_sink_actor::extend<
  // Writes an order and its intent; replies once durable (before sending).
  caf::replies_to<atom::intent, order_record>::with<atom::ok>,
  // Records an order's latest state and the transition that led to it.
  caf::reacts_to<order_record>,
  // Records one fill (a duplicate trade id is ignored).
  caf::reacts_to<fill>,
  // Records a trade's latest state.
  caf::reacts_to<trade_record>,
  // Records a balance snapshot.
  caf::reacts_to<std::vector<balance>>,
  // Records one audit row.
  caf::reacts_to<audit_row>,
  // Returns every non-terminal trade and order, for recovery at start.
  caf::replies_to<atom::load>::with<recovery_set>,
  // Returns one trade and every order of it (reconciliation).
  caf::replies_to<atom::load, std::string>::with<recovery_set>,
  // Returns the stored orders among these client order ids and their
  // booked fills (no trades).
  caf::replies_to<atom::get, std::vector<std::string>>::with<recovery_set>,
  // Returns up to N trades, most recently updated first (inspector).
  caf::replies_to<atom::recent, int32_t>::with<std::vector<trade_record>>,
  // INTERNAL: hourly, moves old finished trades, events and balances to
  // the month's archive file.
  caf::reacts_to<atom::tick>>;

/// Balances per venue, realised and daily PnL, exposure per asset.
using portfolio_actor = caf::typed_actor<
  // Applies one of our fills to the venue's balances.
  caf::reacts_to<fill>,
  // Books a finished trade's PnL and fees.
  caf::reacts_to<trade_report>,
  // Books a funding payment a venue credited or debited.
  caf::reacts_to<funding_payment>,
  // Returns balances, PnL and exposure.
  caf::replies_to<atom::get>::with<portfolio_snapshot>,
  // Refreshes every venue's balances over REST, then returns the snapshot
  // (once each venue answered or failed).
  caf::replies_to<atom::refresh>::with<portfolio_snapshot>,
  // INTERNAL: refreshes every venue's balances over REST.
  caf::reacts_to<atom::tick>>;
// -- venue internals ------------------------------------------------------------------

/// A venue's public feed, child of the venue supervisor (actors/venue).
using venue_feed_actor = caf::typed_actor<
  // Streams the instrument's books to a book actor (kept across reconnects).
  caf::reacts_to<atom::subscribe, instrument, book_actor>,
  // Returns the feed's part of the venue status.
  caf::replies_to<atom::status>::with<venue_status>,
  // INTERNAL: connection `gen` opened.
  caf::reacts_to<atom::ws_open, uint64_t>,
  // INTERNAL: connection `gen` received data (at most about once a second).
  caf::reacts_to<atom::ws_data, uint64_t>,
  // INTERNAL: connection `gen` failed or closed, with the reason.
  caf::reacts_to<atom::ws_closed, uint64_t, std::string>,
  // INTERNAL: the backoff delay after failure of connection `gen` is over.
  caf::reacts_to<atom::reconnect, uint64_t>,
  // INTERNAL: silence check of connection `gen`.
  caf::reacts_to<atom::heartbeat, uint64_t>,
  // INTERNAL: a streamed mark price (and funding, empty symbol: none;
  // a funding rate alone comes with an empty mark price).
  caf::reacts_to<mark_price, funding_rate>,
  // Subscribes the instrument's book again (a venue that sends a snapshot
  // only on subscription: OKX, Bybit).
  caf::reacts_to<atom::resync, instrument>,
  // Returns the latest streamed funding rates and mark prices.
  caf::replies_to<atom::funding>::with<std::vector<funding_rate>,
                                       std::vector<mark_price>>>;

/// A venue's private stream (orders, assets), child of the venue supervisor.
using venue_private_actor = caf::typed_actor<
  // Sends every order update of the stream to a listener.
  caf::reacts_to<atom::subscribe, order_listener_actor>,
  // Returns the latest balances the stream reported.
  caf::replies_to<atom::balances>::with<std::vector<balance>>,
  // Returns the private stream's part of the venue status.
  caf::replies_to<atom::status>::with<venue_status>,
  // INTERNAL: an order update parsed on the I/O thread.
  caf::reacts_to<order_update>,
  // INTERNAL: balances parsed on the I/O thread.
  caf::reacts_to<std::vector<balance>>,
  // INTERNAL: positions parsed on the I/O thread.
  caf::reacts_to<std::vector<position>>,
  // Returns the latest positions the stream reported.
  caf::replies_to<atom::positions>::with<std::vector<position>>,
  // INTERNAL: keeps the listen key alive (venues with one).
  caf::reacts_to<atom::refresh>,
  // INTERNAL: the listen key of connection `gen` (empty: the error).
  caf::reacts_to<atom::refresh, uint64_t, std::string, std::string>,
  // INTERNAL: connection `gen` opened.
  caf::reacts_to<atom::ws_open, uint64_t>,
  // INTERNAL: the venue accepted the login on connection `gen`.
  caf::reacts_to<atom::ok, uint64_t>,
  // INTERNAL: connection `gen` failed or closed, with the reason.
  caf::reacts_to<atom::ws_closed, uint64_t, std::string>,
  // INTERNAL: the backoff delay after failure of connection `gen` is over.
  caf::reacts_to<atom::reconnect, uint64_t>>;

/// The REST session's own interface: venue_rest_actor plus internals.
using venue_rest_impl_actor = venue_rest_actor::extend<
  // Returns the REST part of the venue status (requests, errors).
  caf::replies_to<atom::status>::with<venue_status>,
  // INTERNAL: an HTTP request finished (sent from the I/O thread).
  caf::reacts_to<atom::http_reply, http_reply>,
  // INTERNAL: the rate limiter may let queued requests through now.
  caf::reacts_to<atom::drain>,
  // INTERNAL: re-queues read `id` after its retry delay.
  caf::reacts_to<atom::reconnect, uint64_t>,
  // INTERNAL: a venue ban or rate-limited period may be over.
  caf::reacts_to<atom::tick>,
  // INTERNAL: reloads the server-time offset and the instruments (daily).
  caf::reacts_to<atom::refresh>,
  // INTERNAL: sets a perpetual market up (leverage, margin mode) once.
  caf::reacts_to<atom::load, std::string>>;

/// The venue supervisor's own interface: venue_actor plus internals.
using venue_supervisor_actor = venue_actor::extend<
  // INTERNAL: restarts the named child ("feed", "private", "rest").
  caf::reacts_to<atom::restart, std::string>,
  // INTERNAL: polls funding and mark prices of subscribed perpetuals.
  caf::reacts_to<atom::funding, bool>>;

// -- risk and execution -------------------------------------------------------------

/// Learns what became of the attempts it handed to risk (a strategy).
using attempt_listener_actor = caf::typed_actor<
  // Denied by risk, refused by execution, or started as a trade.
  caf::reacts_to<attempt_outcome>,
  // How a trade it started ended (outcome, fills, PnL).
  caf::reacts_to<trade_report>>;

/// Runs approved opportunities as trades (one trade actor each).
using execution_actor = caf::typed_actor<
  // Starts a trade; replies with its id.
  caf::replies_to<atom::execute, arbitrage_opportunity, risk_verdict>::with<
    std::string>,
  // Starts a trade risk approved; tells the listener (the strategy) what
  // became of it.
  caf::reacts_to<atom::execute, arbitrage_opportunity, risk_verdict,
                 attempt_listener_actor>,
  // Routes a venue's order update to its order actor (one it does not run
  // goes to reconciliation).
  caf::reacts_to<order_update>,
  // Reconciles the venue (name) whose private stream (re)connected.
  caf::reacts_to<atom::reconnect, std::string>,
  // INTERNAL: the periodic reconciliation of every venue.
  caf::reacts_to<atom::tick>,
  // Returns the orders that are not terminal yet.
  caf::replies_to<atom::open_orders>::with<std::vector<order>>,
  // Returns the running trades and the orders that are not terminal yet
  // (the inspector's actor tree).
  caf::replies_to<atom::status>::with<std::vector<trade_record>,
                                      std::vector<order>>,
  // Asks the live order with this client order id to cancel (its trade
  // decides what follows); an error when no such order is live.
  caf::replies_to<atom::cancel, std::string>::with<atom::ok>,
  // Stops every running trade (none re-prices or unwinds: no position is
  // opened or closed; the store keeps them for the next start) and asks
  // every live order to cancel; replies the orders asked, trades stopped.
  caf::replies_to<atom::cancel>::with<int64_t, int64_t>,
  // A trade actor registers one of its order actors for routing.
  caf::reacts_to<atom::subscribe, std::string, order_actor>,
  // Shrinks one perpetual position with a reduce-only order (a one-leg
  // trade, stored like any other).
  caf::reacts_to<atom::close, close_request>,
  // Cancels every live order and closes every position reduce-only;
  // replies what remains (emergency stop).
  caf::replies_to<atom::flatten, std::string>::with<flatten_report>,
  // INTERNAL: checks flatten job N (its close trades, the deadline).
  caf::reacts_to<atom::flatten, int64_t>,
  // INTERNAL: a phase of the orderly stop is over (the drain of trades in
  // flight, then the wait for their cancels).
  caf::reacts_to<caf::timeout_atom>>;

/// Pre-trade checks, daily loss, failure breaker, halt / resume.
using risk_actor = caf::typed_actor<
  // Approves (with a size) or denies an opportunity, with a reason.
  caf::replies_to<atom::check, arbitrage_opportunity>::with<risk_verdict>,
  // Checks an attempt: approved, it goes straight to execution (which
  // tells the listener); denied, the listener learns why.
  caf::reacts_to<atom::check, arbitrage_opportunity, execution_actor,
                 attempt_listener_actor>,
  // Learns how a trade ended (PnL, failures).
  caf::reacts_to<trade_report>,
  // Learns the current balances of one venue.
  caf::reacts_to<std::vector<balance>>,
  // Emergency stop with a reason.
  caf::reacts_to<atom::halt, std::string>,
  // Lifts a halt.
  caf::reacts_to<atom::resume>,
  // Returns limits usage and halt state.
  caf::replies_to<atom::status>::with<risk_status>,
  // Replaces the limits (config reload); usage and halt state stay.
  caf::reacts_to<atom::put, config::risk_settings>,
  // Learns every venue's positions and the net per asset.
  caf::reacts_to<position_book>,
  // Learns a funding payment a venue booked (PnL).
  caf::reacts_to<funding_payment>,
  // Emergency stop (seed 002 emergency_stop): halts, cancels every open
  // order, closes every position reduce-only; replies what remains.
  caf::replies_to<atom::emergency, std::string>::with<flatten_report>>;

// -- derivatives: funding and positions ----------------------------------------------

/// Learns funding rates and the payments the venues booked (the
/// derivatives strategies).
using funding_listener_actor = caf::typed_actor<
  // The latest rates of the venues and symbols the listener asked for.
  caf::reacts_to<std::vector<funding_rate>>,
  // A payment a venue booked (credited to the trade holding the position).
  caf::reacts_to<funding_payment>>;

/// The funding-rate service (seed 002 §3.2): every perpetual venue's rate,
/// next funding time, interval, history and predicted rate; the spread of
/// rates across venues; the payments the venues actually booked, read from
/// their income or bill history and credited to PnL.
using funding_service_actor = caf::typed_actor<
  // Sends the listener every rate change and every booked payment.
  caf::reacts_to<atom::subscribe, funding_listener_actor>,
  // Returns the current board (rates, spreads, funding PnL, payments).
  caf::replies_to<atom::funding>::with<funding_board>,
  // Returns the recorded rates of one venue symbol, oldest first.
  caf::replies_to<atom::recent, std::string, std::string>::with<
    std::vector<funding_rate>>,
  // INTERNAL: polls rates (every few seconds) or payments (`true`).
  caf::reacts_to<atom::tick, bool>>;

/// The position manager (seed 002 §3.5): positions per venue and
/// instrument, the net per asset across spot and perpetuals, exposure;
/// reconciled with the venues at start, after reconnects and on a timer.
using position_manager_actor = caf::typed_actor<
  // Returns the current book.
  caf::replies_to<atom::positions>::with<position_book>,
  // Reconciles one venue (name) now (its private stream reconnected).
  caf::reacts_to<atom::reconnect, std::string>,
  // Learns a venue's positions as its private stream reported them.
  caf::reacts_to<std::vector<position>>,
  // INTERNAL: reconciles every venue.
  caf::reacts_to<atom::tick>>;

// -- inspection --------------------------------------------------------------------

/// The node's inspector, published through CAF's middleman. Replies are JSON
/// objects in text form ({"error": ...} on failure), so the tool and the
/// node only need to agree on this interface.
using inspector_actor = caf::typed_actor<
  // Runs a read command ("status", "actors", "events", ...) with arguments.
  caf::replies_to<atom::get, std::vector<std::string>>::with<std::string>,
  // Runs a control command ("halt", "resume", ...); refused unless enabled.
  caf::replies_to<atom::put, std::vector<std::string>>::with<std::string>>;

/// The API publisher (actors/api): an event sink that keeps the API's
/// snapshot board fresh by asking an inspector on its own timer.
using api_publisher_actor = event_sink_actor::extend<
  // INTERNAL: the fast tick (books, spreads, topics events made due); the
  // slow topics are refreshed on every fourth.
  caf::reacts_to<atom::tick>>;

// -- strategy -------------------------------------------------------------------

/// One strategy instance: listens to its books, finds opportunities, asks
/// risk, hands approved ones to execution.
using strategy_actor = book_listener_actor::extend<
  // Learns what became of an attempt (see attempt_listener_actor).
  caf::reacts_to<attempt_outcome>,
  // Learns how a trade it started ended.
  caf::reacts_to<trade_report>,
  // INTERNAL: the attempt on opportunity ID got no outcome in time.
  caf::reacts_to<atom::expire, std::string>,
  // Returns the instance's id, books and counters.
  caf::replies_to<atom::status>::with<strategy_status>,
  // INTERNAL: the cooldown of direction N (0 or 1) is over.
  caf::reacts_to<atom::tick, int32_t>,
  // Takes no new opportunity; quits once no risk/execution answer is due.
  caf::reacts_to<atom::drain>>;

// -- node -----------------------------------------------------------------------

/// The root supervisor.
using node_actor = caf::typed_actor<
  // Returns the node's and its children's status.
  caf::replies_to<atom::status>::with<node_status>,
  // Stops the named child and keeps it down (no restart) until resumed.
  caf::replies_to<atom::halt, std::string>::with<atom::ok>,
  // Starts a child stopped by `halt` again (ok if it is already running).
  caf::replies_to<atom::resume, std::string>::with<atom::ok>,
  // INTERNAL: restarts the named child once its backoff delay has passed.
  caf::reacts_to<atom::restart, std::string>,
  // INTERNAL: forgives the named child's failures if it stayed up.
  caf::reacts_to<atom::tick, std::string>,
  // INTERNAL: periodic status line in the log.
  caf::reacts_to<atom::tick>,
  // Stops every child in shutdown order, then the node.
  caf::reacts_to<atom::shutdown>,
  // Adds a child, or replaces the one of that name once it has stopped.
  caf::replies_to<atom::put, child_spec_ptr>::with<atom::ok>,
  // Stops the named child (by its spec's `stop`) and forgets it.
  caf::replies_to<atom::remove, std::string>::with<atom::ok>,
  // INTERNAL: the shutdown deadline; kills what is still running.
  caf::reacts_to<caf::timeout_atom>>;

// -- configuration reload ---------------------------------------------------------

/// Owns the running configuration; re-reads its file and applies what can
/// change live (strategies, risk limits).
using reloader_actor = caf::typed_actor<
  // Reloads the config file; replies "reloaded: ..." or "refused: ...".
  caf::replies_to<atom::reload>::with<std::string>>;

} // namespace karb
