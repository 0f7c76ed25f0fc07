#pragma once
/// @file
/// Scoring plans (Unomi/Mautic-style point rules), evaluated as of a date so no nightly job is
/// needed. JSON:
///
///   {"name": "engagement", "halfLifeDays": 30, "cap": 100,
///    "rules": [{"when": <condition>, "points": 5},
///              {"each": {"history": "interactions", "where": <c>, "withinDays": 90},
///               "points": 2, "cap": 40, "halfLifeDays": 14}],
///    "thresholds": [{"segment": "engaged", "atLeast": 20}]}
///
/// A `when` rule adds its points once when its condition holds. An `each` rule adds its points for
/// every matching history record, decayed by the record's age: points · 2^(−age / halfLife)
/// (the rule's half-life, else the plan's; none means no decay). A rule's `cap` bounds its total,
/// the plan's `cap` bounds the sum. Each threshold reached puts the profile into its segment.

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "selfcrm/segments/condition.hpp"

namespace selfcrm::segments {

/// What one rule contributed.
struct RuleScore {
  std::string at;         ///< JSON Pointer of the rule
  std::string rule;       ///< the rule's condition, readable
  double points = 0;      ///< after decay and the rule's cap
  std::int64_t matches = 0;  ///< records counted (each) or 1/0 (when)
};

/// A plan's result for one facts document.
struct PlanScore {
  std::string plan;
  double points = 0;  ///< after the plan's cap
  std::vector<RuleScore> rules;
  std::vector<std::string> segments;  ///< thresholds reached, in definition order
  std::vector<Reason> reasons;        ///< one per segment, naming its threshold
};

void to_json(nlohmann::json& out, const RuleScore& rule);
void to_json(nlohmann::json& out, const PlanScore& plan);

class ScoringPlan {
 public:
  /// Validates and compiles one plan; errors carry pointers below `pointer`.
  static ScoringPlan fromJson(const nlohmann::json& spec, const std::string& pointer = "");

  /// Scores `facts` as of `ctx.asOf`.
  PlanScore score(const nlohmann::json& facts, const EvalContext& ctx) const;

  const std::string& name() const noexcept { return name_; }
  /// The segment names its thresholds can assign.
  std::vector<std::string> segmentNames() const;

 private:
  struct Rule {
    std::string at;
    Condition condition;
    bool each = false;
    double points = 0;
    double cap = 0;
    bool capped = false;
    double halfLifeDays = 0;
  };
  struct Threshold {
    std::string at;
    std::string segment;
    double atLeast = 0;
  };
  std::string name_;
  std::string at_;
  double cap_ = 0;
  bool capped_ = false;
  std::vector<Rule> rules_;
  std::vector<Threshold> thresholds_;
};

}  // namespace selfcrm::segments
