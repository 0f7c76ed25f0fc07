#pragma once
/// @file
/// Segments: named conditions plus scoring plans whose thresholds assign segments. A pack is JSON:
///
///   {"version": 1,
///    "plans":    [<scoring plan>, …],
///    "segments": [{"name": "evangelist", "description": "…", "condition": <condition>}, …]}
///
/// Plans are scored first, then segments in order; a condition on `segments` sees the document's
/// own `segments` plus every membership found before it, so segments can build on each other.

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "selfcrm/segments/condition.hpp"
#include "selfcrm/segments/scoring_plan.hpp"

namespace selfcrm::segments {

/// One segment a profile belongs to, with the conditions that made it true.
struct Membership {
  std::string segment;
  std::vector<Reason> because;
};

/// Everything a pack found for one facts document.
struct SegmentResult {
  std::vector<Membership> segments;
  std::vector<PlanScore> plans;
  /// The names in `segments`, in order.
  std::vector<std::string> names() const;
};

void to_json(nlohmann::json& out, const Membership& membership);
void to_json(nlohmann::json& out, const SegmentResult& result);

class SegmentPack {
 public:
  /// Validates and compiles a pack. Duplicate segment names (including plan thresholds) are
  /// E_CONFLICT; an empty pack is E_EMPTY; a newer `version` is E_VERSION.
  static SegmentPack fromJson(const nlohmann::json& spec);
  /// As fromJson, from text (E_PARSE when it is not JSON).
  static SegmentPack fromText(std::string_view text);
  /// The documented default pack shipped with the library (core/data/default_segments.json).
  static SegmentPack defaults();

  /// Memberships and plan scores of `facts` as of `asOf`. With `explain` false, memberships
  /// come without reasons (faster: conditions stop at the first decisive leaf).
  SegmentResult evaluate(const nlohmann::json& facts, Timestamp asOf, bool explain = true) const;

  /// Names of every segment the pack can assign, plan thresholds first.
  std::vector<std::string> segmentNames() const;

 private:
  struct Segment {
    std::string name;
    std::string description;
    Condition condition;
  };
  std::vector<ScoringPlan> plans_;
  std::vector<Segment> segments_;
};

}  // namespace selfcrm::segments
