#include "selfcrm/conversations/conversation_value.hpp"

#include <algorithm>
#include <cmath>
#include <cctype>
#include <cstdio>

#include "selfcrm/error.hpp"

namespace selfcrm::conversations {

namespace {

// Numbers in reasons: whole money units and whole percentages, the same text on every build.
std::string money(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f", x);
  return buf;
}
std::string percent(double p) { return money(p * 100) + " %"; }

double cents(double x) { return std::round(x * 100) / 100; }

bool contactable(const std::string& channel, const CustomerClaims& c) {
  if (channel == "email") return c.emailShared;
  if (channel == "phone" || channel == "sms" || channel == "whatsapp" || channel == "call") return c.phoneShared;
  return true;  // chat, social accounts, the company's app: reached on the company's own side
}

struct Reach {
  std::string channel;
  double reach;
  std::string why;
};

Reach chooseChannel(const CustomerClaims& c, const ConversationParams& p) {
  for (std::size_t i = 0; i < c.channels.size(); ++i) {
    const std::string& ch = c.channels[i];
    if (!contactable(ch, c)) continue;
    if (i == 0) return {ch, p.reachPreferred, "their preferred channel"};
    return {ch, p.reachStated, "a channel they named (" + c.channels[0] + ", their first, has no contact shared)"};
  }
  const std::string stated = c.channels.empty() ? "no channel stated" : "no contact shared for the channels they named";
  if (c.emailShared) return {"email", p.reachContactOnly, stated + "; their email is shared"};
  if (c.phoneShared) return {"phone", p.reachContactOnly, stated + "; their phone is shared"};
  return {"in-app", p.reachNone, stated + " and no contact: your own app or site"};
}

double urgencyOf(const CustomerClaims& c, const ConversationParams& p) {
  return c.degree ? p.urgency[static_cast<int>(*c.degree) - 1] : 1.0;
}

std::string scoreText(const Score& s, bool isMoney) {
  return (isMoney ? money(s.value) : s.value <= 1 ? percent(s.value) : money(s.value)) + (s.fromBand ? " (band)" : "");
}

}  // namespace

ConversationValue valueConversation(const CustomerClaims& c, const ConversationParams& p, bool explain) {
  ConversationValue v;
  v.subject = c.subject;
  const double clv = c.clv ? std::max(c.clv->value, 0.0) : 0;
  const double influence = c.influence ? c.influence->value : 0;
  const double influenceMoney = influence * p.moneyPerInfluencePoint;
  if (!c.clv) v.unknown.push_back("band:clv");
  if (!c.alive) v.unknown.push_back("band:alive");

  // Retention: what lapsing takes away, times what one conversation can do about it.
  const double alive = c.alive ? c.alive->value : p.aliveWhenUnknown;
  double loss = 1 - alive;
  double save = p.saveRate;
  const bool threat = c.churnThreat.value_or(false);
  if (threat) {
    loss = std::max(loss, p.churnThreatLoss);
    save = p.churnThreatSaveRate;
  }
  v.retention = clv * loss * save;

  // Recovery: an open complaint, more urgent when voiced publicly or vented.
  const bool complaint = c.complaint.value_or(false);
  const double urgency = urgencyOf(c, p);
  if (complaint) {
    v.recovery = p.recoveryRate * (clv * p.complaintLoss + influenceMoney * p.complaintWordOfMouth) * urgency;
  }

  // Advocacy: referral and influence value a conversation may set going; nobody refers while a
  // complaint is open.
  const double activation = complaint ? 0 : c.nps ? p.activation[static_cast<int>(*c.nps)] : p.activationUnknown;
  const double crv = c.crv ? std::max(c.crv->value, 0.0) : 0;
  v.advocacy = activation * (crv + influenceMoney);
  if (!c.crv) v.unknown.push_back("band:crv");
  if (!c.influence) v.unknown.push_back("band:influence");
  if (!c.nps) v.unknown.push_back("nps:category");
  if (!c.complaint) v.unknown.push_back("feedback:complaint");

  const Reach reach = chooseChannel(c, p);
  if (c.channels.empty()) v.unknown.push_back("/preferential/channels");
  v.channel = reach.channel;
  v.reach = reach.reach;
  v.retention = cents(v.retention);
  v.recovery = cents(v.recovery);
  v.advocacy = cents(v.advocacy);
  v.value = cents(reach.reach * (v.retention + v.recovery + v.advocacy));
  if (!explain) return v;

  // The reason: the parts in order of size, each in words, then the channel and what was unknown.
  struct Part {
    double value;
    std::string text;
  };
  std::vector<Part> parts;
  if (v.retention > 0) {
    std::string t = threat ? "said they may leave (churn cue)" : "lapsing buyer";
    t += ": CLV " + scoreText(*c.clv, true) + " with P(alive) " +
         (c.alive ? scoreText(*c.alive, false) : percent(alive) + " (assumed)") + " puts " + money(clv * loss) +
         " at risk; a conversation keeps about " + percent(save) + " of it (" + money(v.retention) + ")";
    parts.push_back({v.retention, t});
  }
  if (v.recovery > 0) {
    std::string how = c.degree ? std::string(" (") + degreeName(*c.degree) + ")" : "";
    parts.push_back({v.recovery, "open complaint" + how + ": answering it recovers about " + percent(p.recoveryRate) +
                                     " of what it would cost (" + money(v.recovery) + ")"});
  }
  if (v.advocacy > 0) {
    std::string who = c.nps ? std::string(categoryName(*c.nps)) : "advocate";
    std::string what;
    if (crv > 0) what += "referral value " + scoreText(*c.crv, true);
    if (influence > 0) what += (what.empty() ? "" : " and ") + std::string("influence ") + money(influence) + (c.influence->fromBand ? " (band)" : "");
    parts.push_back({v.advocacy, who + " with " + what + ": a conversation may start a referral (" + percent(activation) +
                                     ", " + money(v.advocacy) + ")"});
  }
  std::stable_sort(parts.begin(), parts.end(), [](const Part& a, const Part& b) { return a.value > b.value; });
  if (parts.empty()) {
    v.reason = "nothing shared shows value in a conversation now";
  } else {
    for (std::size_t i = 0; i < parts.size(); ++i) v.reason += (i == 0 ? "" : "; also ") + parts[i].text;
  }
  v.reason[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(v.reason[0])));
  v.reason += ". Reach by " + reach.channel + ": " + reach.why + " (" + percent(reach.reach) + ").";
  if (!v.unknown.empty()) {
    v.reason += " Unknown: ";
    for (std::size_t i = 0; i < v.unknown.size(); ++i) v.reason += (i ? ", " : "") + v.unknown[i];
    v.reason += ".";
  }
  return v;
}

