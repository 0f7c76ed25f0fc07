#pragma once
/// @file
/// Everything SelfCRM computes for one profile, in one call: scores, feedback (sentiment, cues,
/// six degrees), segments and persona, each with its explanation. This is what the vault's JS
/// API, `selfcrm score`/`selfcrm segment` and the demo compute on the customer's device.

#include <string_view>

#include <nlohmann/json.hpp>

#include "selfcrm/insights/feedback.hpp"
#include "selfcrm/ndjson.hpp"
#include "selfcrm/profile.hpp"
#include "selfcrm/scores/model.hpp"
#include "selfcrm/scores/score_card.hpp"
#include "selfcrm/segments/persona_pack.hpp"
#include "selfcrm/segments/segment_pack.hpp"
#include "selfcrm/text/lexicon.hpp"

namespace selfcrm::insights {

/// The company's published rules, applied on the device.
struct Engines {
  const scores::Model& model;
  const segments::SegmentPack& segments;
  const segments::PersonaPack& personas;
  const text::Lexicon& lexicon;
};

/// One profile's insights (the TypeScript API's `ProfileInsights`; its `Insights` is the engine).
struct ProfileInsights {
  scores::ScoreCard scores;
  Feedback feedback;
  /// The document segments and personas are evaluated on: the profile as the vault writes it,
  /// plus `scores`, `cues` (the feedback) and `segments` (the names of the memberships).
  nlohmann::json facts;
  segments::SegmentResult segments;
  segments::PersonaAssignment persona;
};

/// Computes every insight. Throws like scoreProfile (records after asOf → E_RANGE with path).
ProfileInsights analyzeProfile(const Profile& profile, const Engines& engines, Timestamp asOf);

/// {"id","scores","feedback","segments","persona"}: what a result line and the JS API carry.
void to_json(nlohmann::json& out, const ProfileInsights& insights);
/// The same as JSON text, byte for byte `nlohmann::json(insights).dump()`, without the tree.
void appendInsights(std::string& out, const ProfileInsights& insights);

/// The facts document of a profile for company-defined conditions, without segments.
nlohmann::json factsDocument(const Profile& profile, const scores::ScoreCard& card, const Feedback& feedback);
/// The same with the scores given as their JSON (a score card computed elsewhere, e.g. in JS).
nlohmann::json factsDocument(const Profile& profile, nlohmann::json scores, const Feedback& feedback);

/// One chunk of NDJSON, one vault document (or bare profile) per line, turned into one result
/// line per valid profile (in input order) and rejects for the rest.
using InsightLines = NdjsonResult;

/// What each result line holds: everything, only the scores, or the facts document that segments
/// and personas read (without `segments`: what `selfcrm segment` takes, so it finds what
/// analyze found).
enum class InsightParts { All, ScoresOnly, Facts };

InsightLines analyzeProfilesNdjson(const Engines& engines, std::string_view text, std::size_t firstLine,
                                   Timestamp asOf, InsightParts parts);

}  // namespace selfcrm::insights
