#include <catch2/catch.hpp>

#include "selfcrm/vault/profile_json.hpp"
#include "selfcrm/vault/vault.hpp"
#include "vault_gen.hpp"

using namespace selfcrm;

namespace {
// Field-by-field equality, independent of the JSON writer under test.
bool same(const Identity& a, const Identity& b) {
  return a.kind == b.kind && a.network == b.network && a.value == b.value && a.normalized == b.normalized &&
         a.verified == b.verified && a.primary == b.primary && a.addedAt == b.addedAt;
}
bool same(const Transaction& a, const Transaction& b) {
  return a.id == b.id && a.at == b.at && a.amount == b.amount && a.margin == b.margin && a.currency == b.currency &&
         a.category == b.category;
}
bool same(const Interaction& a, const Interaction& b) {
  return a.id == b.id && a.at == b.at && a.channel == b.channel && a.direction == b.direction &&
         a.isPublic == b.isPublic && a.participants == b.participants && a.threadId == b.threadId &&
         a.replyExpected == b.replyExpected && a.replyReceived == b.replyReceived && a.text == b.text;
}
bool same(const SurveyAnswer& a, const SurveyAnswer& b) {
  return a.id == b.id && a.at == b.at && a.score == b.score && a.statedIntentToRecommend == b.statedIntentToRecommend;
}
bool same(const Referral& a, const Referral& b) {
  return a.id == b.id && a.at == b.at && a.referredCustomerId == b.referredCustomerId && a.converted == b.converted &&
         a.value == b.value;
}
bool same(const SocialReach& a, const SocialReach& b) {
  return a.network == b.network && a.at == b.at && a.followers == b.followers && a.posts == b.posts &&
         a.reshares == b.reshares && a.mentions == b.mentions;
}
bool same(const JournalEntry& a, const JournalEntry& b) {
  return a.at == b.at && a.op == b.op && a.target == b.target && a.detail == b.detail;
}
template <class T>
bool same(const std::vector<T>& a, const std::vector<T>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!same(a[i], b[i])) return false;
  }
  return true;
}
bool same(const VaultDocument& a, const VaultDocument& b) {
  const auto& x = a.profile;
  const auto& y = b.profile;
  return x.id == y.id && same(x.identities, y.identities) && x.attributes.personal == y.attributes.personal &&
         x.attributes.profile == y.attributes.profile && x.attributes.preferential == y.attributes.preferential &&
         x.attributes.performance == y.attributes.performance && same(x.history.transactions, y.history.transactions) &&
         same(x.history.interactions, y.history.interactions) && same(x.history.surveys, y.history.surveys) &&
         same(x.history.referrals, y.history.referrals) && same(x.history.reach, y.history.reach) &&
         same(a.journal, b.journal) && a.grants == b.grants && a.ledger == b.ledger;
}
}  // namespace

TEST_CASE("1,000 generated vaults survive serialise → text → parse unchanged", "[vault][roundtrip]") {
  std::size_t records = 0;
  for (std::uint64_t seed = 1; seed <= 1000; ++seed) {
    const VaultDocument original = vaultgen::document(seed);
    const std::string text = vaultDocumentToJson(original).dump();
    const VaultDocument back = vaultDocumentFromJson(nlohmann::json::parse(text));
    INFO("seed " << seed);
    REQUIRE(same(original, back));
    REQUIRE(vaultDocumentToJson(back).dump() == text);
    REQUIRE(vaultDocumentToText(back) == text);  // the direct writer matches the tree's bytes
    records += back.profile.history.transactions.size() + back.profile.history.reach.size();
  }
  CHECK(records > 2000);  // the generator really produced history
}

TEST_CASE("a profile reads from a bare profile object and from a whole vault document", "[vault][roundtrip]") {
  const VaultDocument doc = vaultgen::document(42);
  const Profile fromDoc = profileFromJson(vaultDocumentToJson(doc));
  const Profile fromBare = profileFromJson(profileToJson(doc.profile));
  CHECK(profileToJson(fromDoc) == profileToJson(doc.profile));
  CHECK(profileToJson(fromBare) == profileToJson(doc.profile));
}

TEST_CASE("attribute values keep their type", "[vault][roundtrip]") {
  const auto v = attributeValueFromJson(nlohmann::json::parse(R"({"date":"1984-06-01"})"), "/x");
  REQUIRE(std::holds_alternative<DateValue>(v));
  CHECK(std::get<DateValue>(v).at == 454896000);
  CHECK(attributeValueToJson(v).dump() == R"({"date":"1984-06-01T00:00:00Z"})");
  CHECK(std::holds_alternative<double>(attributeValueFromJson(3, "")));
  CHECK(std::holds_alternative<std::string>(attributeValueFromJson("1984-06-01", "")));
  CHECK(std::get<std::vector<std::string>>(attributeValueFromJson({"a", "b"}, "")).size() == 2);
}
