// Everything for one profile (scores, feedback, segments, persona) under a company's engines.
#include <emscripten/bind.h>

#include <string>

#include "heap.hpp"
#include "live_objects.hpp"
#include "seconds.hpp"
#include "selfcrm/detail/envelope.hpp"
#include "selfcrm/insights/insights.hpp"
#include "selfcrm/ndjson.hpp"
#include "selfcrm/vault/vault_document.hpp"
#include "shared_lexicon.hpp"

namespace selfcrm::wasm {
namespace {

Profile profileFrom(std::uintptr_t text, std::size_t bytes) {
  return vaultDocumentFromText(heapText(text, bytes), /*requireVersion=*/false).profile;
}

/// A company's model, segment pack and persona pack, compiled once and applied to many profiles.
class InsightsEngine : Counted {
 public:
  InsightsEngine()
      : model_(scores::Model::defaults()),
        segments_(segments::SegmentPack::defaults()),
        personas_(segments::PersonaPack::defaults()) {}

  /// Empty text keeps the current part; the three are replaced together or not at all.
  std::string configure(const std::string& model, const std::string& segmentPack, const std::string& personaPack) {
    return guarded([&] {
      scores::Model m = model.empty() ? model_ : scores::Model::fromJson(parseJsonLine(model));
      segments::SegmentPack s = segmentPack.empty() ? segments_ : segments::SegmentPack::fromText(segmentPack);
      segments::PersonaPack p = personaPack.empty() ? personas_ : segments::PersonaPack::fromText(personaPack);
      model_ = std::move(m);
      segments_ = std::move(s);
      personas_ = std::move(p);
      return nullptr;
    });
  }

  std::string analyze(std::uintptr_t text, std::size_t bytes, double asOf) const {
    return guarded([&] { return insights::analyzeProfile(profileFrom(text, bytes), engines(), asOfSeconds(asOf)); });
  }

  std::string analyzeNdjson(std::uintptr_t text, std::size_t bytes, std::size_t firstLine, double asOf,
                            int parts) const {
    return guardedLines([&] { return lines(text, bytes, firstLine, asOf, parts); });
  }

  /// analyzeNdjson()'s text (the one bulk-lines protocol, guardedLines) left in the engine's
  /// memory, where the envelope's `pointer` and `bytes` say: JS copies the lines out as bytes (no
  /// UTF-16 string on the way to a file or another thread) and calls releaseLines().
  std::string analyzeNdjsonKept(std::uintptr_t text, std::size_t bytes, std::size_t firstLine, double asOf,
                                int parts) {
    kept_ = analyzeNdjson(text, bytes, firstLine, asOf, parts);
    return guarded([&] {
      return nlohmann::json{{"pointer", reinterpret_cast<std::uintptr_t>(kept_.data())}, {"bytes", kept_.size()}};
    });
  }
  void releaseLines() { std::string().swap(kept_); }

 private:
  /// 0 everything, 1 scores only, 2 facts documents.
  static insights::InsightParts partsOf(int parts) {
    return parts == 1 ? insights::InsightParts::ScoresOnly
                      : parts == 2 ? insights::InsightParts::Facts : insights::InsightParts::All;
  }
  insights::InsightLines lines(std::uintptr_t text, std::size_t bytes, std::size_t firstLine, double asOf,
                               int parts) const {
    return insights::analyzeProfilesNdjson(engines(), heapText(text, bytes), firstLine, asOfSeconds(asOf),
                                           partsOf(parts));
  }
  insights::Engines engines() const { return {model_, segments_, personas_, sharedLexicon()}; }

  scores::Model model_;
  segments::SegmentPack segments_;
  segments::PersonaPack personas_;
  std::string kept_;  // see analyzeNdjsonKept()
};

/// The facts document of a profile: with `scores` (a score card's JSON) when given, else scored
/// with the default model as of `asOf`.
std::string factsOf(std::uintptr_t text, std::size_t bytes, const std::string& scoresJson, double asOf) {
  return guarded([&] {
    const Profile profile = profileFrom(text, bytes);
    const insights::Feedback feedback = insights::analyzeFeedback(profile, sharedLexicon());
    if (!scoresJson.empty()) return insights::factsDocument(profile, parseJsonLine(scoresJson), feedback);
    return insights::factsDocument(profile, scores::scoreProfile(profile, scores::Model::defaults(), asOfSeconds(asOf)), feedback);
  });
}

std::string feedbackOf(std::uintptr_t text, std::size_t bytes) {
  return guarded([&] { return insights::analyzeFeedback(profileFrom(text, bytes), sharedLexicon()); });
}

}  // namespace
}  // namespace selfcrm::wasm

EMSCRIPTEN_BINDINGS(selfcrm_insights) {
  using namespace selfcrm::wasm;
  emscripten::function("insightsFeedback", &feedbackOf);
  emscripten::function("insightsFacts", &factsOf);
  emscripten::class_<InsightsEngine>("InsightsEngine")
      .constructor<>()
      .function("configure", &InsightsEngine::configure)
      .function("analyze", &InsightsEngine::analyze)
      .function("analyzeNdjson", &InsightsEngine::analyzeNdjson)
      .function("analyzeNdjsonKept", &InsightsEngine::analyzeNdjsonKept)
      .function("releaseLines", &InsightsEngine::releaseLines);
}
