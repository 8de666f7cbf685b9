// The OpenAPI document and the router's table describe the same routes.

#include <fstream>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "actors/api/assets.hpp"
#include "actors/api/router.hpp"
#include "api_fixture.hpp"

using namespace karb;
using namespace karb::api;

namespace {

using route_key = std::pair<std::string, std::string>; // method, path

std::string lower(std::string s) {
  for (auto& c : s)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

} // namespace

TEST(OpenApi, EveryRouteIsDocumentedAndEveryDocumentedRouteExists) {
  auto text = find_asset("/api/v1/openapi.json");
  ASSERT_TRUE(text);
  auto doc = nlohmann::json::parse(text->body);
  ASSERT_TRUE(doc["paths"].is_object());
  std::set<route_key> documented;
  for (auto& [path, ops] : doc["paths"].items())
    for (auto& [method, op] : ops.items())
      documented.emplace(method, path);
  auto board = std::make_shared<snapshot_board>();
  test::control_recorder rec;
  router r{test::test_routes(board, rec)};
  std::set<route_key> routed;
  for (auto& x : r.routes())
    routed.emplace(lower(x.method), x.pattern);
  for (auto& k : routed)
    EXPECT_TRUE(documented.count(k)) << "not documented: " << k.first << ' '
                                     << k.second;
  for (auto& k : documented)
    EXPECT_TRUE(routed.count(k)) << "no such route: " << k.first << ' '
                                 << k.second;
}

TEST(OpenApi, ControlsRequireTheBearerSchemeInTheDocument) {
  auto doc = nlohmann::json::parse(find_asset("/api/v1/openapi.json")->body);
  for (auto& [path, ops] : doc["paths"].items()) {
    if (ops.contains("post")) {
      EXPECT_EQ(ops["post"]["security"],
                nlohmann::json::parse(R"([{"bearer":[]}])"))
        << path;
    }
  }
}

TEST(Assets, TheDashboardFilesAndChartJsAreEmbeddedAsOnDisk) {
  auto dir = std::string{KARB_SOURCE_DIR} + "/tools/dashboard/index.html";
  std::ifstream in{dir, std::ios::binary};
  std::string disk{std::istreambuf_iterator<char>{in}, {}};
  auto index = find_asset("/index.html");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->body, disk);
  std::ifstream js{"/usr/share/javascript/chart.js/chart.min.js",
                   std::ios::binary};
  std::string chart{std::istreambuf_iterator<char>{js}, {}};
  ASSERT_TRUE(find_asset("/chart.min.js"));
  EXPECT_EQ(find_asset("/chart.min.js")->body, chart);
  EXPECT_FALSE(find_asset("/nope.html"));
  EXPECT_EQ(content_type_of("/a/b.css"), "text/css; charset=utf-8");
  EXPECT_EQ(content_type_of("/x.bin"), "application/octet-stream");
}