void to_json(nlohmann::json& out, const ConversationValue& v) {
  out = {{"subject", v.subject},
         {"value", v.value},
         {"channel", v.channel},
         {"reason", v.reason},
         {"parts", {{"retention", v.retention}, {"recovery", v.recovery}, {"advocacy", v.advocacy}, {"reach", v.reach}}},
         {"unknown", v.unknown}};
}

namespace {

void readRate(const nlohmann::json& j, const char* key, double& into, double hi = 1) {
  auto it = j.find(key);
  if (it == j.end()) return;
  const std::string path = pointerAppend("", key);
  if (!it->is_number()) throw Error(ErrorCode::Schema, path, "must be a number");
  const double x = it->get<double>();
  if (!(x >= 0 && x <= hi)) throw Error(ErrorCode::Range, path, "must be between 0 and " + money(hi));
  into = x;
}

template <std::size_t N>
void readList(const nlohmann::json& j, const char* key, double (&into)[N], double hi) {
  auto it = j.find(key);
  if (it == j.end()) return;
  const std::string path = pointerAppend("", key);
  if (!it->is_array() || it->size() != N) throw Error(ErrorCode::Schema, path, "must be a list of " + std::to_string(N) + " numbers");
  double read[N];
  for (std::size_t i = 0; i < N; ++i) {
    const auto& x = (*it)[i];
    if (!x.is_number()) throw Error(ErrorCode::Schema, pointerAppend(path, i), "must be a number");
    read[i] = x.get<double>();
    if (!(read[i] >= 0 && read[i] <= hi)) throw Error(ErrorCode::Range, pointerAppend(path, i), "must be between 0 and " + money(hi));
  }
  std::copy(read, read + N, into);
}

}  // namespace

ConversationParams conversationParamsFromJson(const nlohmann::json& j) {
  if (!j.is_object()) throw Error(ErrorCode::Schema, "", "the conversation parameters are a JSON object");
  static const char* const known[] = {"saveRate", "churnThreatSaveRate", "churnThreatLoss", "aliveWhenUnknown", "recoveryRate",
                                      "complaintLoss", "complaintWordOfMouth", "moneyPerInfluencePoint", "activation",
                                      "activationUnknown", "urgency", "reachPreferred", "reachStated", "reachContactOnly", "reachNone"};
  for (const auto& item : j.items()) {
    if (std::find_if(std::begin(known), std::end(known), [&](const char* k) { return item.key() == k; }) == std::end(known)) {
      throw Error(ErrorCode::Schema, pointerAppend("", item.key()), "not a conversation parameter");
    }
  }
  ConversationParams p;
  readRate(j, "saveRate", p.saveRate);
  readRate(j, "churnThreatSaveRate", p.churnThreatSaveRate);
  readRate(j, "churnThreatLoss", p.churnThreatLoss);
  readRate(j, "aliveWhenUnknown", p.aliveWhenUnknown);
  readRate(j, "recoveryRate", p.recoveryRate);
  readRate(j, "complaintLoss", p.complaintLoss);
  readRate(j, "complaintWordOfMouth", p.complaintWordOfMouth);
  readRate(j, "moneyPerInfluencePoint", p.moneyPerInfluencePoint, 1e9);
  readList(j, "activation", p.activation, 1);
  readRate(j, "activationUnknown", p.activationUnknown);
  readList(j, "urgency", p.urgency, 100);
  readRate(j, "reachPreferred", p.reachPreferred);
  readRate(j, "reachStated", p.reachStated);
  readRate(j, "reachContactOnly", p.reachContactOnly);
  readRate(j, "reachNone", p.reachNone);
  return p;
}

void to_json(nlohmann::json& out, const ConversationParams& p) {
  out = {{"saveRate", p.saveRate},
         {"churnThreatSaveRate", p.churnThreatSaveRate},
         {"churnThreatLoss", p.churnThreatLoss},
         {"aliveWhenUnknown", p.aliveWhenUnknown},
         {"recoveryRate", p.recoveryRate},
         {"complaintLoss", p.complaintLoss},
         {"complaintWordOfMouth", p.complaintWordOfMouth},
         {"moneyPerInfluencePoint", p.moneyPerInfluencePoint},
         {"activation", p.activation},
         {"activationUnknown", p.activationUnknown},
         {"urgency", p.urgency},
         {"reachPreferred", p.reachPreferred},
         {"reachStated", p.reachStated},
         {"reachContactOnly", p.reachContactOnly},
         {"reachNone", p.reachNone}};
}

}  // namespace selfcrm::conversations
