#include "actors/api/grpc/service.hpp"

#include <atomic>

#include <nlohmann/json.hpp>

#include "actors/api/grpc/documents.hpp"

namespace karb::api {

namespace {

using grpc::Status;
using grpc::StatusCode;

/// What the REST API serves for `?limit` when none is given: all the board
/// keeps of a stream topic.
constexpr uint32_t stream_read_all = 500;

grpc::ServerUnaryReactor* finish(grpc::CallbackServerContext* c,
                                 const Status& s) {
  auto* r = c->DefaultReactor();
  r->Finish(s);
  return r;
}

std::string_view authorization(const grpc::CallbackServerContext* c) {
  auto& md = c->client_metadata();
  auto i = md.find("authorization");
  if (i == md.end())
    return {};
  return {i->second.data(), i->second.size()};
}

/// Finds the order with `id` (client or venue order id) in a list field
/// of the orders snapshot.
const google::protobuf::Value* find_order(const google::protobuf::Struct& doc,
                                          const char* list,
                                          const std::string& id) {
  auto i = doc.fields().find(list);
  if (i == doc.fields().end() || !i->second.has_list_value())
    return nullptr;
  for (auto& v : i->second.list_value().values()) {
    if (!v.has_struct_value())
      continue;
    auto& f = v.struct_value().fields();
    for (const char* key : {"client_order_id", "venue_order_id"})
      if (auto k = f.find(key);
          k != f.end() && k->second.has_string_value()
          && k->second.string_value() == id)
        return &v;
  }
  return nullptr;
}

/// A control command in flight: finished once, by the inspector's reply
/// or by a cancellation (server stop, client gone), whichever comes first.
class control_call final : public grpc::ServerUnaryReactor {
public:
  explicit control_call(v1::ControlReply* out)
    : st_(std::make_shared<state>()) {
    st_->call = this;
    st_->out = out;
  }

  /// For the control function; may run after this reactor is gone.
  control_done on_reply() {
    return [st = st_](std::string json) { st->reply(json); };
  }

  void OnCancel() override {
    st_->finish({StatusCode::CANCELLED, "cancelled"});
  }

  void OnDone() override {
    delete this;
  }

private:
  struct state {
    std::atomic<bool> finished{false};
    control_call* call = nullptr;
    v1::ControlReply* out = nullptr;

    bool claim() {
      return !finished.exchange(true);
    }

    void finish(const Status& s) {
      if (claim())
        call->Finish(s);
    }

    void reply(const std::string& json) {
      if (!claim())
        return;
      auto j = nlohmann::json::parse(json, nullptr, false);
      if (j.is_discarded()) {
        call->Finish({StatusCode::INTERNAL, "unreadable reply: " + json});
        return;
      }
      if (j.is_object() && j.contains("error")) {
        auto& e = j["error"];
        call->Finish({StatusCode::FAILED_PRECONDITION,
                      e.is_string() ? e.get<std::string>() : e.dump()});
        return;
      }
      if (!j.is_object())
        j = nlohmann::json{{"result", j}};
      to_struct(j.dump(), *out->mutable_result());
      call->Finish(Status::OK);
    }
  };

