#include "selfcrm/nps.hpp"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "selfcrm/error.hpp"

namespace selfcrm {

namespace {
constexpr double kZ95 = 1.959963984540054;  // two-sided 95% normal quantile
}

const char* categoryName(NpsCategory category) noexcept {
  switch (category) {
    case NpsCategory::Promoter: return "promoter";
    case NpsCategory::Passive: return "passive";
    case NpsCategory::Detractor: return "detractor";
  }
  return "detractor";
}

bool isNpsAnswer(double score) noexcept {
  // NaN fails every comparison, so it is rejected too.
  return score >= 0 && score <= 10 && std::floor(score) == score;
}

NpsCategory classifyNps(double score, std::string_view path) {
  if (!isNpsAnswer(score)) {
    throw Error(ErrorCode::Range, std::string(path), "an NPS answer must be an integer from 0 to 10");
  }
  if (score >= 9) return NpsCategory::Promoter;
  if (score >= 7) return NpsCategory::Passive;
  return NpsCategory::Detractor;
}

void NpsTally::add(double score, std::string_view path) {
  switch (classifyNps(score, path)) {
    case NpsCategory::Promoter: ++promoters_; break;
    case NpsCategory::Passive: ++passives_; break;
    case NpsCategory::Detractor: ++detractors_; break;
  }
}

void NpsTally::merge(const NpsTally& other) noexcept {
  promoters_ += other.promoters_;
  passives_ += other.passives_;
  detractors_ += other.detractors_;
}

NpsSummary NpsTally::summary() const {
  const std::size_t n = count();
  if (n == 0) throw Error(ErrorCode::Empty, "", "NPS needs at least one answer");
  const double total = static_cast<double>(n);
  const double pPlus = static_cast<double>(promoters_) / total;
  const double pMinus = static_cast<double>(detractors_) / total;
  const double mean = pPlus - pMinus;
  const double variance = std::max(0.0, pPlus + pMinus - mean * mean);

  NpsSummary s;
  s.promoters = promoters_;
  s.passives = passives_;
  s.detractors = detractors_;
  s.n = n;
  s.nps = 100.0 * mean;
  s.standardError = 100.0 * std::sqrt(variance / total);
  s.ci95Low = std::max(-100.0, s.nps - kZ95 * s.standardError);
  s.ci95High = std::min(100.0, s.nps + kZ95 * s.standardError);
  return s;
}

NpsSummary summarizeNps(const double* scores, std::size_t n) {
  NpsTally tally;
  for (std::size_t i = 0; i < n; ++i) {
    if (!isNpsAnswer(scores[i])) classifyNps(scores[i], "/" + std::to_string(i));  // throws
    tally.add(scores[i]);
  }
  return tally.summary();
}

void to_json(nlohmann::json& out, const NpsSummary& s) {
  out = {{"nps", s.nps},
         {"promoters", s.promoters},
         {"passives", s.passives},
         {"detractors", s.detractors},
         {"n", s.n},
         {"standardError", s.standardError},
         {"ci95", {s.ci95Low, s.ci95High}}};
}

}  // namespace selfcrm
