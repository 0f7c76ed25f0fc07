#pragma once
/// @file
/// The six degrees of social interaction: where each interaction sits on the continuum from
/// talking at someone to many-to-many community, read from the record's fields and its text's
/// cues; and, per profile, the distribution over degrees and a sociability score.
///
/// Customer side (direction customer → business), first rule that holds:
///   6 community      public, in a thread, 3 or more participants (many to many)
///   4 social pressure a reply is expected and not received, the text asks or complains (question,
///                    complaint or churn cue), and it is public or follows an unanswered message
///                    of the same thread
///   5 objective      public and in a thread: an engaged conversation others may join
///   3 skewed         a reply is expected or it is in a thread: a one-sided conversation
///   2 venting        no reply sought, but a complaint or negative sentiment: wants acknowledgment
///   1 monologue      anything else: said it, no reply sought
/// Business side (direction business → customer):
///   6 many-to-many   public, in a thread, 3 or more participants, and replies came back
///   5 fan page       public, in a thread, 3 or more participants, no reply yet (fingers crossed)
///   4 blogging       public and in a thread with at most 2 participants (comment nicely)
///   3 pretending     in a private thread: answers that do not open the conversation
///   2 bait           not in a thread, but asks (question cue or reply expected)
///   1 broadcast      anything else: one-way announcement

#include <array>
#include <cstdint>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "selfcrm/profile.hpp"
#include "selfcrm/text/lexicon.hpp"

namespace selfcrm::text {

enum class DegreeSide : std::uint8_t { Customer = 0, Business = 1 };

/// The inputs of one classification beyond the record itself.
struct DegreeContext {
  std::uint32_t cues = 0;    ///< Cue bits of the record's text
  double compound = 0;       ///< sentiment of the record's text
  bool followsUnanswered = false;  ///< an earlier customer message of the same thread had no reply
};

/// Degree 1…6 of one interaction, on the side its direction gives.
int classifyDegree(const Interaction& interaction, const DegreeContext& context);

struct InteractionDegree {
  std::size_t index = 0;  ///< position in the input
  DegreeSide side = DegreeSide::Customer;
  int degree = 1;
  double compound = 0;
  std::uint32_t cues = 0;
};

struct DegreeProfile {
  std::vector<InteractionDegree> interactions;
  std::array<std::size_t, 6> customer{};  ///< counts of degrees 1…6, customer-initiated
  std::array<std::size_t, 6> business{};  ///< counts of degrees 1…6, business-initiated
  /// (mean customer degree − 1) / 5, in [0, 1]; absent (NaN) with no customer-initiated record.
  double sociability = 0;
  bool hasSociability = false;
};

/// Classifies every interaction of one profile. Threads are followed in time order (ties by
/// input order) to find messages that follow an unanswered one. Throws E_RANGE at
/// `/i/participants` when participants < 1.
DegreeProfile classifyInteractions(const std::vector<Interaction>& interactions, const Lexicon& lexicon);

/// {"interactions":[{"index","side","degree","compound","cues"}],"customer":{"counts","shares"},
///  "business":{…},"sociability": number|null}
void to_json(nlohmann::json& out, const DegreeProfile& profile);

}  // namespace selfcrm::text
