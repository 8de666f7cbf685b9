// The bad_frames fault: the five kinds of damage (pure), the seeded draw,
// the admin spec, and the simulator applying it to public and private
// frames. Over sockets, against the node: tests/trading/bad_frames_test.cpp.

#include <set>

#include <gtest/gtest.h>

#include "sim_test_client.hpp"
#include "tools/karb-sim/bad_frames.hpp"

using namespace simtest;
using karb::sim::bad_frame_kind;
using karb::sim::bad_frames_state;
using karb::sim::mangle_frame;
using karb::sim::rng;

namespace {

const std::string book =
  R"({"e":"depthUpdate","E":1800000000123,"s":"BTCUSDT","U":41,"u":42,)"
  R"("b":[["67000.01","1.5"]],"a":[["67000.02","0.25"]]})";

bool parses(const std::string& text) {
  return !nlohmann::json::parse(text, nullptr, false).is_discarded();
}

} // namespace

TEST(BadFrames, TruncatedIsAStrictPrefixThatNoLongerParses) {
  rng gen{1};
  for (int i = 0; i < 50; ++i) {
    auto out = mangle_frame(book, bad_frame_kind::truncated, gen);
    ASSERT_FALSE(out.empty());
    ASSERT_LT(out.size(), book.size());
    EXPECT_EQ(book.compare(0, out.size(), out), 0);
    EXPECT_FALSE(parses(out)) << out;
  }
}

TEST(BadFrames, DeepNestingWrapsTheFrameInOneHundredThousandArrays) {
  rng gen{1};
  auto out = mangle_frame(book, bad_frame_kind::deep_nesting, gen);
  ASSERT_EQ(out.size(), book.size() + 200'000);
  EXPECT_EQ(out.find_first_not_of('['), 100'000u);
  EXPECT_EQ(out.substr(100'000, book.size()), book);
  EXPECT_EQ(out.find_last_not_of(']'), 100'000 + book.size() - 1);
}

TEST(BadFrames, HugeNumberReplacesExactlyOneNumberWithAHugeOne) {
  std::set<std::string> seen;
  rng gen{3};
  for (int i = 0; i < 200; ++i) {
    auto out = mangle_frame(book, bad_frame_kind::huge_number, gen);
    const char* huge[] = {"1e400", "99999999999999999999999",
                          "9223372036854775807"};
    int found = 0;
    std::string restored = out;
    for (auto* h : huge)
      if (auto at = out.find(h); at != std::string::npos) {
        ++found;
        seen.insert(h);
        // Whatever stood there was a number of the original.
        auto end = book.find_first_not_of("0123456789.", at);
        restored = out.substr(0, at) + book.substr(at, end - at)
                   + out.substr(at + std::string{h}.size());
      }
    ASSERT_EQ(found, 1) << out;
    EXPECT_EQ(restored, book) << out;
  }
  EXPECT_EQ(seen.size(), 3u);
}

TEST(BadFrames, InvalidUtf8MakesTheFrameUnparsable) {
  rng gen{5};
  for (int i = 0; i < 30; ++i) {
    auto out = mangle_frame(book, bad_frame_kind::invalid_utf8, gen);
    EXPECT_GT(out.size(), book.size());
    EXPECT_FALSE(parses(out));
  }
}

TEST(BadFrames, OversizedIsTheSameJsonPaddedPastSixteenMebibytes) {
  rng gen{1};
  auto out = mangle_frame(book, bad_frame_kind::oversized, gen);
  EXPECT_EQ(out.size(), karb::sim::oversized_bytes);
  EXPECT_GT(out.size(), size_t{16} << 20);
  EXPECT_EQ(nlohmann::json::parse(out), nlohmann::json::parse(book));
}

TEST(BadFrames, TheDrawHitsAboutTheShareWithEveryKindAndRepeatsForASeed) {
  bad_frames_state a, b;
  a.start(0.2, 11, false);
  b.start(0.2, 11, false);
  int hits = 0;
  for (int i = 0; i < 10'000; ++i) {
    auto x = a.draw();
    ASSERT_EQ(x, b.draw());
    hits += x.has_value();
  }
  EXPECT_GT(hits, 1'700);
  EXPECT_LT(hits, 2'300);
  EXPECT_EQ(a.injected.size(), 5u);
  int counted = 0;
  for (auto& [kind, n] : a.injected)
    counted += n;
  EXPECT_EQ(counted, hits);
  bad_frames_state off;
  off.start(0.0, 11, false);
  for (int i = 0; i < 1'000; ++i)
    ASSERT_FALSE(off.draw());
}

TEST(BadFrames, TheSimulatorManglesPublicFramesAndPrivateOnlyWhenAsked) {
  sim_fixture f;
  auto post = [&](const std::string& body) {
    return f.sim.handle_admin(make("POST", "/fault", body), f.now).status;
  };
  EXPECT_EQ(post(R"({"venue":"upbit","fault":"bad_frames","share":2})"), 400);
  EXPECT_EQ(post(R"({"venue":"upbit","fault":"bad_frames","private":1})"),
            400);
  EXPECT_EQ(f.sim.outgoing_frame(0, book, false), book); // off
  ASSERT_EQ(post(R"({"venue":"upbit","fault":"bad_frames","share":1})"), 200);
  EXPECT_NE(f.sim.outgoing_frame(0, book, false), book);
  EXPECT_EQ(f.sim.outgoing_frame(0, book, true), book);
  EXPECT_EQ(f.sim.outgoing_frame(1, book, false), book); // bithumb: off
  auto faults = f.sim.state(f.now)["venues"]["upbit"]["faults"];
  EXPECT_EQ(faults["bad_frames"]["share"], 1.0);
  EXPECT_EQ(faults["bad_frames"]["seed"], 7); // the simulator's seed
  int injected = 0;
  for (auto& [k, n] : faults["bad_frames_injected"].items())
    injected += n.get<int>();
  EXPECT_EQ(injected, 1);
  ASSERT_EQ(post(R"({"venue":"upbit","fault":"bad_frames","share":1,)"
                 R"("private":true})"),
            200);
  EXPECT_NE(f.sim.outgoing_frame(0, book, true), book);
  ASSERT_EQ(post(R"({"venue":"upbit","fault":"clear"})"), 200);
  EXPECT_EQ(f.sim.outgoing_frame(0, book, false), book);
  EXPECT_TRUE(f.sim.state(f.now)["venues"]["upbit"]["faults"]["bad_frames"]
                .is_null());
}
