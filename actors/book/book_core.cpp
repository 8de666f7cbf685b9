#include "actors/book/book_core.hpp"

#include "exchanges/registry.hpp"

#include <algorithm>
#include <string>
#include <type_traits>
#include <utility>

namespace karb::book {

std::string_view to_string(sync_mode m) {
  switch (m) {
    case sync_mode::full_snapshot: return "full_snapshot";
    case sync_mode::gap_tolerant: return "gap_tolerant";
    case sync_mode::binance_spot: return "binance_spot";
    case sync_mode::binance_usdm: return "binance_usdm";
    case sync_mode::okx: return "okx";
    case sync_mode::bybit: return "bybit";
  }
  return "?";
}

sync_mode default_sync_mode(exchange venue) {
  switch (venue::entry_of(venue).books) {
    case venue::book_model::full_snapshot:
      return venue == exchange::upbit || venue == exchange::bithumb
               ? sync_mode::full_snapshot
               : sync_mode::gap_tolerant; // a venue not implemented yet
    case venue::book_model::binance_spot:
      return sync_mode::binance_spot;
    case venue::book_model::binance_usdm:
      return sync_mode::binance_usdm;
    case venue::book_model::okx:
      return sync_mode::okx;
    case venue::book_model::bybit:
      return sync_mode::bybit;
  }
  return sync_mode::gap_tolerant;
}

std::string_view reason_of(book_health h) {
  switch (h) {
    case book_health::healthy: return "";
    case book_health::resync: return "resync";
    case book_health::stale: return "stale";
    case book_health::crossed: return "crossed";
    case book_health::empty: return "empty";
  }
  return "?";
}

latency_summary summarize(const metrics::histogram& h) {
  return {h.count(),           h.percentile(50),   h.percentile(90),
          h.percentile(99),    h.percentile(99.9), h.max()};
}

void book_core::configure(book_core_config cfg) {
  *this = book_core{};
  cfg_ = cfg;
  start_resync();
  resyncs_ = 0;
  health_ = evaluate(0);
}

bool book_core::awaiting_snapshot() const {
  return std::visit(
    [](const auto& s) {
      if constexpr (std::is_same_v<std::decay_t<decltype(s)>,
                                   full_snapshot_sequencer>)
        return false;
      else
        return s.state() == sync_state::awaiting_snapshot;
    },
    seq_);
}

// -- inputs ---------------------------------------------------------------------

step_result book_core::on_book(const order_book& frame, int64_t now_ns) {
  ++frames_;
  step_result r;
  // Full-snapshot venues order frames by timestamp (ms), others by id.
  auto id = cfg_.mode == sync_mode::full_snapshot
              ? frame.ts_event_ns / 1'000'000
              : frame.sequence;
  if (snapshot_verdict(id) == verdict::drop) {
    ++dropped_;
    r.dropped = true;
    return finish(r, now_ns);
  }
  replace(frame);
  last_local_ns_ = now_ns;
  ever_applied_ = true;
  r.applied = true;
  // Deltas that arrived while waiting go on top of the snapshot. (Moving
  // an empty deque still allocates: a full-snapshot frame must not.)
  if (buffer_.empty())
    return finish(r, now_ns);
  auto pending = std::move(buffer_);
  buffer_.clear();
  for (auto& d : pending) {
    if (awaiting_snapshot()) {
      buffer(d); // the snapshot was too old: keep the rest for the next one
      continue;
    }
    switch (delta_verdict(d)) {
      case verdict::apply: apply_delta(d); break;
      case verdict::resync: start_resync(); buffer(d); break;
      case verdict::buffer: buffer(d); break;
      default: break; // drop: covered by the snapshot
    }
  }
  return finish(r, now_ns);
}

step_result book_core::on_delta(const book_delta& d, int64_t now_ns) {
  ++frames_;
  step_result r;
  if (cfg_.mode == sync_mode::full_snapshot) {
    ++dropped_; // full-snapshot venues never send deltas
    r.dropped = true;
    return finish(r, now_ns);
  }
  if (snapshots_on_socket(cfg_.mode))
    return on_socket_delta(d, now_ns);
  switch (delta_verdict(d)) {
    case verdict::apply:
      apply_delta(d);
      if (!awaiting_snapshot()) {
        last_local_ns_ = now_ns;
        ever_applied_ = true;
        r.applied = true;
      }
      break;
    case verdict::resync:
      start_resync();
      buffer(d);
      break;
    case verdict::buffer:
      buffer(d);
      break;
    default:
      ++dropped_;
      r.dropped = true;
      break;
  }
  return finish(r, now_ns);
}

step_result book_core::on_socket_delta(const book_delta& d, int64_t now_ns) {
  step_result r;
  verdict v = verdict::drop;
  if (auto* okx = std::get_if<okx_sequencer>(&seq_))
    v = d.reset ? okx->on_snapshot(d.seq) : okx->on_update(d.prev_seq, d.seq);
  else if (auto* bybit = std::get_if<bybit_sequencer>(&seq_))
    v = bybit->on_message(d.reset, d.seq);
  if (v == verdict::replace)
    replace_with(d);
  else if (v == verdict::apply)
    apply_delta(d);
  // OKX: the book after the message must hash to the venue's checksum.
  if ((v == verdict::replace || v == verdict::apply) && d.has_checksum
      && !awaiting_snapshot()) {
    auto* okx = std::get_if<okx_sequencer>(&seq_);
    if (okx
        && okx->on_checksum(okx_checksum(book_, cfg_.contract_size)
                            == d.checksum)
             == verdict::resync)
      v = verdict::resync;
  }
  if (v == verdict::resync)
    start_resync(); // a gap or a wrong checksum: the book is discarded
  if (awaiting_snapshot()) { // (also after levels apply_delta refused)
    if (v != verdict::drop)
      resubscribe_wanted_ = true;
    ++dropped_; // updates before the next snapshot are of no use
    r.dropped = true;
    return finish(r, now_ns);
  }
  if (v == verdict::drop) {
    ++dropped_;
    r.dropped = true;
    return finish(r, now_ns);
  }
  resubscribe_wanted_ = false;
  last_local_ns_ = now_ns;
  ever_applied_ = true;
  r.applied = true;
  return finish(r, now_ns);
}

void book_core::replace_with(const book_delta& d) {
  book_.clear();
  apply_delta(d);
}

step_result book_core::on_tick(int64_t now_ns) {
  return finish(step_result{}, now_ns);
}

void book_core::record_latency(int64_t event_wall_ns, int64_t recv_steady_ns,
                               int64_t applied_steady_ns,
                               int64_t wall_now_ns) {
  if (recv_steady_ns == 0)
    return; // receipt time unknown
  if (event_wall_ns == 0) {
    latency_.receipt_to_applied.record(applied_steady_ns - recv_steady_ns);
    return;
  }
  auto recv_wall_ns = wall_now_ns - (applied_steady_ns - recv_steady_ns);
  latency_.record(event_wall_ns, recv_wall_ns, recv_steady_ns,
                  applied_steady_ns);
}

// -- observers ------------------------------------------------------------------

book_view book_core::view(const instrument& symbol, size_t depth) const {
  book_view v;
  v.book = book_.to_order_book(symbol, depth);
  v.book.sequence = last_seq_;
  v.book.ts_recv_ns = last_recv_ns_;
  v.healthy = healthy();
  v.reason = std::string{reason_of(health_)};
  v.ts_applied_ns = last_local_ns_;
  return v;
}

book_stats book_core::stats(const instrument& symbol) const {
  book_stats s;
  s.symbol = symbol;
  s.healthy = healthy();
  s.reason = std::string{reason_of(health_)};
  s.frames = frames_;
  s.applied = applied_;
  s.dropped = dropped_;
  s.resyncs = resyncs_;
  s.unhealthy_count = unhealthy_count_;
  s.clock_skew = latency_.clock_skew_count;
  s.exchange_to_receipt = summarize(latency_.exchange_to_receipt);
  s.receipt_to_applied = summarize(latency_.receipt_to_applied);
  return s;
}

// -- internals ------------------------------------------------------------------

verdict book_core::snapshot_verdict(int64_t id) {
  return std::visit(
    [id](auto& s) {
      using t = std::decay_t<decltype(s)>;
      if constexpr (std::is_same_v<t, full_snapshot_sequencer>)
        return s.on_book(id);
      else if constexpr (std::is_same_v<t, bybit_sequencer>)
        return s.on_message(true, id);
      else
        return s.on_snapshot(id);
    },
    seq_);
}

verdict book_core::delta_verdict(const book_delta& d) {
  return std::visit(
    [&d](auto& s) {
      using t = std::decay_t<decltype(s)>;
      if constexpr (std::is_same_v<t, full_snapshot_sequencer>)
        return verdict::drop;
      else if constexpr (std::is_same_v<t, gap_tolerant_sequencer>)
        return s.on_update(d.seq);
      else if constexpr (std::is_same_v<t, binance_spot_sequencer>)
        return s.on_diff(d.first_seq, d.seq);
      else if constexpr (std::is_same_v<t, binance_usdm_sequencer>)
        return s.on_diff(d.first_seq, d.seq, d.prev_seq);
      else
        return verdict::drop; // OKX, Bybit: on_socket_delta
    },
    seq_);
}

void book_core::apply_delta(const book_delta& d) {
  scratch_.clear();
  for (const auto& l : d.bids)
    scratch_.push_back({book_side_id::bid, l.price, l.volume});
  for (const auto& l : d.asks)
    scratch_.push_back({book_side_id::ask, l.price, l.volume});
  if (!book_.apply(scratch_, d.ts_event_ns)) {
    start_resync(); // corrupt levels: the book can no longer be trusted
    return;
  }
  ++applied_;
  last_seq_ = d.seq;
  last_recv_ns_ = d.ts_recv_ns;
}

void book_core::replace(const order_book& b) {
  book_.apply_snapshot(b);
  ++applied_;
  last_seq_ = b.sequence;
  last_recv_ns_ = b.ts_recv_ns;
}

void book_core::start_resync() {
  ++resyncs_;
  book_.clear();
  switch (cfg_.mode) {
    case sync_mode::full_snapshot: seq_ = full_snapshot_sequencer{}; break;
    case sync_mode::gap_tolerant: seq_ = gap_tolerant_sequencer{}; break;
    case sync_mode::binance_spot: seq_ = binance_spot_sequencer{}; break;
    case sync_mode::binance_usdm: seq_ = binance_usdm_sequencer{}; break;
    case sync_mode::okx: seq_ = okx_sequencer{}; break;
    case sync_mode::bybit: seq_ = bybit_sequencer{}; break;
  }
}

void book_core::buffer(const book_delta& d) {
  if (buffer_.size() >= cfg_.max_buffer)
    buffer_.pop_front();
  buffer_.push_back(d);
}

book_health book_core::evaluate(int64_t now_ns) const {
  if (awaiting_snapshot())
    return book_health::resync;
  if (!ever_applied_ || now_ns - last_local_ns_ > cfg_.stale_after_ns)
    return book_health::stale;
  if (book_.crossed())
    return book_health::crossed;
  if (!book_.has_bid() || !book_.has_ask())
    return book_health::empty;
  return book_health::healthy;
}

step_result book_core::finish(step_result r, int64_t now_ns) {
  auto h = evaluate(now_ns);
  if (h != health_) {
    r.health_changed = true;
    if (health_ == book_health::healthy)
      ++unhealthy_count_;
    health_ = h;
  }
  bool levels = depth_changed();
  r.publish = r.health_changed || levels;
  r.need_snapshot = awaiting_snapshot()
                    && (snapshots_on_socket(cfg_.mode) ? resubscribe_wanted_
                                                       : !buffer_.empty());
  return r;
}

bool book_core::depth_changed() {
  bool changed = false;
  auto sync = [&](book_side_id side, size_t levels,
                  std::vector<raw_level>& published) {
    auto n = std::min(levels, cfg_.depth);
    if (published.size() != n) {
      changed = true;
      published.resize(n);
    }
    for (size_t i = 0; i < n; ++i) {
      auto l = book_.level(side, i);
      raw_level r{l.price.raw, l.volume.raw};
      if (!(published[i] == r)) {
        changed = true;
        published[i] = r;
      }
    }
  };
  sync(book_side_id::bid, book_.bid_levels(), published_bids_);
  sync(book_side_id::ask, book_.ask_levels(), published_asks_);
  return changed;
}

} // namespace karb::book
