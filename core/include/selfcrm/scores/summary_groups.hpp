#pragma once
/// @file
/// Customers with the same (x, t_x, T) share one likelihood term: fits evaluate each distinct
/// summary once, weighted by how many customers have it, so their cost grows with the number of
/// distinct summaries (small for day-granular data), not with the number of customers.

#include <cstddef>
#include <cstdint>
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

/// ln(shift + t) for the groups' ages and recencies, computed once per distinct time per shift:
/// day-granular data have a few hundred distinct times for any number of groups, and the models'
/// ln(α + T), ln(α + t_x) are then a table read instead of two logarithms per group per evaluation.
/// The values are those of math::log(shift + t), bit for bit.
class GroupLogTimes {
 public:
  explicit GroupLogTimes(const std::vector<SummaryGroup>& groups);
  void shift(double by);  ///< recomputes the table for ln(by + t)
  double age(std::size_t group) const { return logs_[age_[group]]; }
  double recency(std::size_t group) const { return logs_[recency_[group]]; }

 private:
  std::vector<double> times_, logs_;
  std::vector<std::uint32_t> age_, recency_;
};

}  // namespace selfcrm::scores
