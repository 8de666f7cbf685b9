#pragma once

// What the venue targets share: one REST reply (or private stream frame)
// through the parse function a selector picks from a venue's protocol
// table, and a stream of public frames through a fresh feed decoder.

#include <cstdint>
#include <string>
#include <string_view>

#include "exchanges/common/venue_protocol.hpp"
#include "tests/fuzz/fuzz_target.hpp"

namespace karb::fuzz {

/// The table members fed by `feed_reply`, in selector order (the seed
/// corpora's first byte is `member << 1 | venue`).
enum class reply_member : uint8_t {
  order, orders, balances, positions, snapshot, ticker, funding,
  funding_history, funding_payments, instruments, server_time, check_reply,
  read_budget, parse_private, listen_key, count
};

/// `body` through the member `which` (modulo the count) of `p`; a member
/// the venue does not have is skipped.
inline void feed_reply(const venue::venue_protocol& p, uint8_t which,
                       std::string_view body) {
  constexpr auto n = static_cast<uint8_t>(reply_member::count);
  auto call = [&](const auto& fn) {
    if (fn)
      (void) fn(body);
  };
  switch (static_cast<reply_member>(which % n)) {
    case reply_member::order: call(p.parse_order); break;
    case reply_member::orders: call(p.parse_orders); break;
    case reply_member::balances: call(p.parse_balances); break;
    case reply_member::positions: call(p.parse_positions); break;
    case reply_member::snapshot: call(p.parse_snapshot); break;
    case reply_member::ticker: call(p.parse_ticker); break;
    case reply_member::funding: call(p.parse_funding); break;
    case reply_member::funding_history: call(p.parse_funding_history); break;
    case reply_member::funding_payments:
      call(p.parse_funding_payments);
      break;
    case reply_member::instruments: call(p.parse_instruments); break;
    case reply_member::server_time: call(p.parse_server_time); break;
    case reply_member::check_reply:
      if (p.check_reply) {
        // The status from the selector's spare bits, headers as a venue
        // sends them (its budget header too).
        static constexpr int statuses[] = {200, 400, 401, 403, 418, 429,
                                           500, 503};
        http::response r;
        r.status = statuses[(which / n) % 8];
        r.headers.emplace_back("Content-Type", "application/json");
        if (!p.budget_header.empty())
          r.headers.emplace_back(p.budget_header, std::string{body.substr(
                                                    0, body.find(','))});
        r.body = std::string{body};
        (void) p.check_reply(r);
      }
      break;
    case reply_member::read_budget: call(p.read_budget); break;
    case reply_member::parse_private:
      if (p.parse_private)
        (void) p.parse_private(body, 1'000'000'000);
      break;
    case reply_member::listen_key:
      if (p.listen_key)
        (void) p.listen_key->parse(body);
      break;
    case reply_member::count: break;
  }
}

/// Every line of `frames` through one feed decoder of `p`, as one
/// connection's frames in order.
inline void feed_frames(const venue::venue_protocol& p,
                        std::string_view frames) {
  auto decoder = p.make_feed_decoder();
  venue::feed_item item;
  int64_t recv_ns = 1'000'000'000;
  while (!frames.empty()) {
    auto end = frames.find('\n');
    auto frame = frames.substr(0, end);
    frames.remove_prefix(end == std::string_view::npos ? frames.size()
                                                       : end + 1);
    (void) decoder->decode(frame, recv_ns++, item);
  }
}

/// `text` followed by `padding` zero bytes, as the simdjson backends want
/// it.
inline std::string padded(std::string_view text, size_t padding) {
  std::string out{text};
  out.append(padding, '\0');
  return out;
}

/// The first line of `text` (the frame the backend targets compare).
inline std::string_view first_line(std::string_view text) {
  return text.substr(0, text.find('\n'));
}

} // namespace karb::fuzz

namespace karb::fuzz {

/// `frame` through both compiled variants of a simdjson decoding loop
/// (`make_fast` is null on a CPU without AVX2: nothing to compare) into
/// fresh outputs; `agree(kind_a, out_a, kind_b, out_b)` must hold.
template <class Out, class MakeFast, class MakePortable, class Agree>
void compare_backends(std::string_view frame, size_t padding, exchange venue,
                      MakeFast make_fast, MakePortable make_portable,
                      Agree agree) {
  auto fast = make_fast();
  if (!fast)
    return;
  auto portable = make_portable();
  auto buffer = padded(frame, padding);
  Out a;
  Out b;
  auto kind_a = fast->decode(buffer.data(), frame.size(), buffer.size(),
                             venue, a);
  auto kind_b = portable->decode(buffer.data(), frame.size(), buffer.size(),
                                 venue, b);
  KARB_FUZZ_CHECK(agree(kind_a, a, kind_b, b));
}

/// The same levels and sequence fields.
inline bool same_delta(const book_delta& a, const book_delta& b) {
  return a.bids == b.bids && a.asks == b.asks && a.first_seq == b.first_seq
         && a.seq == b.seq && a.prev_seq == b.prev_seq && a.reset == b.reset
         && a.has_checksum == b.has_checksum && a.checksum == b.checksum
         && a.ts_event_ns == b.ts_event_ns;
}

} // namespace karb::fuzz
