#include "selfcrm/segments/scoring_plan.hpp"

#include <algorithm>
#include <cmath>

#include "pack_json.hpp"
#include "selfcrm/error.hpp"
#include "selfcrm/segments/decay.hpp"

namespace selfcrm::segments {
namespace {

using nlohmann::json;

double nonNegative(const json& spec, const std::string& at, const char* member) {
  double v = pack::number(spec, at, member);
  if (!(v >= 0) || !std::isfinite(v)) throw Error(ErrorCode::Range, pointerAppend(at, member), std::string("\"") + member + "\" must be ≥ 0");
  return v;
}

}  // namespace

void to_json(json& out, const RuleScore& rule) {
  out = json{{"at", rule.at}, {"rule", rule.rule}, {"points", rule.points}, {"matches", rule.matches}};
}

void to_json(json& out, const PlanScore& plan) {
  out = json{{"name", plan.plan}, {"points", plan.points}, {"rules", plan.rules}, {"segments", plan.segments}};
}

ScoringPlan ScoringPlan::fromJson(const json& spec, const std::string& pointer) {
  pack::requireObject(spec, pointer, "a scoring plan");
  pack::allowOnly(spec, pointer, {"name", "description", "halfLifeDays", "cap", "rules", "thresholds"});
  ScoringPlan plan;
  plan.at_ = pointer;
  plan.name_ = pack::name(spec, pointer, "name");
  pack::optionalText(spec, pointer, "description");
  double planHalfLife = spec.contains("halfLifeDays") ? nonNegative(spec, pointer, "halfLifeDays") : 0;
  if (spec.contains("cap")) {
    plan.cap_ = pack::number(spec, pointer, "cap");
    plan.capped_ = true;
  }
  const json& rules = pack::array(spec, pointer, "rules");
  const std::string rulesAt = pointerAppend(pointer, "rules");
  if (rules.empty()) throw Error(ErrorCode::Empty, rulesAt, "a scoring plan needs at least one rule");
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const std::string at = pointerAppend(rulesAt, i);
    const json& r = rules[i];
    pack::requireObject(r, at, "a rule");
    pack::allowOnly(r, at, {"when", "each", "points", "cap", "halfLifeDays", "label"});
    const bool each = r.contains("each");
    if (each == r.contains("when")) throw Error(ErrorCode::Schema, at, "a rule has exactly one of \"when\" and \"each\"");
    const char* key = each ? "each" : "when";
    Rule rule{at, Condition::compile(r[key], pointerAppend(at, key)), each, pack::number(r, at, "points")};
    if (!std::isfinite(rule.points)) throw Error(ErrorCode::Range, pointerAppend(at, "points"), "points must be finite");
    if (each) {
      const std::string eachAt = pointerAppend(at, "each");
      if (!rule.condition.isHistory()) throw Error(ErrorCode::Schema, eachAt, "\"each\" needs a history condition");
      for (const char* bound : {"atLeast", "atMost"}) {
        if (r["each"].contains(bound)) {
          throw Error(ErrorCode::Schema, pointerAppend(eachAt, bound), "\"each\" counts every record: no atLeast/atMost");
        }
      }
      rule.halfLifeDays = r.contains("halfLifeDays") ? nonNegative(r, at, "halfLifeDays") : planHalfLife;
    } else if (r.contains("halfLifeDays")) {
      throw Error(ErrorCode::Schema, pointerAppend(at, "halfLifeDays"), "only \"each\" rules decay: records have an age");
    }
    if (r.contains("cap")) {
      rule.cap = nonNegative(r, at, "cap");
      rule.capped = true;
    }
    plan.rules_.push_back(std::move(rule));
  }
  if (spec.contains("thresholds")) {
    const json& thresholds = pack::array(spec, pointer, "thresholds");
    for (std::size_t i = 0; i < thresholds.size(); ++i) {
      const std::string at = pointerAppend(pointerAppend(pointer, "thresholds"), i);
      pack::requireObject(thresholds[i], at, "a threshold");
      pack::allowOnly(thresholds[i], at, {"segment", "atLeast"});
      double least = pack::number(thresholds[i], at, "atLeast");
      if (!std::isfinite(least)) throw Error(ErrorCode::Range, pointerAppend(at, "atLeast"), "atLeast must be finite");
      plan.thresholds_.push_back({at, pack::name(thresholds[i], at, "segment"), least});
    }
  }
  return plan;
}

PlanScore ScoringPlan::score(const json& facts, const EvalContext& ctx) const {
  PlanScore out;
  out.plan = name_;
  double total = 0;
  for (const Rule& rule : rules_) {
    RuleScore rs{rule.at, rule.condition.text(), 0, 0};
    if (rule.each) {
      for (Timestamp at : rule.condition.matchingTimes(facts, ctx)) {
        const double ageDays = static_cast<double>(ctx.asOf - at) / static_cast<double>(kSecondsPerDay);
        rs.points += rule.points * halfLifeFactor(ageDays, rule.halfLifeDays);
        ++rs.matches;
      }
    } else if (rule.condition.test(facts, ctx)) {
      rs.points = rule.points;
      rs.matches = 1;
    }
    if (rule.capped) rs.points = std::min(rs.points, rule.cap);
    total += rs.points;
    out.rules.push_back(std::move(rs));
  }
  out.points = capped_ ? std::min(total, cap_) : total;
  for (const Threshold& t : thresholds_) {
    if (out.points >= t.atLeast) {
      out.segments.push_back(t.segment);
      out.reasons.push_back({t.at, name_ + " points " + json(out.points).dump() + " ≥ " + json(t.atLeast).dump()});
    }
  }
  return out;
}

std::vector<std::string> ScoringPlan::segmentNames() const {
  std::vector<std::string> names;
  for (const auto& t : thresholds_) names.push_back(t.segment);
  return names;
}

}  // namespace selfcrm::segments
