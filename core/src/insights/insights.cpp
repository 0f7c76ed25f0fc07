#include "selfcrm/insights/insights.hpp"

#include "selfcrm/detail/json_tape.hpp"
#include "selfcrm/detail/json_text.hpp"
#include "selfcrm/vault/profile_json.hpp"
#include "selfcrm/vault/vault_document.hpp"
#include "tape_records.hpp"
#include "vault/readers.hpp"

namespace selfcrm::insights {

nlohmann::json factsDocument(const Profile& profile, nlohmann::json scores, const Feedback& feedback) {
  nlohmann::json facts = profileToJson(profile);
  facts["scores"] = std::move(scores);
  facts["cues"] = feedback;
  return facts;
}

nlohmann::json factsDocument(const Profile& profile, const scores::ScoreCard& card, const Feedback& feedback) {
  // The card's text read back: the same tree as nlohmann::json(card), without turning each
  // explanation from text into a tree of its own first.
  std::string scores;
  scores::appendScoreCard(scores, card);
  return factsDocument(profile, parseJson(scores, "the scores"), feedback);
}

ProfileInsights analyzeProfile(const Profile& profile, const Engines& engines, Timestamp asOf) {
  ProfileInsights out;
  // The scores leave out records dated after asOf and say so; feedback and the facts document
  // read the profile as it stood at asOf too, so no part counts what has not happened yet.
  out.scores = scores::scoreProfile(profile, engines.model, asOf);
  const bool later = scores::laterRecords(profile, asOf).total() > 0;
  const Profile past = later ? scores::profileAsOf(profile, asOf) : Profile();
  const Profile& asOfProfile = later ? past : profile;
  out.feedback = analyzeFeedback(asOfProfile, engines.lexicon);
  out.facts = factsDocument(asOfProfile, out.scores, out.feedback);
  out.segments = engines.segments.evaluate(out.facts, asOf);
  // Personas may name segments, so they see the memberships just computed.
  out.facts["segments"] = out.segments.names();
  out.persona = engines.personas.assign(out.facts, segments::EvalContext{asOf, nullptr});
  return out;
}

void to_json(nlohmann::json& out, const ProfileInsights& in) {
  out = {{"id", in.facts.value("id", "")},
         {"scores", in.scores},
         {"feedback", in.feedback},
         {"segments", in.segments},
         {"persona", in.persona}};
}

InsightLines analyzeProfilesNdjson(const Engines& engines, std::string_view text, std::size_t firstLine,
                                   Timestamp asOf, InsightParts parts) {
  InsightLines out;
  out.ndjson.reserve(text.size() / 2);  // a score line is about half its profile: fewer regrowths
  out.rejects = forEachTapeRecord(text, firstLine, [&](std::size_t, JsonView record) {
    const Profile profile = vaultDocumentFromTape(record, "", /*requireVersion=*/false).profile;
    if (parts == InsightParts::ScoresOnly) {
      scores::appendScoreLine(out.ndjson, profile.id, scores::scoreProfile(profile, engines.model, asOf));
    } else if (parts == InsightParts::Facts) {
      out.ndjson += factsDocument(profile, scores::scoreProfile(profile, engines.model, asOf),
                                  analyzeFeedback(profile, engines.lexicon))
                        .dump();
    } else {
      appendInsights(out.ndjson, analyzeProfile(profile, engines, asOf));
    }
    out.ndjson += '\n';
    ++out.results;
  });
  return out;
}

}  // namespace selfcrm::insights
