#include "actors/venue/rest_rejects.hpp"

#include "actors/log/logging.hpp"
#include "actors/metrics/registry.hpp"

namespace karb::venue {

void report_rejected(const std::string& venue, std::string_view list,
                     const std::vector<std::string>& reasons) {
  if (reasons.empty())
    return;
  metrics::global()
    .get_counter("karb_venue_items_rejected_total",
                 "items of venue list replies skipped as unreadable",
                 {{"venue", venue}, {"list", std::string{list}}})
    .add(static_cast<double>(reasons.size()));
  log::warn("venue", "items_rejected",
            {{"venue", venue},
             {"list", list},
             {"count", reasons.size()},
             {"reasons", reasons}});
}

} // namespace karb::venue
