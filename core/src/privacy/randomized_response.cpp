#include "selfcrm/privacy/randomized_response.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

#include "selfcrm/error.hpp"

namespace selfcrm::privacy {

namespace {
constexpr double kZ95 = 1.959963984540054;  // two-sided 95% normal quantile
// ln 2 split so that m·kLn2Hi is exact for |m| < 2^11 (Cody–Waite reduction).
constexpr double kLn2Hi = 6.93147180369123816490e-01;
constexpr double kLn2Lo = 1.90821492927058770002e-10;
constexpr double kInvLn2 = 1.44269504088896338700e+00;

std::string at(const char* array, std::size_t i) { return pointerAppend(std::string("/") + array, i); }

bool isIndex(double v, std::size_t k) noexcept {
  return v >= 0 && v < static_cast<double>(k) && std::floor(v) == v;
}
bool isUniform(double u) noexcept { return u >= 0 && u < 1; }
}  // namespace

double portableExp(double x) noexcept {
  // x = m·ln2 + r with |r| ≤ ln2/2, then e^r by its Taylor series (converged by term 20) and
  // the exact power-of-two scaling by ldexp. nearbyint and ldexp are exact IEEE operations.
  const double m = std::nearbyint(x * kInvLn2);
  const double r = (x - m * kLn2Hi) - m * kLn2Lo;
  double sum = 1.0;
  for (int i = 20; i >= 1; --i) sum = 1.0 + sum * r / i;
  return std::ldexp(sum, static_cast<int>(m));
}

RandomizedResponse mechanism(std::size_t k, double epsilon) {
  if (k < 2 || k > kMaxCategories) {
    throw Error(ErrorCode::Range, "/k", "randomized response needs 2 to 4096 categories");
  }
  if (!(epsilon > 0 && epsilon <= kMaxEpsilon)) {
    throw Error(ErrorCode::Range, "/epsilon", "epsilon must be a number in (0, 30]");
  }
  RandomizedResponse m;
  m.k = k;
  m.epsilon = epsilon;
  m.ratio = portableExp(epsilon);
  const double denominator = m.ratio + static_cast<double>(k - 1);
  m.pTruth = m.ratio / denominator;
  m.pOther = 1.0 / denominator;
  return m;
}

std::size_t randomize(const RandomizedResponse& m, std::size_t truth, double u) {
  if (truth >= m.k) throw Error(ErrorCode::Range, "/truth", "the true category is out of range");
  if (!isUniform(u)) throw Error(ErrorCode::Range, "/uniform", "a uniform draw must be in [0, 1)");
  if (u < m.pTruth) return truth;
  // Rounding can put the last sliver at index k − 1: it belongs to the last other category.
  const auto other = std::min(static_cast<std::size_t>((u - m.pTruth) / m.pOther), m.k - 2);
  return other < truth ? other : other + 1;
}

std::vector<std::size_t> randomizeBatch(const RandomizedResponse& m, const double* truths,
                                        const double* uniforms, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    if (!isIndex(truths[i], m.k)) throw Error(ErrorCode::Range, at("truths", i), "the true category is out of range");
    if (!isUniform(uniforms[i])) throw Error(ErrorCode::Range, at("uniforms", i), "a uniform draw must be in [0, 1)");
  }
  std::vector<std::size_t> out(n);
  for (std::size_t i = 0; i < n; ++i) out[i] = randomize(m, static_cast<std::size_t>(truths[i]), uniforms[i]);
  return out;
}

std::vector<std::size_t> countsFromDoubles(const double* counts, std::size_t k) {
  std::vector<std::size_t> out(k);
  for (std::size_t i = 0; i < k; ++i) {
    if (!(counts[i] >= 0 && counts[i] <= 9007199254740992.0 && std::floor(counts[i]) == counts[i])) {
      throw Error(ErrorCode::Range, at("counts", i), "a count must be a non-negative integer");
    }
    out[i] = static_cast<std::size_t>(counts[i]);
  }
  return out;
}

