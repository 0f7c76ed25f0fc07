#include "selfcrm/segments/segment_pack.hpp"

#include <set>

#include "pack_json.hpp"
#include "selfcrm/error.hpp"
#include "selfcrm/segments/default_packs.hpp"

namespace selfcrm::segments {

using nlohmann::json;

void to_json(json& out, const Membership& membership) {
  out = json{{"name", membership.segment}, {"because", membership.because}};
}

void to_json(json& out, const SegmentResult& result) {
  out = json{{"segments", result.segments}, {"plans", result.plans}};
}

std::vector<std::string> SegmentResult::names() const {
  std::vector<std::string> out;
  for (const auto& m : segments) out.push_back(m.segment);
  return out;
}

SegmentPack SegmentPack::fromJson(const json& spec) {
  pack::requireObject(spec, "", "a segment pack");
  pack::allowOnly(spec, "", {"version", "description", "plans", "segments"});
  pack::version(spec);
  SegmentPack out;
  std::set<std::string> names;
  auto claim = [&](const std::string& name, const std::string& at) {
    if (!names.insert(name).second) throw Error(ErrorCode::Conflict, at, "segment \"" + name + "\" is defined twice");
  };
  if (spec.contains("plans")) {
    const json& plans = pack::array(spec, "", "plans");
    for (std::size_t i = 0; i < plans.size(); ++i) {
      const std::string at = pointerAppend("/plans", i);
      out.plans_.push_back(ScoringPlan::fromJson(plans[i], at));
      std::size_t t = 0;
      for (const auto& name : out.plans_.back().segmentNames()) {
        claim(name, pointerAppend(pointerAppend(at + "/thresholds", t++), "segment"));
      }
    }
  }
  if (spec.contains("segments")) {
    const json& segments = pack::array(spec, "", "segments");
    for (std::size_t i = 0; i < segments.size(); ++i) {
      const std::string at = pointerAppend("/segments", i);
      const json& s = segments[i];
      pack::requireObject(s, at, "a segment");
      pack::allowOnly(s, at, {"name", "description", "condition"});
      std::string name = pack::name(s, at, "name");
      claim(name, pointerAppend(at, "name"));
      if (!s.contains("condition")) throw Error(ErrorCode::Schema, pointerAppend(at, "condition"), "missing \"condition\"");
      out.segments_.push_back({name, pack::optionalText(s, at, "description"),
                               Condition::compile(s["condition"], pointerAppend(at, "condition"))});
    }
  }
  if (out.plans_.empty() && out.segments_.empty()) throw Error(ErrorCode::Empty, "", "a segment pack needs segments or plans");
  return out;
}

SegmentPack SegmentPack::fromText(std::string_view text) { return fromJson(pack::parse(text)); }

SegmentPack SegmentPack::defaults() { return fromText(defaultSegmentsJson()); }

SegmentResult SegmentPack::evaluate(const json& facts, Timestamp asOf, bool explain) const {
  requireFactsObject(facts);
  SegmentResult result;
  std::vector<std::string> found;
  EvalContext ctx{asOf, &found};
  for (const auto& plan : plans_) {
    PlanScore score = plan.score(facts, ctx);
    for (std::size_t i = 0; i < score.segments.size(); ++i) {
      result.segments.push_back({score.segments[i], explain ? std::vector<Reason>{score.reasons[i]} : std::vector<Reason>{}});
      found.push_back(score.segments[i]);
    }
    result.plans.push_back(std::move(score));
  }
  for (const auto& segment : segments_) {
    std::vector<Reason> because;
    if (explain ? segment.condition.explain(facts, ctx, because) : segment.condition.test(facts, ctx)) {
      result.segments.push_back({segment.name, std::move(because)});
      found.push_back(segment.name);
    }
  }
  return result;
}

std::vector<std::string> SegmentPack::segmentNames() const {
  std::vector<std::string> names;
  for (const auto& p : plans_) {
    for (const auto& n : p.segmentNames()) names.push_back(n);
  }
  for (const auto& s : segments_) names.push_back(s.name);
  return names;
}

}  // namespace selfcrm::segments
