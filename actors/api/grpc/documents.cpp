#include "actors/api/grpc/documents.hpp"

#include <google/protobuf/util/json_util.h>
#include <nlohmann/json.hpp>

namespace karb::api {

bool to_struct(const std::string& json, google::protobuf::Struct& out) {
  out.Clear();
  return google::protobuf::util::JsonStringToMessage(json, &out).ok();
}

bool to_snapshot(const board_entry& e, v1::Snapshot& out) {
  out.set_topic(e.topic);
  out.set_seq(e.seq);
  out.set_ts_ms(e.ts_ms);
  return to_struct(*e.json, *out.mutable_data());
}

bool to_event(const board_entry& e, v1::Event& out) {
  auto j = nlohmann::json::parse(*e.json, nullptr, false);
  if (!j.is_object())
    return false;
  auto text = [&j](const char* key) {
    auto i = j.find(key);
    if (i == j.end() || i->is_null())
      return std::string{};
    return i->is_string() ? i->get<std::string>() : i->dump();
  };
  out.set_type(text("type"));
  out.set_source(text("source"));
  out.set_correlation_id(text("correlation_id"));
  out.set_seq(e.seq);
  if (auto ts = j.find("ts_ns"); ts != j.end() && ts->is_number_integer())
    out.set_ts_ns(ts->get<int64_t>());
  auto data = j.find("data");
  if (data == j.end() || data->is_null()) {
    out.mutable_data()->Clear();
    return true;
  }
  return data->is_object() && to_struct(data->dump(), *out.mutable_data());
}

bool to_update(const board_entry& e, v1::Update& out) {
  out.set_topic(e.topic);
  return e.stream ? to_event(e, *out.mutable_event())
                  : to_snapshot(e, *out.mutable_snapshot());
}

} // namespace karb::api
