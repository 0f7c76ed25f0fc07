#include "selfcrm/segments/segment_ndjson.hpp"

#include "selfcrm/ndjson.hpp"

namespace selfcrm::segments {

nlohmann::json segmentNdjson(const SegmentPack& segments, const PersonaPack& personas, std::string_view text,
                             std::size_t firstLine, Timestamp asOf) {
  nlohmann::json results = nlohmann::json::array();
  std::vector<LineReject> rejects = forEachRecord(text, firstLine, [&](std::size_t line, const nlohmann::json& facts) {
    SegmentResult found = segments.evaluate(facts, asOf);
    std::vector<std::string> names = found.names();
    PersonaAssignment assigned = personas.assign(facts, EvalContext{asOf, &names});
    nlohmann::json out{{"line", line}};
    if (auto id = facts.find("id"); id != facts.end()) out["id"] = *id;
    out["segments"] = found.segments;
    nlohmann::json plans = nlohmann::json::object();
    for (const auto& p : found.plans) plans[p.plan] = p.points;
    out["plans"] = plans;
    out["persona"] = assigned.persona ? nlohmann::json(*assigned.persona) : nlohmann::json(nullptr);
    nlohmann::json all = nlohmann::json::array();
    for (const auto& m : assigned.matches) all.push_back(m.name);
    out["personas"] = all;
    results.push_back(std::move(out));
  });
  return {{"results", results}, {"rejects", rejects}};
}

}  // namespace selfcrm::segments
