#pragma once
/// @file
/// Personas are tiers or use cases. A pack is JSON:
///
///   {"version": 1, "personas": [{"name": "evangelist", "tier": "advocate" | "useCase": "…",
///                                "priority": 100, "condition": <condition>, "description": "…"}]}
///
/// Assignment lists every persona whose condition holds, highest priority first (ties keep the
/// pack's order), and picks the first as the profile's persona.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "selfcrm/segments/condition.hpp"

namespace selfcrm::segments {

/// A persona a profile matches, with the conditions that made it true.
struct PersonaMatch {
  std::string name;
  std::string tier;     ///< "" for a use case
  std::string useCase;  ///< "" for a tier
  double priority = 0;
  std::string description;
  std::vector<Reason> because;
};

struct PersonaAssignment {
  std::optional<PersonaMatch> persona;  ///< the highest-priority match, if any
  std::vector<PersonaMatch> matches;    ///< every match, highest priority first
};

void to_json(nlohmann::json& out, const PersonaMatch& match);
void to_json(nlohmann::json& out, const PersonaAssignment& assignment);

class PersonaPack {
 public:
  /// Validates and compiles a pack: each persona has exactly one of `tier` and `useCase`, a
  /// finite `priority`; duplicate names are E_CONFLICT, no personas is E_EMPTY.
  static PersonaPack fromJson(const nlohmann::json& spec);
  static PersonaPack fromText(std::string_view text);
  /// The documented default pack shipped with the library (core/data/default_personas.json).
  static PersonaPack defaults();

  /// Assigns `facts` as of `ctx.asOf` (ctx.extraSegments lets conditions see computed segments).
  /// With `explain` false, matches come without reasons.
  PersonaAssignment assign(const nlohmann::json& facts, const EvalContext& ctx, bool explain = true) const;

 private:
  struct Persona {
    PersonaMatch info;
    Condition condition;
  };
  std::vector<Persona> personas_;  ///< sorted by priority, highest first (stable)
};

}  // namespace selfcrm::segments
