// A command from a remote inspector client (karb-inspect sends its words
// as a list of strings): the input's lines are the words, through the
// inspector's argument parsers (book, counts, joined reasons, strategy
// names).
//
// Checks: words that pass the inspector's UTF-8 gate render in a JSON
// reply (nlohmann would throw on anything else); a parser either gives a
// value in its documented range or an error message, never both and never
// neither, and the error renders as JSON.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "actors/inspector/commands.hpp"
#include "tests/fuzz/fuzz_input.hpp"
#include "tests/fuzz/fuzz_target.hpp"

using namespace karb;

KARB_FUZZ_TARGET(inspector_command) {
  fuzz::fuzz_input in{data, size};
  std::vector<std::string> args;
  while (!in.empty())
    args.emplace_back(in.until('\n'));
  if (args.empty() || !inspector::all_utf8(args))
    return;
  (void) nlohmann::json{{"args", args}}.dump();
  std::string error;
  auto book = inspector::parse_book(args, error);
  KARB_FUZZ_CHECK(book.has_value() == error.empty());
  (void) nlohmann::json{{"error", error}}.dump();
  if (book)
    KARB_FUZZ_CHECK(book->depth >= 1 && book->depth <= 1000
                    && !book->symbol.venue_symbol.empty());
  error.clear();
  auto count = inspector::parse_count(args, 20, error);
  KARB_FUZZ_CHECK(count.has_value() == error.empty());
  (void) nlohmann::json{{"error", error}}.dump();
  if (count)
    KARB_FUZZ_CHECK(*count >= 1 && *count <= 1000);
  (void) inspector::join_from(args, args.size() / 2);
  static const std::vector<std::string> ids{"spread:BTC", "spread:ETH",
                                            "funding:BTC-USDT"};
  for (const auto& id : inspector::match_strategies(ids, args.back()))
    KARB_FUZZ_CHECK(id == args.back() || id.starts_with(args.back() + ":"));
}
