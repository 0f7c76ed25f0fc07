#pragma once
/// @file
/// Customers with the same (x, t_x, T) share one likelihood term: fits evaluate each distinct
/// summary once, weighted by how many customers have it, so their cost grows with the number of
/// distinct summaries (small for day-granular data), not with the number of customers.

#include <cstddef>
#include <vector>

#include "selfcrm/scores/customer_summary.hpp"

namespace selfcrm::scores {

struct SummaryGroup {
  double frequency = 0, recency = 0, age = 0;
  double count = 0;  ///< customers with this summary
};

/// Validates every summary (E_RANGE at "/i/…") and groups them, sorted by (x, t_x, T).
std::vector<SummaryGroup> groupSummaries(const std::vector<CustomerSummary>& customers);

/// Customers with x > 0.
double repeatBuyers(const std::vector<SummaryGroup>& groups);

}  // namespace selfcrm::scores
