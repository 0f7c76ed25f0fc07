// History records and identities to and from JSON.
#include "json_object.hpp"
#include "selfcrm/error.hpp"
#include "selfcrm/vault/normalize.hpp"
#include "selfcrm/vault/profile_json.hpp"
#include "vault/json_reader.hpp"
#include "vault/keys.hpp"
#include "vault/readers.hpp"

namespace selfcrm {
using detail::kMaxSafeInteger;
using detail::ObjectReader;
using detail::Path;
using nlohmann::json;

namespace {
constexpr const char* kCustomerToBusiness = "customer-to-business";
constexpr const char* kBusinessToCustomer = "business-to-customer";

/// A record without an id gets one from its canonical content, so re-importing it dedupes.
template <class Record, class Write>
void ensureId(Record& record, Write write) {
  if (!record.id.empty()) return;
  json content = write(record);
  content.erase("id");
  record.id = detail::contentId(content);
}
}  // namespace

Identity detail::readIdentity(JsonView value, const Path& pointer) {
  ObjectReader r(value, pointer);
  Identity id;
  id.kind = identityKindFromName(r.string("kind", true), r.path("kind"));
  id.network = r.string("network", false);
  const bool named = id.kind == IdentityKind::Forum || id.kind == IdentityKind::Other;
  if (named && normalizeNetwork(id.network).empty()) {
    throw Error(ErrorCode::Range, r.path("network"), "a forum or other identity names its network");
  }
  if (!named && !id.network.empty()) {
    throw Error(ErrorCode::Range, r.path("network"), "only forum and other identities name a network");
  }
  id.value = r.string("value", true);
  id.normalized = normalizeIdentity(id.kind, id.value, r.path("value"));
  if (r.has("normalized") && r.string("normalized", true) != id.normalized) {
    throw Error(ErrorCode::Range, r.path("normalized"), "does not match the normalised value \"" + id.normalized + "\"");
  }
  r.string("normalized", false);
  id.verified = r.boolean("verified", false);
  id.primary = r.boolean("primary", false);
  id.addedAt = r.time("addedAt");
  r.finish();
  return id;
}

json identityToJson(const Identity& id) {
  json out = {{"kind", identityKindName(id.kind)}, {"value", id.value}, {"normalized", id.normalized},
              {"verified", id.verified}, {"primary", id.primary}, {"addedAt", formatIsoTime(id.addedAt)}};
  if (!id.network.empty()) out["network"] = id.network;
  return out;
}

Transaction detail::readTransaction(JsonView value, const Path& pointer) {
  ObjectReader r(value, pointer);
  Transaction t;
  t.id = r.string("id", false);
  t.at = r.time("at");
  t.amount = r.number("amount", 0);
  t.margin = r.number("margin", 0);
  t.currency = r.string("currency", false);
  t.category = r.string("category", false);
  r.finish();
  ensureId(t, transactionToJson);
  return t;
}

json transactionToJson(const Transaction& t) {
  return JsonObject()
      .add("amount", t.amount)
      .add("at", formatIsoTime(t.at))
      .add("category", t.category)
      .add("currency", t.currency)
      .add("id", t.id)
      .add("margin", t.margin)
      .take();
}

Interaction detail::readInteraction(JsonView value, const Path& pointer) {
  ObjectReader r(value, pointer);
  Interaction i;
  i.id = r.string("id", false);
  i.at = r.time("at");
  i.channel = r.string("channel", false);
  const std::string_view direction = r.text("direction", false, kCustomerToBusiness);
  if (direction == kCustomerToBusiness) {
    i.direction = Direction::CustomerToBusiness;
  } else if (direction == kBusinessToCustomer) {
    i.direction = Direction::BusinessToCustomer;
  } else {
    throw Error(ErrorCode::Range, r.path("direction"), "expected customer-to-business or business-to-customer");
  }
  i.isPublic = r.boolean("isPublic", false);
  i.participants = r.integer("participants", 2, 1, kMaxSafeInteger);
  i.threadId = r.string("threadId", false);
  i.replyExpected = r.boolean("replyExpected", false);
  i.replyReceived = r.boolean("replyReceived", false);
  i.text = r.string("text", false);
  r.finish();
  ensureId(i, interactionToJson);
  return i;
}

json interactionToJson(const Interaction& i) {
  return JsonObject()
      .add("at", formatIsoTime(i.at))
      .add("channel", i.channel)
      .add("direction", i.direction == Direction::CustomerToBusiness ? kCustomerToBusiness : kBusinessToCustomer)
      .add("id", i.id)
      .add("isPublic", i.isPublic)
      .add("participants", i.participants)
      .add("replyExpected", i.replyExpected)
      .add("replyReceived", i.replyReceived)
      .add("text", i.text)
      .add("threadId", i.threadId)
      .take();
}

SurveyAnswer detail::readSurveyAnswer(JsonView value, const Path& pointer) {
  ObjectReader r(value, pointer);
  SurveyAnswer s;
  s.id = r.string("id", false);
  s.at = r.time("at");
  r.raw("score");
  s.score = static_cast<int>(r.integer("score", 0, 0, 10));
  s.statedIntentToRecommend = r.boolean("statedIntentToRecommend", false);
  r.finish();
  ensureId(s, surveyAnswerToJson);
  return s;
}

json surveyAnswerToJson(const SurveyAnswer& s) {
  return JsonObject()
      .add("at", formatIsoTime(s.at))
      .add("id", s.id)
      .add("score", s.score)
      .add("statedIntentToRecommend", s.statedIntentToRecommend)
      .take();
}

Referral detail::readReferral(JsonView value, const Path& pointer) {
  ObjectReader r(value, pointer);
  Referral f;
  f.id = r.string("id", false);
  f.at = r.time("at");
  f.referredCustomerId = r.string("referredCustomerId", false);
  f.converted = r.boolean("converted", false);
  f.value = r.number("value", 0);
  r.finish();
  ensureId(f, referralToJson);
  return f;
}

json referralToJson(const Referral& f) {
  return JsonObject()
      .add("at", formatIsoTime(f.at))
      .add("converted", f.converted)
      .add("id", f.id)
      .add("referredCustomerId", f.referredCustomerId)
      .add("value", f.value)
      .take();
}

SocialReach detail::readSocialReach(JsonView value, const Path& pointer) {
  ObjectReader r(value, pointer);
  SocialReach s;
  s.network = r.string("network", true);
  if (normalizeNetwork(s.network).empty()) throw Error(ErrorCode::Range, r.path("network"), "an empty network name");
  s.at = r.time("at");
  s.followers = r.integer("followers", 0, 0, kMaxSafeInteger);
  s.posts = r.integer("posts", 0, 0, kMaxSafeInteger);
  s.reshares = r.integer("reshares", 0, 0, kMaxSafeInteger);
  s.mentions = r.integer("mentions", 0, 0, kMaxSafeInteger);
  r.finish();
  return s;
}

json socialReachToJson(const SocialReach& s) {
  return JsonObject()
      .add("at", formatIsoTime(s.at))
      .add("followers", s.followers)
      .add("mentions", s.mentions)
      .add("network", s.network)
      .add("posts", s.posts)
      .add("reshares", s.reshares)
      .take();
}


Identity identityFromJson(const json& value, const std::string& pointer) { return detail::readJson(value, pointer, detail::readIdentity); }
Transaction transactionFromJson(const json& value, const std::string& pointer) { return detail::readJson(value, pointer, detail::readTransaction); }
Interaction interactionFromJson(const json& value, const std::string& pointer) { return detail::readJson(value, pointer, detail::readInteraction); }
SurveyAnswer surveyAnswerFromJson(const json& value, const std::string& pointer) { return detail::readJson(value, pointer, detail::readSurveyAnswer); }
Referral referralFromJson(const json& value, const std::string& pointer) { return detail::readJson(value, pointer, detail::readReferral); }
SocialReach socialReachFromJson(const json& value, const std::string& pointer) { return detail::readJson(value, pointer, detail::readSocialReach); }

}  // namespace selfcrm
