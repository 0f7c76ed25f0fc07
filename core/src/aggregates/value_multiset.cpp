#include "selfcrm/aggregates/value_multiset.hpp"

#include <cmath>
#include <limits>

#include "selfcrm/error.hpp"

namespace selfcrm::aggregates {

void ValueMultiset::add(double value, std::uint64_t times) {
  if (!std::isfinite(value)) throw Error(ErrorCode::Range, "", "a distribution takes finite numbers only");
  if (times == 0) return;
  if (count_ > std::numeric_limits<std::uint64_t>::max() - times) throw Error(ErrorCode::Range, "", "count overflow");
  counts_[value + 0.0] += times;  // + 0.0 turns −0 into +0
  count_ += times;
}

void ValueMultiset::merge(const ValueMultiset& other) {
  for (const auto& [value, times] : other.counts_) add(value, times);
}

double ValueMultiset::quantile(double q) const {
  if (count_ == 0) return 0;
  // The population report's rule since it was written in TypeScript: sorted[floor(q·n)].
  const double at = std::floor(q * static_cast<double>(count_));
  const std::uint64_t rank = std::min<std::uint64_t>(count_ - 1, static_cast<std::uint64_t>(at));
  std::uint64_t seen = 0;
  for (const auto& [value, times] : counts_) {
    seen += times;
    if (rank < seen) return value;
  }
  return counts_.rbegin()->first;
}

double ValueMultiset::mean() const {
  if (count_ == 0) return 0;
  ExactSum sum;
  for (const auto& [value, times] : counts_) sum.addTimes(value, times);
  return sum.value() / static_cast<double>(count_);
}

Distribution ValueMultiset::distribution() const {
  return {count_, mean(), quantile(0.1), quantile(0.5), quantile(0.9)};
}

nlohmann::json ValueMultiset::toJson() const {
  auto values = nlohmann::json::array();
  auto counts = nlohmann::json::array();
  for (const auto& [value, times] : counts_) {
    values.push_back(value);
    counts.push_back(times);
  }
  return {{"values", std::move(values)}, {"counts", std::move(counts)}};
}

ValueMultiset ValueMultiset::fromJson(const nlohmann::json& j, const std::string& at) {
  if (!j.is_object()) throw Error(ErrorCode::Schema, at, "expected an object {values, counts}");
  const auto values = j.find("values");
  const auto counts = j.find("counts");
  if (values == j.end() || !values->is_array()) throw Error(ErrorCode::Schema, at + "/values", "expected an array of numbers");
  if (counts == j.end() || !counts->is_array()) throw Error(ErrorCode::Schema, at + "/counts", "expected an array of counts");
  if (values->size() != counts->size()) throw Error(ErrorCode::Schema, at + "/counts", "values and counts differ in length");
  ValueMultiset out;
  double previous = -std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < values->size(); ++i) {
    const auto& v = (*values)[i];
    const auto& c = (*counts)[i];
    const std::string vi = pointerAppend(at + "/values", i);
    if (!v.is_number() || !std::isfinite(v.get<double>())) throw Error(ErrorCode::Schema, vi, "expected a finite number");
    if (!(v.get<double>() > previous)) throw Error(ErrorCode::Range, vi, "values must be strictly ascending");
    if (!c.is_number_unsigned() || c.get<std::uint64_t>() == 0) throw Error(ErrorCode::Schema, pointerAppend(at + "/counts", i), "expected a positive whole count");
    previous = v.get<double>();
    out.add(previous, c.get<std::uint64_t>());
  }
  return out;
}

void to_json(nlohmann::json& out, const Distribution& d) {
  out = {{"count", d.count}, {"mean", d.mean}, {"p10", d.p10}, {"p50", d.p50}, {"p90", d.p90}};
}

}  // namespace selfcrm::aggregates
