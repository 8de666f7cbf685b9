#pragma once

// The OKX WebSocket protocol of one connection (pure): ops subscribe /
// unsubscribe / login, text ping, which channels a connection may use,
// and which pushes reach which subscription.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace karb::sim {

struct okx_ws_sub {
  std::string channel, inst_id, inst_type;
  nlohmann::json arg;       ///< as subscribed (echoed in pushes)
  bool need_snapshot = false; ///< books: snapshot not sent yet
};

/// What one op asks the session to do.
struct okx_ws_op {
  std::vector<std::string> replies;   ///< frames to send now
  std::vector<size_t> new_subs;       ///< indexes into subs (for snapshots)
  std::optional<nlohmann::json> login; ///< args[0] to check
};

class okx_ws_conn {
public:
  explicit okx_ws_conn(bool priv) : priv_(priv) {}

  /// One text frame from the client.
  okx_ws_op on_text(std::string_view text);
  /// The login outcome (after okx_ws_op::login): the reply frame.
  std::string logged_in(const std::string& account);

  std::vector<okx_ws_sub> subs;
  const std::string& account() const { return account_; }

  /// The push of a private event ("orders" / "account" / "positions",
  /// `inst_type` SPOT/SWAP, `data` the data array text) for every
  /// matching subscription.
  std::vector<std::string> private_frames(const std::string& type,
                                          const std::string& inst_type,
                                          const std::string& inst_id,
                                          const std::string& data) const;

  static constexpr const char* conn_id = "karb0001";

private:
  std::string check(const nlohmann::json& arg, okx_ws_sub& out) const;

  bool priv_;
  std::string account_;
};

std::string okx_ws_error(const std::string& code, const std::string& msg);

} // namespace karb::sim
