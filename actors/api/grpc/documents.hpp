#pragma once

// Board entries as the service's messages: a document's JSON text becomes a
// google.protobuf.Struct (structured data for clients, not a string); an
// event's envelope becomes typed fields. Internal to karb_grpc.

#include <string>

#include "actors/api/grpc/karb.pb.h"
#include "actors/api/snapshot_board.hpp"

namespace karb::api {

/// False when `json` is not a JSON object.
bool to_struct(const std::string& json, google::protobuf::Struct& out);

/// False when the entry's document is not a JSON object.
bool to_snapshot(const board_entry& e, v1::Snapshot& out);

/// {"type", "source", "ts_ns", "correlation_id", "data"}; false when the
/// entry is not such an object.
bool to_event(const board_entry& e, v1::Event& out);

/// A snapshot or an event, as Subscribe sends it.
bool to_update(const board_entry& e, v1::Update& out);

} // namespace karb::api