  std::shared_ptr<state> st_;
};

} // namespace

karb_service::karb_service(snapshot_board& board, control_fn control,
                           secret token, bool reads_need_token)
  : board_(board),
    control_(std::move(control)),
    token_(std::move(token)),
    reads_need_token_(reads_need_token) {
  // nop
}

void karb_service::close_streams() {
  streams_.close({StatusCode::UNAVAILABLE, "server shutting down"});
}

Status karb_service::check(context* c, bool control) const {
  if (!control && !reads_need_token_)
    return Status::OK;
  switch (check_bearer(authorization(c), token_)) {
    case access::granted:
      return Status::OK;
    case access::disabled:
      return {StatusCode::PERMISSION_DENIED,
              control ? "control disabled: no API token configured"
                      : "reads disabled: no API token configured"};
    case access::unauthenticated:
      break;
  }
  return {StatusCode::UNAUTHENTICATED,
          "missing or wrong token (authorization: Bearer ...)"};
}

Status karb_service::read(context* c, const std::string& topic,
                          v1::Snapshot* out) const {
  if (auto s = check(c, false); !s.ok())
    return s;
  auto e = board_.get(topic);
  if (!e)
    return {StatusCode::UNAVAILABLE,
            "no snapshot of '" + topic + "' yet (published soon after start)"};
  if (!to_snapshot(*e, *out))
    return {StatusCode::INTERNAL, "'" + topic + "' is not a JSON object"};
  return Status::OK;
}

// -- reads --------------------------------------------------------------------

#define KARB_SNAPSHOT_READ(method, topic)                                      \
  karb_service::unary* karb_service::method(context* c, const v1::Empty*,      \
                                            v1::Snapshot* out) {               \
    return finish(c, read(c, topic, out));                                     \
  }

KARB_SNAPSHOT_READ(GetStatus, "status")
KARB_SNAPSHOT_READ(GetVenues, "venues")
KARB_SNAPSHOT_READ(GetSpreads, "spreads")
KARB_SNAPSHOT_READ(GetStrategies, "strategies")
KARB_SNAPSHOT_READ(GetOrders, "orders")
KARB_SNAPSHOT_READ(GetTrades, "trades")
KARB_SNAPSHOT_READ(GetPositions, "positions")
KARB_SNAPSHOT_READ(GetBalances, "balances")
KARB_SNAPSHOT_READ(GetPnl, "pnl")
KARB_SNAPSHOT_READ(GetRisk, "risk")
KARB_SNAPSHOT_READ(GetFunding, "funding")
KARB_SNAPSHOT_READ(GetConfig, "config")
KARB_SNAPSHOT_READ(GetActors, "actors")

#undef KARB_SNAPSHOT_READ

karb_service::unary* karb_service::GetBook(context* c,
                                           const v1::BookRequest* req,
                                           v1::Snapshot* out) {
  if (req->venue().empty() || req->symbol().empty())
    return finish(c, {StatusCode::INVALID_ARGUMENT,
                      "venue and symbol are required"});
  auto s = read(c, "book:" + req->venue() + ":" + req->symbol(), out);
  if (s.error_code() == StatusCode::UNAVAILABLE)
    s = {StatusCode::NOT_FOUND, "no book " + req->venue() + " "
                                  + req->symbol() + " (GetSpreads and the "
                                  "'books' topic list the books)"};
  return finish(c, s);
}

karb_service::unary*
karb_service::GetOpportunities(context* c, const v1::LimitRequest* req,
                               v1::Snapshot* out) {
  auto s = read(c, "opportunities", out);
  if (!s.ok())
    return finish(c, s);
  auto& fields = *out->mutable_data()->mutable_fields();
  if (auto i = fields.find("items"); req->limit() > 0 && i != fields.end()) {
    auto& items = *i->second.mutable_list_value()->mutable_values();
    auto limit = static_cast<int>(req->limit());
    if (items.size() > limit)
      items.DeleteSubrange(limit, items.size() - limit);
  }
  return finish(c, s);
}

karb_service::unary* karb_service::GetOrder(context* c,
                                            const v1::IdRequest* req,
                                            v1::Snapshot* out) {
  if (req->id().empty())
    return finish(c, {StatusCode::INVALID_ARGUMENT, "an order id is required"});
  auto s = read(c, "orders", out);
  if (!s.ok())
    return finish(c, s);
  auto* found = find_order(out->data(), "orders", req->id());
  if (!found)
    found = find_order(out->data(), "recent", req->id());
  if (!found)
    return finish(c, {StatusCode::NOT_FOUND,
                      "no order " + req->id()
                        + " among the open and recent orders"});
  auto order = found->struct_value();
  *out->mutable_data() = std::move(order);
  return finish(c, Status::OK);
}

karb_service::unary* karb_service::read_stream(context* c,
                                               const std::string& topic,
                                               uint32_t limit,
                                               v1::Events* out) const {
  if (auto s = check(c, false); !s.ok())
    return finish(c, s);
  for (auto& e : board_.recent(topic, limit > 0 ? limit : stream_read_all))
    if (!to_event(e, *out->add_events()))
      return finish(c, {StatusCode::INTERNAL,
                        "an item of '" + topic + "' is not an event"});
  return finish(c, Status::OK);
}

karb_service::unary* karb_service::GetEvents(context* c,
                                             const v1::LimitRequest* req,
                                             v1::Events* out) {
  return read_stream(c, "events", req->limit(), out);
}

karb_service::unary* karb_service::GetAlerts(context* c,
                                             const v1::LimitRequest* req,
                                             v1::Events* out) {
  return read_stream(c, "alerts", req->limit(), out);
}

// -- controls -----------------------------------------------------------------

karb_service::unary* karb_service::control(context* c,
                                           std::vector<std::string> args,
                                           v1::ControlReply* out) {
  if (auto s = check(c, true); !s.ok())
    return finish(c, s);
  for (auto& arg : args)
    if (arg.empty())
      return finish(c, {StatusCode::INVALID_ARGUMENT,
                        args[0] + ": an argument is empty"});
  auto* call = new control_call(out);
  control_(std::move(args), call->on_reply());
  return call;
}

karb_service::unary* karb_service::Halt(context* c,
                                        const v1::ReasonRequest* req,
                                        v1::ControlReply* out) {
  return control(c, {"halt", req->reason()}, out);
}

karb_service::unary* karb_service::Resume(context* c, const v1::Empty*,
                                          v1::ControlReply* out) {
  return control(c, {"resume"}, out);
}

karb_service::unary* karb_service::EmergencyStop(context* c,
                                                 const v1::ReasonRequest* req,
                                                 v1::ControlReply* out) {
  return control(c, {"emergency-stop", req->reason()}, out);
}

karb_service::unary* karb_service::StartStrategy(context* c,
                                                 const v1::IdRequest* req,
                                                 v1::ControlReply* out) {
  return control(c, {"strategy", "start", req->id()}, out);
}

karb_service::unary* karb_service::StopStrategy(context* c,
                                                const v1::IdRequest* req,
                                                v1::ControlReply* out) {
  return control(c, {"strategy", "stop", req->id()}, out);
}

karb_service::unary* karb_service::CancelOrder(context* c,
                                               const v1::IdRequest* req,
                                               v1::ControlReply* out) {
  return control(c, {"cancel", req->id()}, out);
}

karb_service::unary* karb_service::CancelAll(context* c, const v1::Empty*,
                                             v1::ControlReply* out) {
  return control(c, {"cancel-all"}, out);
}

karb_service::unary* karb_service::Reload(context* c, const v1::Empty*,
                                          v1::ControlReply* out) {
  return control(c, {"reload"}, out);
}

// -- stream -------------------------------------------------------------------

grpc::ServerWriteReactor<v1::Update>*
karb_service::Subscribe(context* c, const v1::SubscribeRequest* req) {
  if (auto s = check(c, false); !s.ok())
    return new refused_subscription(s);
  if (req->topics().empty())
    return new refused_subscription(
      {StatusCode::INVALID_ARGUMENT, "no topics (a trailing * matches a "
                                     "prefix)"});
  return new subscription(board_, streams_, {req->topics().begin(),
                                             req->topics().end()});
}

} // namespace karb::api
