#pragma once
/// @file
/// The scoring model: a versioned JSON document the company publishes and each device applies to
/// its own vault. It holds RFM quintile thresholds, CLV settings and fitted BG/NBD + Gamma-Gamma
/// parameters, referral and influence settings, and the engagement half-life.

#include <array>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "selfcrm/scores/bgnbd.hpp"
#include "selfcrm/scores/gamma_gamma.hpp"
#include "selfcrm/scores/pareto_nbd.hpp"
#include "selfcrm/scores/repeat_model.hpp"

namespace selfcrm::scores {

/// Whether RFM's monetary value is the mean or the total amount per customer.
enum class MonetaryKind { Mean, Total };

/// Quintile cut points: a value gets score 1 + (number of cut points strictly below it); for
/// recency (lower is better) the score is 5 − (number of cut points strictly below it).
using Quintiles = std::array<double, 4>;

struct RfmSettings {
  MonetaryKind monetary = MonetaryKind::Mean;
  Quintiles recencyDays{30, 90, 180, 365};
  Quintiles frequency{1, 2, 4, 8};
  Quintiles monetaryValue{20, 50, 100, 250};
};

struct ClvSettings {
  double horizonPeriods = 52;          ///< how far ahead CLV looks, in model periods
  double annualDiscountRate = 0.10;    ///< converted to a per-period rate (1+d)^(periodDays/365.25) − 1
  double marginRate = 0.30;            ///< share of spend that is margin (BG/NBD CLV)
  double retentionPerPeriod = 0.98;    ///< simple model: chance a customer stays one more period
};

struct ReferralSettings {
  double wouldHaveComeAnyway = 0.30;   ///< share of referred customers who would have joined anyway
  double acquisitionCost = 25;         ///< what acquiring one customer otherwise costs
};

struct InfluenceSettings {
  double reachScale = 1e6;             ///< followers that count as full reach (log scale)
  double amplificationHalf = 2;        ///< reshares+mentions per post that score half
  double engagementHalf = 0.01;        ///< engagement rate that scores half
  double reachWeight = 0.4, amplificationWeight = 0.3, engagementWeight = 0.3;  ///< sum to 1
};

struct Model {
  static constexpr int kSchemaVersion = 1;
  double periodDays = 7;               ///< the BG/NBD time unit
  RfmSettings rfm;
  ClvSettings clv;
  std::optional<BgNbdParams> bgnbd;    ///< absent until fitted
  std::optional<GammaGammaParams> gammaGamma;
  /// Which repeat-purchase model the probabilistic CLV uses ("repeatModel" in the document,
  /// written only when it is not BG/NBD), and the other models' parameters ("modifiedBgnbd",
  /// "paretoNbd", written only when fitted).
  RepeatModel repeatModel = RepeatModel::BgNbd;
  std::optional<BgNbdParams> modifiedBgnbd;
  std::optional<ParetoNbdParams> paretoNbd;
  ReferralSettings referral;
  InfluenceSettings influence;
  double engagementHalfLifeDays = 30;
  nlohmann::json fit;                  ///< the fit report that produced this model (null if none)

  /// The documented default model: weekly periods; RFM cut points recency 30/90/180/365 days,
  /// frequency 1/2/4/8 purchases, monetary 20/50/100/250 (mean); CLV horizon 52 periods, 10 %
  /// yearly discount, 30 % margin, 98 % weekly retention; no BG/NBD or Gamma-Gamma parameters;
  /// referrals 30 % would have come anyway, acquisition cost 25; influence reach 1e6 followers,
  /// half-scores at 2 amplifications per post and 1 % engagement, weights 0.4/0.3/0.3;
  /// engagement half-life 30 days.
  static Model defaults();

  /// Strict parse: every field optional except schemaVersion (missing ones take the default);
  /// unknown fields, wrong types and out-of-range values throw Error(E_SCHEMA / E_RANGE) with the
  /// JSON Pointer of the offending value; a newer schemaVersion throws E_VERSION.
  static Model fromJson(const nlohmann::json& document);
  /// Parses text, then as fromJson; malformed JSON throws E_PARSE.
  static Model parse(const std::string& text);

  /// The chosen repeat model's parameters in its documented order, or nullopt when not fitted.
  std::optional<std::vector<double>> repeatParams() const;

  /// The discount rate per model period.
  double periodDiscountRate() const;
};

void to_json(nlohmann::json& out, const Model& model);

}  // namespace selfcrm::scores
