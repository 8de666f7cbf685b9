#include "actors/inspector/inspector.hpp"

#include <caf/all.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "actors/bus/event_bus.hpp"
#include "actors/node/node.hpp"
#include "tests/support/actor_fixture.hpp"

using namespace karb;

namespace {

struct inspector_fixture : test::actor_fixture {
  node_actor node_hdl;
  event_bus_actor bus;

  inspector_actor make(bool control) {
    bus = sys.spawn(event_bus, size_t{10});
    node::node_setup s;
    s.name = "n1";
    s.bus = bus;
    s.random = [] { return 0.0; };
    node_hdl = sys.spawn(node::supervisor, s);
    run();
    return sys.spawn(inspector::inspector,
                     inspector::inspector_setup{node_hdl, bus, control});
  }

  template <class Atom>
  nlohmann::json ask(const inspector_actor& insp, Atom a,
                     std::vector<std::string> args) {
    std::string out;
    auto rh = self->request(insp, caf::infinite, a, std::move(args));
    run();
    rh.receive([&](const std::string& r) { out = r; },
               [&](caf::error& e) { FAIL() << sys.render(e); });
    return nlohmann::json::parse(out);
  }

  ~inspector_fixture() override {
    caf::anon_send_exit(node_hdl, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(bus, caf::exit_reason::user_shutdown);
    run();
  }
};

} // namespace

TEST_F(inspector_fixture, StatusReportsTheNode) {
  auto insp = make(false);
  auto j = ask(insp, atom::get_v, {"status"});
  EXPECT_EQ(j["node"], "n1");
  EXPECT_TRUE(j["children"].is_array());
  caf::anon_send_exit(insp, caf::exit_reason::user_shutdown);
}

TEST_F(inspector_fixture, EventsComeFromTheBusHistory) {
  auto insp = make(false);
  auto j = ask(insp, atom::get_v, {"events", "5"});
  ASSERT_EQ(j["events"].size(), 1u);
  EXPECT_EQ(j["events"][0]["type"], "system_startup");
  EXPECT_EQ(j["events"][0]["data"]["node"], "n1");
  EXPECT_TRUE(ask(insp, atom::get_v, {"events", "x"}).contains("error"));
  caf::anon_send_exit(insp, caf::exit_reason::user_shutdown);
}

TEST_F(inspector_fixture, ControlIsRefusedUnlessEnabled) {
  auto insp = make(false);
  auto j = ask(insp, atom::put_v, {"halt", "test"});
  EXPECT_EQ(j["error"], "control commands are disabled "
                        "(node.inspect.control: false)");
  caf::anon_send_exit(insp, caf::exit_reason::user_shutdown);
}

TEST_F(inspector_fixture, UnknownCommandSaysWhatExists) {
  auto insp = make(true);
  auto j = ask(insp, atom::get_v, {"bogus"});
  EXPECT_NE(j["error"].get<std::string>().find("unknown command 'bogus'"),
            std::string::npos);
  caf::anon_send_exit(insp, caf::exit_reason::user_shutdown);
}
