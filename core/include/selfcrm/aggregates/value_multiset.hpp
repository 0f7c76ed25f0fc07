#pragma once
/// @file
/// An exact multiset of finite doubles (value → count): mergeable without loss, so its count,
/// mean and percentiles are the same however the values were split between machines. Its size
/// grows with the number of distinct values (a partial of one million continuous scores holds a
/// million pairs); counts and percentiles are exact, the mean is the correctly rounded exact sum
/// divided by the count (one rounding each).

#include <cstdint>
#include <map>

#include <nlohmann/json.hpp>

#include "selfcrm/aggregates/exact_sum.hpp"

namespace selfcrm::aggregates {

struct Distribution {
  std::uint64_t count = 0;
  double mean = 0, p10 = 0, p50 = 0, p90 = 0;
};

class ValueMultiset {
 public:
  /// Throws E_RANGE for NaN or ±infinity. −0 is counted as 0 (one key, whatever came first).
  void add(double value, std::uint64_t times = 1);
  void merge(const ValueMultiset& other);
  std::uint64_t count() const noexcept { return count_; }
  /// The value at rank floor(q·count) of the sorted values (clamped to the last); 0 when empty.
  double quantile(double q) const;
  /// The exact sum's correctly rounded value over the count; 0 when empty.
  double mean() const;
  Distribution distribution() const;

  /// {"values":[ascending],"counts":[…]}: the whole multiset, canonical for its contents.
  nlohmann::json toJson() const;
  /// Reads toJson()'s form; throws E_SCHEMA / E_RANGE with a path under `at`.
  static ValueMultiset fromJson(const nlohmann::json& j, const std::string& at);

 private:
  std::map<double, std::uint64_t> counts_;
  std::uint64_t count_ = 0;
};

void to_json(nlohmann::json& out, const Distribution& d);

}  // namespace selfcrm::aggregates
