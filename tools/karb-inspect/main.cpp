// karb-inspect: looks inside a running karb node through CAF's middleman.
//
//   karb-inspect [--host H] [--port P] [--json] [--timeout S]
//                [--cert F --key F --ca F] COMMAND [ARGS...]

#include <algorithm>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include <caf/all.hpp>
#include <caf/io/middleman.hpp>
#include <caf/openssl/manager.hpp>
#include <caf/openssl/remote_actor.hpp>

#include "messages/interfaces.hpp"
#include "tools/karb-inspect/render_text.hpp"

namespace {

const char* usage =
  "usage: karb-inspect [--host 127.0.0.1] [--port 4242] [--json]\n"
  "                    [--timeout SECONDS] [--cert F --key F --ca F]\n"
  "                    COMMAND [ARGS...]\n"
  "read:    status | actors | events [N] | book VENUE SYMBOL [--depth N]\n"
  "         | strategies | orders | trades [N] | risk | balances | latency [--buckets]\n"
  "control: halt REASON | emergency-stop REASON | resume | reload\n"
  "         | strategy start|stop ID | cancel ORDER_ID | cancel-all\n"
  "         (refused unless node.inspect.control: true; emergency-stop\n"
  "         halts, cancels every order, closes every position and waits\n"
  "         at least 40 s for the report; cancel-all stops every\n"
  "         running trade and cancels every live order, opening and\n"
  "         closing no position)\n";

const std::set<std::string> control_commands{"halt",     "emergency-stop",
                                             "resume",   "reload",
                                             "strategy", "cancel",
                                             "cancel-all"};

/// The node's emergency stop waits up to 35 s for execution to flatten.
constexpr int emergency_timeout_s = 40;

struct options {
  std::string host = "127.0.0.1";
  uint16_t port = 4242;
  bool json = false;
  int timeout_s = 5;
  std::string cert, key, ca;
  std::vector<std::string> command;
};

bool parse(int argc, char** argv, options& o) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      return i + 1 < argc ? argv[++i] : "";
    };
    if (a == "--json")
      o.json = true; // anywhere, also after the command
    else if (!o.command.empty())
      o.command.push_back(a); // everything after the command is its args
    else if (a == "--host")
      o.host = next();
    else if (a == "--port")
      o.port = static_cast<uint16_t>(std::stoi(next()));
    else if (a == "--json")
      o.json = true;
    else if (a == "--timeout")
      o.timeout_s = std::stoi(next());
    else if (a == "--cert")
      o.cert = next();
    else if (a == "--key")
      o.key = next();
    else if (a == "--ca")
      o.ca = next();
    else if (a == "--help" || a == "-h")
      return false;
    else if (a.rfind("--", 0) == 0)
      return false;
    else
      o.command.push_back(a);
  }
  return !o.command.empty();
}

} // namespace

int main(int argc, char** argv) {
  options o;
  try {
    if (!parse(argc, argv, o)) {
      std::cerr << usage;
      return 2;
    }
  } catch (const std::exception&) {
    std::cerr << "karb-inspect: bad number in arguments\n" << usage;
    return 2;
  }
  caf::actor_system_config cfg;
  cfg.load<caf::io::middleman>();
  cfg.add_message_types<caf::id_block::karb>();
  cfg.set("logger.console-verbosity", caf::atom("quiet"));
  cfg.set("logger.file-verbosity", caf::atom("quiet"));
  bool tls = !o.cert.empty();
  if (tls) {
    cfg.load<caf::openssl::manager>();
    cfg.openssl_certificate = o.cert;
    cfg.openssl_key = o.key;
    cfg.openssl_cafile = o.ca;
  }
  caf::actor_system sys{cfg};
  auto where = o.host + ":" + std::to_string(o.port);
  auto node = tls ? caf::openssl::remote_actor<karb::inspector_actor>(
                      sys, o.host, o.port)
                  : sys.middleman().remote_actor<karb::inspector_actor>(
                      o.host, o.port);
  if (!node) {
    std::cerr << "karb-inspect: no karb node at " << where << " ("
              << sys.render(node.error()) << ")\n";
    return 1;
  }
  caf::scoped_actor self{sys};
  std::string reply;
  bool ok = false;
  auto timeout = std::chrono::seconds{
    o.command[0] == "emergency-stop" ? std::max(o.timeout_s, emergency_timeout_s)
                                     : o.timeout_s};
  auto on_reply = [&](const std::string& r) {
    reply = r;
    ok = true;
  };
  auto on_error = [&](caf::error& e) { reply = sys.render(e); };
  if (control_commands.count(o.command[0]))
    self->request(*node, timeout, karb::atom::put_v, o.command)
      .receive(on_reply, on_error);
  else
    self->request(*node, timeout, karb::atom::get_v, o.command)
      .receive(on_reply, on_error);
  if (!ok) {
    std::cerr << "karb-inspect: node at " << where << " did not answer ("
              << reply << ")\n";
    return 1;
  }
  auto j = nlohmann::json::parse(reply, nullptr, false);
  if (j.is_discarded()) {
    std::cerr << "karb-inspect: unreadable reply\n";
    return 1;
  }
  if (j.is_object() && j.contains("error")) {
    std::cerr << "karb-inspect: " << j["error"].get<std::string>() << '\n';
    return 1;
  }
  std::cout << (o.json ? j.dump() + "\n"
                       : karb::inspect_cli::render_text(o.command[0], j));
  return 0;
}
