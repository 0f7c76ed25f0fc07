#pragma once
/// @file
/// Local differential privacy by k-ary randomized response: each customer's device reports its
/// true category with probability p = e^ε / (e^ε + k − 1) and each other category with probability
/// q = 1 / (e^ε + k − 1), so any report is at most e^ε times likelier under one true answer than
/// under another. The company only ever sees reports; it estimates the population's frequencies.
///
/// Randomness is an input (a uniform number in [0, 1) per report, drawn by the caller from a
/// cryptographic source), so the core stays deterministic and testable.

#include <cstddef>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace selfcrm::privacy {

/** @name Mechanism */
/// How a report encodes the answer: one category (k-ary randomized response), or one bit per
/// category (optimized unary encoding, see unary_encoding.hpp).
enum class Encoding { Direct, Unary };

/// The probabilities of one randomized report at privacy level ε.
struct RandomizedResponse {
  Encoding encoding = Encoding::Direct;
  std::size_t k = 0;
  double epsilon = 0;
  double pTruth = 0;   ///< probability the report names (direct) or flags (unary) the true category
  double pOther = 0;   ///< the same for one given other category
  double ratio = 0;    ///< e^ε: the worst-case likelihood ratio between two true answers
};

/// Largest ε accepted: beyond it p rounds to 1 and the report is the answer itself.
constexpr double kMaxEpsilon = 30.0;
/// Most categories accepted.
constexpr std::size_t kMaxCategories = 4096;

/// e^x for |x| ≤ 64 from + − × ÷ only (identical on every IEEE platform, unlike libm's exp).
/// Relative error below 1e-15.
double portableExp(double x) noexcept;

/// The mechanism for `k` categories at privacy level `epsilon`.
/// Throws E_RANGE (path "/k" or "/epsilon") unless 2 ≤ k ≤ 4096 and 0 < ε ≤ 30.
RandomizedResponse mechanism(std::size_t k, double epsilon);

/// The report for true category `truth` given one uniform draw `u` ∈ [0, 1): the truth when
/// u < p, otherwise the ⌊(u − p)/q⌋-th of the other categories in index order.
/// Throws E_RANGE (path "/truth" or "/uniform") on a bad index or draw.
std::size_t randomize(const RandomizedResponse& m, std::size_t truth, double u);

/// Randomizes a batch: `truths[i]` (integral doubles in [0, k)) with draws `uniforms[i]`.
/// All inputs are validated first; the first bad one throws E_RANGE with path "/truths/i" or
/// "/uniforms/i", and nothing is returned.
std::vector<std::size_t> randomizeBatch(const RandomizedResponse& m, const double* truths,
                                        const double* uniforms, std::size_t n);

/** @name Company-side estimation */
/// The estimated population share of one category.
struct FrequencyEstimate {
  std::size_t reported = 0;  ///< reports naming this category
  double estimate = 0;       ///< unbiased: (λ − q) / (p − q), λ the share of reports; may leave [0, 1]
  double standardError = 0;  ///< sqrt(λ(1 − λ) / n) / (p − q), plug-in
  double ci95Low = 0;        ///< estimate ± 1.96·SE, clipped to [0, 1]
  double ci95High = 0;
};

/// Frequencies estimated from report counts per category (counts.size() is k).
struct FrequencyEstimates {
  RandomizedResponse mechanism;
  std::size_t n = 0;
  std::vector<FrequencyEstimate> categories;
};

/// Report counts handed over as doubles (as JS numbers arrive): each must be a non-negative
/// integer below 2^53, else E_RANGE with path "/counts/i".
std::vector<std::size_t> countsFromDoubles(const double* counts, std::size_t k);

/// Unbiased shares from `counts[j]`, the number of the `n` reports naming (direct) or flagging
/// (unary) category j: (λ − q)/(p − q) with λ = counts[j]/n, for either encoding.
/// Throws E_EMPTY when n is 0, E_RANGE when a count exceeds n.
FrequencyEstimates estimateShares(const RandomizedResponse& m, const std::vector<std::size_t>& counts,
                                  std::size_t n);

/// Unbiased category frequencies from the counts of reports per category.
/// Throws E_EMPTY when there are no reports, E_RANGE as mechanism() does.
FrequencyEstimates estimateFrequencies(const std::vector<std::size_t>& counts, double epsilon);

/// Population NPS from randomized categories (k = 3).
struct RandomizedNps {
  FrequencyEstimates frequencies;  ///< in the order detractor, passive, promoter
  double nps = 0;                  ///< 100·(π̂₊ − π̂₋), unbiased
  /// 100·sqrt((λ₊ + λ₋ − (λ₊ − λ₋)²) / n) / (p − q): the Wald SE of the difference of two
  /// report shares from one multinomial sample, scaled by the mechanism's 1/(p − q).
  double standardError = 0;
  double ci95Low = 0;  ///< nps ± 1.96·SE, clipped to [−100, 100]
  double ci95High = 0;
};

/// NPS from estimated shares (detractor, passive, promoter) and, per report, whether it counts
/// +1 (`up`: promoter and not detractor) or −1 (`down`: the reverse); the SE is the Wald SE of that
/// ±1/0 mean scaled by 1/(p − q). Throws E_RANGE unless there are three categories.
RandomizedNps npsFromShares(FrequencyEstimates shares, std::size_t up, std::size_t down);

/// NPS from the counts of randomized reports of detractors, passives and promoters.
RandomizedNps estimateNps(std::size_t detractors, std::size_t passives, std::size_t promoters,
                          double epsilon);

void to_json(nlohmann::json& out, const RandomizedResponse& m);
void to_json(nlohmann::json& out, const FrequencyEstimates& e);
void to_json(nlohmann::json& out, const RandomizedNps& e);

}  // namespace selfcrm::privacy
