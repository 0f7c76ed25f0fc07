#include "selfcrm/segments/segment_ndjson.hpp"
#include <nlohmann/json.hpp>

#include "selfcrm/ndjson.hpp"
#include "tape_records.hpp"

namespace selfcrm::segments {
namespace {

// The batch form of a persona: the pack holds the description, so a line need not repeat it.
nlohmann::json explained(const PersonaMatch& m) {
  nlohmann::json out{{"name", m.name}, {"priority", m.priority}, {"because", m.because}};
  if (!m.tier.empty()) out["tier"] = m.tier;
  if (!m.useCase.empty()) out["useCase"] = m.useCase;
  return out;
}

}  // namespace

nlohmann::json segmentNdjson(const SegmentPack& segments, const PersonaPack& personas, std::string_view text,
                             std::size_t firstLine, Timestamp asOf, bool explain) {
  nlohmann::json results = nlohmann::json::array();
  std::vector<LineReject> rejects = forEachRecord(text, firstLine, [&](std::size_t line, const nlohmann::json& facts) {
    SegmentResult found = segments.evaluate(facts, asOf, explain);
    std::vector<std::string> names = found.names();
    PersonaAssignment assigned = personas.assign(facts, EvalContext{asOf, &names}, explain);
    nlohmann::json out{{"line", line}};
    if (auto id = facts.find("id"); id != facts.end()) out["id"] = *id;
    out["segments"] = explain ? nlohmann::json(found.segments) : nlohmann::json(names);
    nlohmann::json plans = nlohmann::json::object();
    for (const auto& p : found.plans) plans[p.plan] = p.points;
    out["plans"] = std::move(plans);
    if (!assigned.persona) out["persona"] = nullptr;
    else out["persona"] = explain ? explained(*assigned.persona) : nlohmann::json(assigned.persona->name);
    nlohmann::json all = nlohmann::json::array();
    for (const auto& m : assigned.matches) all.push_back(m.name);
    out["personas"] = std::move(all);
    results.push_back(std::move(out));
  });
  return {{"results", std::move(results)}, {"rejects", rejects}};
}

}  // namespace selfcrm::segments
