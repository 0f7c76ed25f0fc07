#include "selfcrm/conversations/conversation_plan.hpp"

namespace selfcrm::conversations {

ConversationPlan::ConversationPlan(std::size_t budget, ConversationParams params, ClaimBands bands)
    : params_(params),
      rows_(
          [this](const CustomerClaims& c, RankedEntry& entry, bool withBody) {
            ConversationValue v = valueConversation(c, params_, withBody);
            // A conversation worth nothing adds nothing to a plan, whatever the budget.
            if (!(v.value > 0)) return false;
            entry.score = v.value;
            if (withBody) entry.body = v;
            return true;
          },
          budget, bands) {}

std::vector<LineReject> ConversationPlan::addNdjson(std::string_view text, std::size_t firstLine) {
  return rows_.addNdjson(text, firstLine);
}

std::string ConversationPlan::ndjson() const { return rows_.ndjson("rank"); }

nlohmann::json ConversationPlan::summary() const {
  const double total = rows_.totalScore();
  const double picked = rows_.keptScore();
  return {{"customers", rows_.rows()},
          {"withValue", rows_.entries()},
          {"picked", rows_.kept()},
          {"pickedValue", picked},
          {"totalValue", total},
          {"share", total > 0 ? picked / total : 0.0}};
}

}  // namespace selfcrm::conversations
