#pragma once

// karb.v1.Karb's handlers (callback API): reads from the snapshot board,
// controls through the control function after the bearer token, Subscribe
// as a `subscription`. Internal to karb_grpc.

#include <string>

#include <grpcpp/grpcpp.h>

#include "actors/api/control.hpp"
#include "actors/api/grpc/access.hpp"
#include "actors/api/grpc/karb.grpc.pb.h"
#include "actors/api/grpc/subscription.hpp"
#include "actors/api/snapshot_board.hpp"

namespace karb::api {

class karb_service final : public v1::Karb::CallbackService {
public:
  using context = grpc::CallbackServerContext;
  using unary = grpc::ServerUnaryReactor;

  /// `reads_need_token`: the server binds beyond loopback.
  karb_service(snapshot_board& board, control_fn control, secret token,
               bool reads_need_token);

  /// Ends the open Subscribe calls and refuses new ones.
  void close_streams();

  // -- reads ------------------------------------------------------------------

  unary* GetStatus(context* c, const v1::Empty*, v1::Snapshot* out) override;
  unary* GetVenues(context* c, const v1::Empty*, v1::Snapshot* out) override;
  unary* GetBook(context* c, const v1::BookRequest* req,
                 v1::Snapshot* out) override;
  unary* GetSpreads(context* c, const v1::Empty*, v1::Snapshot* out) override;
  unary* GetOpportunities(context* c, const v1::LimitRequest* req,
                          v1::Snapshot* out) override;
  unary* GetStrategies(context* c, const v1::Empty*,
                       v1::Snapshot* out) override;
  unary* GetOrders(context* c, const v1::Empty*, v1::Snapshot* out) override;
  unary* GetOrder(context* c, const v1::IdRequest* req,
                  v1::Snapshot* out) override;
  unary* GetTrades(context* c, const v1::Empty*, v1::Snapshot* out) override;
  unary* GetPositions(context* c, const v1::Empty*,
                      v1::Snapshot* out) override;
  unary* GetBalances(context* c, const v1::Empty*, v1::Snapshot* out) override;
  unary* GetPnl(context* c, const v1::Empty*, v1::Snapshot* out) override;
  unary* GetRisk(context* c, const v1::Empty*, v1::Snapshot* out) override;
  unary* GetFunding(context* c, const v1::Empty*, v1::Snapshot* out) override;
  unary* GetConfig(context* c, const v1::Empty*, v1::Snapshot* out) override;
  unary* GetActors(context* c, const v1::Empty*, v1::Snapshot* out) override;
  unary* GetEvents(context* c, const v1::LimitRequest* req,
                   v1::Events* out) override;
  unary* GetAlerts(context* c, const v1::LimitRequest* req,
                   v1::Events* out) override;

  // -- controls ---------------------------------------------------------------

  unary* Halt(context* c, const v1::ReasonRequest* req,
              v1::ControlReply* out) override;
  unary* Resume(context* c, const v1::Empty*, v1::ControlReply* out) override;
  unary* EmergencyStop(context* c, const v1::ReasonRequest* req,
                       v1::ControlReply* out) override;
  unary* StartStrategy(context* c, const v1::IdRequest* req,
                       v1::ControlReply* out) override;
  unary* StopStrategy(context* c, const v1::IdRequest* req,
                      v1::ControlReply* out) override;
  unary* CancelOrder(context* c, const v1::IdRequest* req,
                     v1::ControlReply* out) override;
  unary* CancelAll(context* c, const v1::Empty*,
                   v1::ControlReply* out) override;
  unary* Reload(context* c, const v1::Empty*, v1::ControlReply* out) override;

  // -- stream -----------------------------------------------------------------

  grpc::ServerWriteReactor<v1::Update>*
  Subscribe(context* c, const v1::SubscribeRequest* req) override;

private:
  grpc::Status check(context* c, bool control) const;
  grpc::Status read(context* c, const std::string& topic,
                    v1::Snapshot* out) const;
  unary* read_stream(context* c, const std::string& topic, uint32_t limit,
                     v1::Events* out) const;
  unary* control(context* c, std::vector<std::string> args,
                 v1::ControlReply* out);

  snapshot_board& board_;
  control_fn control_;
  secret token_;
  bool reads_need_token_;
  stream_registry streams_;
};

} // namespace karb::api