FrequencyEstimates estimateShares(const RandomizedResponse& m, const std::vector<std::size_t>& counts,
                                  std::size_t n) {
  if (n == 0) throw Error(ErrorCode::Empty, "/counts", "estimation needs at least one report");
  FrequencyEstimates e;
  e.mechanism = m;
  e.n = n;
  const double total = static_cast<double>(n);
  const double gap = m.pTruth - m.pOther;
  for (std::size_t j = 0; j < counts.size(); ++j) {
    if (counts[j] > n) throw Error(ErrorCode::Range, at("counts", j), "a count exceeds the number of reports");
    FrequencyEstimate f;
    f.reported = counts[j];
    const double share = static_cast<double>(counts[j]) / total;
    f.estimate = (share - m.pOther) / gap;
    f.standardError = std::sqrt(share * (1.0 - share) / total) / gap;
    // Both ends clamped: an estimate far outside [0, 1] must not give an inverted interval.
    f.ci95Low = std::clamp(f.estimate - kZ95 * f.standardError, 0.0, 1.0);
    f.ci95High = std::clamp(f.estimate + kZ95 * f.standardError, 0.0, 1.0);
    e.categories.push_back(f);
  }
  return e;
}

FrequencyEstimates estimateFrequencies(const std::vector<std::size_t>& counts, double epsilon) {
  const auto m = mechanism(counts.size(), epsilon);
  std::size_t n = 0;
  for (auto c : counts) n += c;
  return estimateShares(m, counts, n);
}

RandomizedNps npsFromShares(FrequencyEstimates shares, std::size_t up, std::size_t down) {
  if (shares.categories.size() != 3) throw Error(ErrorCode::Range, "/k", "NPS needs exactly three categories");
  RandomizedNps r;
  const double n = static_cast<double>(shares.n);
  const double gap = shares.mechanism.pTruth - shares.mechanism.pOther;
  const double plus = static_cast<double>(up) / n;
  const double minus = static_cast<double>(down) / n;
  const double variance = std::max(0.0, plus + minus - (plus - minus) * (plus - minus));
  r.nps = 100.0 * (shares.categories[2].estimate - shares.categories[0].estimate);
  r.standardError = 100.0 * std::sqrt(variance / n) / gap;
  r.ci95Low = std::clamp(r.nps - kZ95 * r.standardError, -100.0, 100.0);
  r.ci95High = std::clamp(r.nps + kZ95 * r.standardError, -100.0, 100.0);
  r.frequencies = std::move(shares);
  return r;
}

RandomizedNps estimateNps(std::size_t detractors, std::size_t passives, std::size_t promoters,
                          double epsilon) {
  return npsFromShares(estimateFrequencies({detractors, passives, promoters}, epsilon), promoters, detractors);
}

void to_json(nlohmann::json& out, const RandomizedResponse& m) {
  out = {{"encoding", m.encoding == Encoding::Unary ? "unary" : "direct"},
         {"k", m.k},
         {"epsilon", m.epsilon}, {"pTruth", m.pTruth}, {"pOther", m.pOther}, {"ratio", m.ratio}};
}

void to_json(nlohmann::json& out, const FrequencyEstimates& e) {
  auto list = nlohmann::json::array();
  for (const auto& f : e.categories) {
    list.push_back({{"reported", f.reported},
                    {"estimate", f.estimate},
                    {"standardError", f.standardError},
                    {"ci95", {f.ci95Low, f.ci95High}}});
  }
  out = {{"mechanism", e.mechanism}, {"n", e.n}, {"categories", std::move(list)}};
}

void to_json(nlohmann::json& out, const RandomizedNps& e) {
  out = {{"frequencies", e.frequencies},
         {"nps", e.nps},
         {"standardError", e.standardError},
         {"ci95", {e.ci95Low, e.ci95High}}};
}

}  // namespace selfcrm::privacy
