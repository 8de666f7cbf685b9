#include "tools/karb-sim/okx_ws.hpp"

#include "tools/karb-sim/okx_venue.hpp"

namespace karb::sim {

std::string okx_ws_error(const std::string& code, const std::string& msg) {
  return nlohmann::ordered_json{{"event", "error"}, {"code", code}, {"msg", msg},
                                {"connId", okx_ws_conn::conn_id}}
    .dump();
}

namespace {

std::string str(const nlohmann::json& o, const char* k) {
  return o.is_object() && o.contains(k) && o[k].is_string()
           ? o[k].get<std::string>()
           : std::string{};
}

bool is_private_channel(const std::string& c) {
  return c == "orders" || c == "account" || c == "positions";
}

} // namespace

/// "" when the subscription is valid (fills `out`), else the error frame.
std::string okx_ws_conn::check(const nlohmann::json& arg, okx_ws_sub& out) const {
  out.channel = str(arg, "channel");
  out.inst_id = str(arg, "instId");
  out.inst_type = str(arg, "instType");
  out.arg = arg;
  auto wrong = [&] {
    return okx_ws_error("60018", "Wrong URL or channel:" + out.channel
                                   + ",instId:" + out.inst_id
                                   + " doesn't exist. Please use the correct "
                                     "URL, channel and parameters referring "
                                     "to API document.");
  };
  if (out.channel.empty())
    return okx_ws_error("60012", "Invalid request: " + arg.dump());
  if (is_private_channel(out.channel)) {
    if (!priv_)
      return wrong();
    if (account_.empty())
      return okx_ws_error("60011", "Please log in");
    if (out.channel == "orders" || out.channel == "positions") {
      if (out.inst_type != "ANY" && out.inst_type != "SPOT"
          && out.inst_type != "SWAP" && out.inst_type != "MARGIN"
          && out.inst_type != "FUTURES" && out.inst_type != "OPTION")
        return okx_ws_error("60012", "Invalid request: " + arg.dump());
      if (!out.inst_id.empty() && !find_okx_inst(out.inst_id))
        return wrong();
    }
    return {};
  }
  if (priv_)
    return wrong();
  bool swap_only = out.channel == "mark-price" || out.channel == "funding-rate";
  if (out.channel != "books" && out.channel != "tickers"
      && out.channel != "trades" && !swap_only)
    return wrong();
  auto* inst = find_okx_inst(out.inst_id);
  if (!inst || (swap_only && !inst->swap))
    return wrong();
  out.need_snapshot = out.channel == "books";
  return {};
}

okx_ws_op okx_ws_conn::on_text(std::string_view text) {
  okx_ws_op r;
  if (text == "ping") {
    r.replies.push_back("pong");
    return r;
  }
  auto j = nlohmann::json::parse(text, nullptr, false);
  auto op = str(j, "op");
  if (j.is_discarded() || op.empty()) {
    r.replies.push_back(okx_ws_error("60012", "Invalid request: "
                                                + std::string{text}));
    return r;
  }
  auto& args = j["args"];
  if (!args.is_array() || args.empty()) {
    r.replies.push_back(okx_ws_error("60012", "Invalid request: "
                                                + std::string{text}));
    return r;
  }
  if (op == "login") {
    r.login = args[0];
    return r;
  }
  if (op != "subscribe" && op != "unsubscribe") {
    r.replies.push_back(okx_ws_error("60012", "Invalid request: "
                                                + std::string{text}));
    return r;
  }
  for (auto& arg : args) {
    okx_ws_sub s;
    auto err = check(arg, s);
    if (!err.empty()) {
      r.replies.push_back(err);
      continue;
    }
    std::erase_if(subs, [&](const okx_ws_sub& x) {
      return x.channel == s.channel && x.inst_id == s.inst_id
             && x.inst_type == s.inst_type;
    });
    if (op == "subscribe") {
      subs.push_back(s);
      r.new_subs.push_back(subs.size() - 1);
    }
    r.replies.push_back(nlohmann::ordered_json{{"event", op},
                                               {"arg", arg},
                                               {"connId", conn_id}}
                          .dump());
  }
  return r;
}

std::string okx_ws_conn::logged_in(const std::string& account) {
  account_ = account;
  return nlohmann::ordered_json{{"event", "login"}, {"code", "0"}, {"msg", ""},
                                {"connId", conn_id}}
    .dump();
}

std::vector<std::string>
okx_ws_conn::private_frames(const std::string& type,
                            const std::string& inst_type,
                            const std::string& inst_id,
                            const std::string& data) const {
  std::vector<std::string> out;
  for (auto& s : subs) {
    if (s.channel != type)
      continue;
    if (type != "account") {
      if (s.inst_type != "ANY" && s.inst_type != inst_type)
        continue;
      if (!s.inst_id.empty() && s.inst_id != inst_id)
        continue;
    }
    out.push_back("{\"arg\":" + s.arg.dump() + ",\"data\":" + data + "}");
  }
  return out;
}

} // namespace karb::sim
