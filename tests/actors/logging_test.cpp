#include "actors/log/logging.hpp"

#include <gtest/gtest.h>

using namespace karb;

TEST(Logging, JsonLineHasTheFieldsInOrder) {
  auto line = log::format_json(1'763'706'172'123'000'000, log::level::warn,
                               "venue:upbit", "disconnected",
                               {{"reason", "eof"}, {"attempt", 2}}, "tr-1");
  EXPECT_EQ(line,
            R"({"ts":"2025-11-21T06:22:52.123Z","level":"warn",)"
            R"("component":"venue:upbit","event":"disconnected",)"
            R"("trace_id":"tr-1","fields":{"attempt":2,"reason":"eof"}})");
}

TEST(Logging, NonObjectFieldsBecomeEmptyAndBadUtf8IsReplaced) {
  auto line = log::format_json(0, log::level::info, "c", "e", 42, "");
  EXPECT_NE(line.find(R"("fields":{})"), std::string::npos);
  auto bad = log::format_json(0, log::level::info, "c", "e",
                              {{"text", std::string{"\xff\xfe"}}}, "");
  EXPECT_NE(bad.find("\xef\xbf\xbd"), std::string::npos); // U+FFFD
}

TEST(Logging, TextLineIsReadable) {
  EXPECT_EQ(log::format_text("node", "child_failed",
                             {{"child", "venue:upbit"}, {"restart_in_ms", 500}},
                             "t9"),
            "node child_failed child=venue:upbit restart_in_ms=500 [t9]");
}
