// Replays the Upbit SIMPLE orderbook capture through book actors: each
// market's book ends with the best bid / ask of that market's last frame.

#include <map>
#include <string>

#include <caf/all.hpp>
#include <gtest/gtest.h>

#include "actors/book/book_actor.hpp"
#include "exchanges/korea/ws_parse.hpp"
#include "tests/actors/book_fixtures.hpp"
#include "tests/support/actor_fixture.hpp"

using namespace karb;
using namespace std::chrono_literals;

namespace {

struct replay_fixture : karb::test::actor_fixture {};

constexpr const char* capture = "upbit/ws_simple_orderbook_2021.jsonl";

/// Best bid (max "bp") and ask (min "ap") of one SIMPLE frame, read
/// independently of the venue parser.
std::pair<decimal, decimal> expected_top(const nlohmann::json& j) {
  std::optional<decimal> bid, ask;
  for (const auto& u : j.at("obu")) {
    auto bp = dec(u.at("bp").dump());
    auto ap = dec(u.at("ap").dump());
    if (!bid || bp > *bid)
      bid = bp;
    if (!ask || ap < *ask)
      ask = ap;
  }
  return {*bid, *ask};
}

} // namespace

TEST_F(replay_fixture, UpbitSimpleCaptureEndsWithTheLastFramesTop) {
  std::ifstream in{book::test::fixture_path(capture)};
  ASSERT_TRUE(in);
  std::map<std::string, book_actor> books;
  std::map<std::string, std::pair<decimal, decimal>> last_top;
  int frames = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty())
      continue;
    auto parsed = korea::parse_book_frame(line, exchange::upbit, 1);
    ASSERT_TRUE(parsed.ok()) << line;
    auto& b = *parsed;
    auto code = b.symbol.venue_symbol;
    if (!books.count(code)) {
      book_setup s;
      s.symbol = b.symbol;
      s.depth = 15;
      books[code] = spawn_book(sys, s);
    }
    last_top[code] = expected_top(nlohmann::json::parse(line));
    caf::anon_send(books[code], std::move(b));
    ++frames;
  }
  run();
  EXPECT_EQ(frames, 10);
  ASSERT_EQ(books.size(), 2u);
  for (auto& [code, b] : books) {
    auto rh = self->request(b, caf::infinite, atom::get_v);
    run();
    rh.receive(
      [&, code = code](const book_view& v) {
        ASSERT_FALSE(v.book.bids.empty());
        ASSERT_FALSE(v.book.asks.empty());
        EXPECT_EQ(v.book.bids.front().price, last_top[code].first) << code;
        EXPECT_EQ(v.book.asks.front().price, last_top[code].second) << code;
        EXPECT_EQ(v.book.symbol.venue_symbol, code);
      },
      [&](caf::error& e) { FAIL() << sys.render(e); });
    auto sh = self->request(b, caf::infinite, atom::stats_v);
    run();
    sh.receive(
      [&, code = code](const book_stats& s) {
        EXPECT_EQ(s.dropped, 0u) << code;
        EXPECT_EQ(s.frames, code == "KRW-LAMB" ? 8u : 2u);
      },
      [&](caf::error& e) { FAIL() << sys.render(e); });
    caf::anon_send_exit(b, caf::exit_reason::user_shutdown);
  }
}
