#pragma once
/// @file
/// The expected value of one conversation with one customer now (README "Conversations worth
/// having"):
///
///   value = reach × (retention + recovery + advocacy)
///   retention = CLV × q × s           q = 1 − P(alive), at least churnThreatLoss with a churn cue;
///                                     s = saveRate, churnThreatSaveRate with a churn cue
///   recovery  = recoveryRate × (CLV × complaintLoss + wordOfMouth) × urgency(degree)
///               (open complaints only; wordOfMouth = influence × moneyPerInfluencePoint ×
///               complaintWordOfMouth; urgency: social pressure and venting above 1, monologue below)
///   advocacy  = a × (CRV + influence × moneyPerInfluencePoint)
///               a = activation by NPS category; 0 while a complaint is open
///   reach     = how likely the conversation happens on the channel chosen (channelReach)
///
/// Unknown inputs: CLV unknown → retention and the complaint's CLV part are 0 (no value is
/// claimed that nobody shared); P(alive) unknown → aliveWhenUnknown; CRV or influence unknown → 0.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "selfcrm/conversations/customer_claims.hpp"

namespace selfcrm::conversations {

struct ConversationParams {
  double saveRate = 0.15;             ///< P(a conversation keeps a lapsing buyer)
  double churnThreatSaveRate = 0.30;  ///< … one who said why they would leave
  double churnThreatLoss = 0.6;       ///< P(leaving) is at least this after a churn-threat cue
  double aliveWhenUnknown = 0.7;      ///< P(alive) assumed when not shared
  double recoveryRate = 0.5;          ///< P(answering a complaint resolves it)
  double complaintLoss = 0.4;         ///< P(leaving) over an unanswered complaint, beyond lapsing
  double complaintWordOfMouth = 0.25; ///< share of an unhappy customer's influence that hurts
  double moneyPerInfluencePoint = 10; ///< value of one influence point (0–100) as reach bought
  double activation[3] = {0.02, 0.08, 0.20};  ///< P(a referral follows): detractor, passive, promoter
  double activationUnknown = 0.08;
  double urgency[6] = {0.75, 1.5, 1.0, 2.0, 1.0, 1.25};  ///< by degree, monologue … community
  double reachPreferred = 1.0;        ///< the customer's first stated channel, contactable
  double reachStated = 0.8;           ///< a later stated channel
  double reachContactOnly = 0.6;      ///< no channel stated, a contact shared
  double reachNone = 0.3;             ///< nothing shared: the company's own app or site
};

/// The parameters as JSON (every member above), and back: a partial object overrides the defaults.
/// Throws Error(E_SCHEMA/E_RANGE) at the member's path for a wrong type or a value out of range.
ConversationParams conversationParamsFromJson(const nlohmann::json& json);
void to_json(nlohmann::json& out, const ConversationParams& params);

struct ConversationValue {
  std::string subject;
  double value = 0;
  double retention = 0, recovery = 0, advocacy = 0, reach = 0;
  std::string channel;
  std::string reason;                 ///< plain words: why this conversation, on which channel
  std::vector<std::string> unknown;   ///< claims the model needed and did not have
};

/// The value of one conversation with `c` now, with its reason (left empty without `explain`). Pure.
ConversationValue valueConversation(const CustomerClaims& c, const ConversationParams& p = {}, bool explain = true);

/// {"subject","value","channel","reason","parts":{"retention","recovery","advocacy","reach"},"unknown"}
void to_json(nlohmann::json& out, const ConversationValue& v);

}  // namespace selfcrm::conversations
