// The venue supervisor's `settle` (funding payments the venue booked),
// delegated to its REST child: a venue without the call answers
// not_supported at once, without a request on the wire. (A perpetual
// venue's answer is tested against karb-sim in
// tests/integration/funding_settle_test.cpp.)

#include <caf/all.hpp>
#include <gtest/gtest.h>

#include "tests/actors/venue_fixture.hpp"

using namespace karb;
using karb::test::venue_fixture;

TEST_F(venue_fixture, SettleOnAVenueWithoutFundingAnswersNotSupported) {
  auto v = start(true);
  auto sent_before = net->http.size();
  auto rh = self->request(v, caf::infinite, atom::settle_v, int64_t{0});
  run();
  bool failed = false;
  rh.receive(
    [&](const std::vector<funding_payment>&) { FAIL() << "a value"; },
    [&](caf::error& e) {
      failed = true;
      EXPECT_NE(sys.render(e).find("not_supported: settle on upbit"),
                std::string::npos)
        << sys.render(e);
    });
  EXPECT_TRUE(failed);
  EXPECT_EQ(net->http.size(), sent_before);
  caf::anon_send_exit(v, caf::exit_reason::user_shutdown);
}
