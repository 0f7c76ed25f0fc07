#include "selfcrm/segments/persona_pack.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "pack_json.hpp"
#include "stable_order.hpp"
#include "selfcrm/error.hpp"
#include "selfcrm/segments/default_packs.hpp"

namespace selfcrm::segments {

using nlohmann::json;

void to_json(json& out, const PersonaMatch& m) {
  out = json{{"name", m.name}, {"priority", m.priority}, {"description", m.description}, {"because", m.because}};
  if (!m.tier.empty()) out["tier"] = m.tier;
  if (!m.useCase.empty()) out["useCase"] = m.useCase;
}

void to_json(json& out, const PersonaAssignment& a) {
  out = json{{"persona", a.persona ? json(*a.persona) : json(nullptr)}, {"matches", a.matches}};
}

PersonaPack PersonaPack::fromJson(const json& spec) {
  pack::requireObject(spec, "", "a persona pack");
  pack::allowOnly(spec, "", {"version", "description", "personas"});
  pack::version(spec);
  const json& list = pack::array(spec, "", "personas");
  if (list.empty()) throw Error(ErrorCode::Empty, "/personas", "a persona pack needs at least one persona");
  PersonaPack out;
  std::set<std::string> names;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string at = pointerAppend("/personas", i);
    const json& p = list[i];
    pack::requireObject(p, at, "a persona");
    pack::allowOnly(p, at, {"name", "tier", "useCase", "priority", "condition", "description"});
    PersonaMatch info;
    info.name = pack::name(p, at, "name");
    if (!names.insert(info.name).second) {
      throw Error(ErrorCode::Conflict, pointerAppend(at, "name"), "persona \"" + info.name + "\" is defined twice");
    }
    if (p.contains("tier") == p.contains("useCase")) {
      throw Error(ErrorCode::Schema, at, "a persona has exactly one of \"tier\" and \"useCase\"");
    }
    if (p.contains("tier")) info.tier = pack::name(p, at, "tier");
    else info.useCase = pack::name(p, at, "useCase");
    info.priority = pack::number(p, at, "priority");
    if (!std::isfinite(info.priority)) throw Error(ErrorCode::Range, pointerAppend(at, "priority"), "priority must be finite");
    info.description = pack::optionalText(p, at, "description");
    if (!p.contains("condition")) throw Error(ErrorCode::Schema, pointerAppend(at, "condition"), "missing \"condition\"");
    out.personas_.push_back({std::move(info), Condition::compile(p["condition"], pointerAppend(at, "condition"))});
  }
  selfcrm::detail::stableSort(out.personas_, [](const Persona& a, const Persona& b) { return a.info.priority > b.info.priority; });
  return out;
}

PersonaPack PersonaPack::fromText(std::string_view text) { return fromJson(pack::parse(text)); }

PersonaPack PersonaPack::defaults() { return fromText(defaultPersonasJson()); }

PersonaAssignment PersonaPack::assign(const json& facts, const EvalContext& ctx, bool explain) const {
  requireFactsObject(facts);
  PersonaAssignment out;
  for (const auto& p : personas_) {
    std::vector<Reason> because;
    if (explain ? p.condition.explain(facts, ctx, because) : p.condition.test(facts, ctx)) {
      PersonaMatch m = p.info;
      m.because = std::move(because);
      out.matches.push_back(std::move(m));
    }
  }
  if (!out.matches.empty()) out.persona = out.matches.front();
  return out;
}

}  // namespace selfcrm::segments
