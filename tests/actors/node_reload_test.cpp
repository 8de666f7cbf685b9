// The node's children changed at run time (config reload): added, removed
// (stopped by their spec's `stop`, then forgotten, never restarted), and
// replaced (the new spec starts only once the old incarnation is down).

#include "actors/node/node.hpp"

#include <caf/all.hpp>
#include <gtest/gtest.h>

#include "tests/support/actor_fixture.hpp"

using namespace karb;
using namespace karb::node;
using namespace std::chrono_literals;

namespace {

// A child that quits normally on `drain`.
caf::behavior drainable(caf::event_based_actor* self) {
  return {
    [=](atom::drain) { self->quit(); },
  };
}

struct reload_fixture : test::actor_fixture {
  std::map<std::string, int> spawns;   // by spawn tag
  std::map<std::string, caf::actor> current;
  int stop_calls = 0;
  bool drain_at_once = true;           // false: the test quits it later

  child_spec child(std::string name, std::string tag) {
    child_spec s{name, "strategy", {restart_policy::restart, 10},
                 [this, name, tag](caf::actor_system& sys) {
                   ++spawns[tag];
                   current[name] = sys.spawn(drainable);
                   return current[name];
                 }};
    s.stop = [this](const caf::actor& a) {
      ++stop_calls;
      if (drain_at_once)
        caf::anon_send(a, atom::drain_v);
    };
    return s;
  }

  node_actor start(std::vector<child_spec> children) {
    node_setup s;
    s.children = std::move(children);
    s.random = [] { return 0.0; };
    auto n = sys.spawn(supervisor, s);
    run();
    return n;
  }

  std::vector<std::string> names(const node_actor& n) {
    std::vector<std::string> out;
    auto rh = self->request(n, caf::infinite, atom::status_v);
    run();
    rh.receive(
      [&](const node_status& s) {
        for (auto& c : s.children)
          out.push_back(c.name + "=" + c.state);
      },
      [&](caf::error& e) { FAIL() << sys.render(e); });
    return out;
  }

  std::string put(const node_actor& n, child_spec spec) {
    auto ptr = std::make_shared<const child_spec>(std::move(spec));
    auto rh = self->request(n, caf::infinite, atom::put_v,
                            child_spec_ptr{ptr});
    run();
    std::string out;
    rh.receive([&](atom::ok) { out = "ok"; },
               [&](caf::error& e) { out = sys.render(e); });
    return out;
  }

  std::string remove(const node_actor& n, const std::string& name) {
    auto rh = self->request(n, caf::infinite, atom::remove_v, name);
    run();
    std::string out;
    rh.receive([&](atom::ok) { out = "ok"; },
               [&](caf::error& e) { out = sys.render(e); });
    return out;
  }
};

using strings = std::vector<std::string>;

} // namespace

TEST_F(reload_fixture, PutAddsAndStartsANewChild) {
  auto n = start({child("strategy:a", "a")});
  EXPECT_EQ(put(n, child("strategy:b", "b")), "ok");
  EXPECT_EQ(spawns["b"], 1);
  EXPECT_EQ(names(n), (strings{"strategy:a=running", "strategy:b=running"}));
  caf::anon_send_exit(n, caf::exit_reason::user_shutdown);
  run();
}

TEST_F(reload_fixture, RemoveDrainsAndForgetsTheChild) {
  auto n = start({child("strategy:a", "a"), child("strategy:b", "b")});
  EXPECT_EQ(remove(n, "strategy:a"), "ok");
  EXPECT_EQ(stop_calls, 1);
  EXPECT_EQ(names(n), strings{"strategy:b=running"});
  advance(10s); // no restart of a removed child
  EXPECT_EQ(spawns["a"], 1);
  EXPECT_NE(remove(n, "strategy:a").find("no child named 'strategy:a'"),
            std::string::npos)
    << "removing twice is an error";
  caf::anon_send_exit(n, caf::exit_reason::user_shutdown);
  run();
}

TEST_F(reload_fixture, PutReplacesOnlyOnceTheOldIncarnationIsDown) {
  drain_at_once = false; // the old one still has an attempt in flight
  auto n = start({child("strategy:a", "old")});
  auto old = current["strategy:a"];
  EXPECT_EQ(put(n, child("strategy:a", "new")), "ok");
  EXPECT_EQ(stop_calls, 1);
  EXPECT_EQ(spawns["new"], 0) << "started while the old one runs";
  // A second put while it drains: the latest spec wins, no second stop.
  EXPECT_EQ(put(n, child("strategy:a", "newer")), "ok");
  EXPECT_EQ(stop_calls, 1);
  caf::anon_send(old, atom::drain_v); // its attempt finished
  run();
  EXPECT_EQ(spawns["new"], 0);
  EXPECT_EQ(spawns["newer"], 1);
  EXPECT_EQ(spawns["old"], 1);
  EXPECT_EQ(names(n), strings{"strategy:a=running"});
  caf::anon_send_exit(n, caf::exit_reason::user_shutdown);
  run();
}

TEST_F(reload_fixture, RemoveOfAHeldChildForgetsItAtOnce) {
  auto n = start({child("strategy:a", "a")});
  auto rh = self->request(n, caf::infinite, atom::halt_v,
                          std::string{"strategy:a"});
  run();
  rh.receive([](atom::ok) {}, [&](caf::error& e) { FAIL() << sys.render(e); });
  EXPECT_EQ(names(n), strings{"strategy:a=stopped"});
  EXPECT_EQ(remove(n, "strategy:a"), "ok");
  EXPECT_EQ(stop_calls, 0);
  EXPECT_TRUE(names(n).empty());
  caf::anon_send_exit(n, caf::exit_reason::user_shutdown);
  run();
}
