#include "selfcrm/scores/summary_groups.hpp"

#include <algorithm>
#include <tuple>

#include "selfcrm/error.hpp"
#include "selfcrm/math/portable.hpp"

namespace selfcrm::scores {

std::vector<SummaryGroup> groupSummaries(const std::vector<CustomerSummary>& customers) {
  std::vector<SummaryGroup> all;
  all.reserve(customers.size());
  for (std::size_t i = 0; i < customers.size(); ++i) {
    validate(customers[i], pointerAppend("", i));
    all.push_back({customers[i].frequency, customers[i].recency, customers[i].age, 1});
  }
  auto key = [](const SummaryGroup& g) { return std::tie(g.frequency, g.recency, g.age); };
  std::sort(all.begin(), all.end(), [&](const auto& l, const auto& r) { return key(l) < key(r); });
  std::vector<SummaryGroup> out;
  for (const auto& g : all) {
    if (!out.empty() && key(out.back()) == key(g)) out.back().count += 1;
    else out.push_back(g);
  }
  return out;
}

double repeatBuyers(const std::vector<SummaryGroup>& groups) {
  double n = 0;
  for (const auto& g : groups) n += g.frequency > 0 ? g.count : 0;
  return n;
}

GroupLogTimes::GroupLogTimes(const std::vector<SummaryGroup>& groups) {
  times_.reserve(2 * groups.size());
  for (const auto& g : groups) {
    times_.push_back(g.age);
    times_.push_back(g.recency);
  }
  std::sort(times_.begin(), times_.end());
  times_.erase(std::unique(times_.begin(), times_.end()), times_.end());
  logs_.resize(times_.size());
  auto indexOf = [&](double t) {
    return static_cast<std::uint32_t>(std::lower_bound(times_.begin(), times_.end(), t) - times_.begin());
  };
  age_.reserve(groups.size());
  recency_.reserve(groups.size());
  for (const auto& g : groups) {
    age_.push_back(indexOf(g.age));
    recency_.push_back(indexOf(g.recency));
  }
}

void GroupLogTimes::shift(double by) {
  for (std::size_t i = 0; i < times_.size(); ++i) logs_[i] = math::log(by + times_[i]);
}

}  // namespace selfcrm::scores
