// Identity matching and the customer's decisions in the core: match keys per provider rule, the
// decisions' effect on clusters, and the document written as text equal to its JSON with decisions.
#include <catch2/catch.hpp>

#include "require_error.hpp"
#include "selfcrm/vault/identity_match.hpp"
#include "selfcrm/vault/vault.hpp"

using namespace selfcrm;
using selfcrm::test::requireError;

namespace {
constexpr Timestamp kNow = 1700000000;
nlohmann::json key(const char* kind, const char* value) { return {{"kind", kind}, {"value", value}}; }
}  // namespace

TEST_CASE("match keys apply a provider's rule only where it is published", "[identity]") {
  CHECK(identityMatchKey(IdentityKind::Email, " Ann.Lee+news@GoogleMail.com ") == "annlee@gmail.com");
  CHECK(identityMatchKey(IdentityKind::Email, "a.nn+x@outlook.com") == "a.nn@outlook.com");
  CHECK(identityMatchKey(IdentityKind::Email, "a.nn+x@example.org") == "a.nn+x@example.org");
  CHECK(identityMatchKey(IdentityKind::Phone, "0044 (20) 7946-0018") == "+442079460018");
  requireError([] { identityMatchKey(IdentityKind::Phone, "020 7946 0018", "/p"); }, ErrorCode::Range, "/p");
}

TEST_CASE("a never decision splits a cluster; a confirmed one is not proposed again", "[identity]") {
  const auto id = [](IdentityKind k, const char* v) {
    Identity i;
    i.kind = k;
    i.value = v;
    return i;
  };
  const std::vector<MatchRecord> records{
      {"vault", {id(IdentityKind::Email, "ann@gmail.com")}, "", ""},
      {"card", {id(IdentityKind::Email, "a.nn@gmail.com"), id(IdentityKind::Email, "family@example.org")}, "", ""},
  };
  REQUIRE(proposeMerges(records, {}).size() == 1);
  CHECK(proposeMerges(records, {}).front().identities.size() == 3);
  const auto split = proposeMerges(records, {{"email:ann@gmail.com", "email:family@example.org", LinkDecision::Never}});
  REQUIRE(split.size() == 1);
  CHECK(split.front().identities == std::vector<std::string>{"email:a.nn@gmail.com", "email:ann@gmail.com"});
  CHECK(proposeMerges(records, {{"email:ann@gmail.com", "email:family@example.org", LinkDecision::Never},
                                {"email:a.nn@gmail.com", "email:ann@gmail.com", LinkDecision::Same}})
            .empty());
}

TEST_CASE("decisions: one per pair, the later replaces, text equals JSON, bad ones are coded", "[identity][vault]") {
  Vault v("me");
  CHECK(v.decideIdentities({{"a", key("phone", "+44 20 7946 0018")}, {"b", key("email", "Ann@x.org")}, {"decision", "same"}}, kNow));
  CHECK_FALSE(v.decideIdentities({{"a", key("email", "ann@x.org")}, {"b", key("phone", "0044 20 7946 0018")}, {"decision", "same"}}, kNow + 1));
  CHECK(v.decideIdentities({{"a", key("email", "ann@x.org")}, {"b", key("phone", "0044 20 7946 0018")}, {"decision", "never"}}, kNow + 2));
  const nlohmann::json doc = v.toJson();
  REQUIRE(doc["identityDecisions"].size() == 1);
  CHECK(doc["identityDecisions"][0]["a"] == "email:ann@x.org");
  CHECK(doc["identityDecisions"][0]["decision"] == "never");
  CHECK(v.toText() == doc.dump());
  CHECK(Vault::fromText(v.toText()).toText() == v.toText());
  requireError([&] { v.decideIdentities({{"a", key("email", "ann@x.org")}, {"b", key("email", "ANN@x.org")}, {"decision", "never"}}, kNow); },
               ErrorCode::Range, "/b");
  requireError([&] { v.decideIdentities({{"a", key("email", "ann@x.org")}, {"b", key("email", "b@x.org")}, {"decision", "no"}}, kNow); },
               ErrorCode::Range, "/decision");
  nlohmann::json twice = doc;
  twice["identityDecisions"].push_back(doc["identityDecisions"][0]);
  requireError([&] { Vault::fromJson(twice); }, ErrorCode::Conflict, "/identityDecisions/1");
}
