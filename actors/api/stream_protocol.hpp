#pragma once

// The WebSocket stream's messages (actors/api/README.md): the client's
// subscribe/unsubscribe ops, the topic patterns they carry (a trailing '*'
// matches a prefix) and the server's frames. Pure.

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "actors/api/snapshot_board.hpp"

namespace karb::api {

struct client_op {
  bool subscribe = true;  ///< false: unsubscribe
  std::vector<std::string> topics;
};

/// Parses {"op": "subscribe"|"unsubscribe", "topics": [...]}; nullopt with
/// `error` set otherwise.
std::optional<client_op> parse_client_op(std::string_view text,
                                         std::string& error);

/// A client's subscriptions.
class topic_filter {
public:
  void add(const std::vector<std::string>& patterns);
  void remove(const std::vector<std::string>& patterns);
  bool matches(std::string_view topic) const;

private:
  std::set<std::string, std::less<>> patterns_;
};

/// Whether `pattern` ("book:upbit:KRW-BTC", "spread:*", "*") matches.
bool pattern_matches(std::string_view pattern, std::string_view topic);

/// The frame for an entry: {"topic", "seq", "ts_ms", "data"}.
std::string frame_of(const board_entry& e);

} // namespace karb::api
