// The bad-input matrix: each malformed document gives one expected code at one expected path, and
// a vault that tries to load it stays exactly as it was.
#include <catch2/catch.hpp>

#include <algorithm>

#include "require_error.hpp"
#include "selfcrm/error.hpp"
#include "selfcrm/vault/vault.hpp"
#include "selfcrm/vault/vault_document.hpp"
#include "split_mix.hpp"

using namespace selfcrm;
using nlohmann::json;

namespace {

const char* kBase = R"({
  "schemaVersion": 1, "id": "me",
  "identities": [
    {"kind": "email", "value": "Ann@Example.com", "verified": true, "primary": true, "addedAt": "2024-01-01T00:00:00Z"},
    {"kind": "forum", "network": "reddit", "value": "@ann", "addedAt": "2024-01-02"}
  ],
  "attributes": {"personal": {"name": "Ann", "born": {"date": "1984-06-01"}}, "profile": {"tags": ["a", "b"]},
                 "preferential": {"newsletter": true}, "performance": {"orders": 12}},
  "history": {
    "transactions": [{"id": "t1", "at": "2024-01-03T10:00:00Z", "amount": 20.5, "margin": 4, "currency": "EUR", "category": "books"}],
    "interactions": [{"id": "i1", "at": "2024-01-04T10:00:00Z", "channel": "email", "direction": "business-to-customer",
                      "isPublic": false, "participants": 2, "threadId": "th", "replyExpected": true, "replyReceived": false, "text": "hi"}],
    "surveys": [{"id": "s1", "at": "2024-01-05", "score": 9, "statedIntentToRecommend": true}],
    "referrals": [{"id": "r1", "at": "2024-01-06", "referredCustomerId": "c9", "converted": true, "value": 30}],
    "reach": [{"network": "twitter", "at": "2024-01-07", "followers": 100, "posts": 5, "reshares": 2, "mentions": 1}]
  },
  "journal": [{"at": "2024-01-01T00:00:00Z", "op": "identity.add", "target": "email:ann@example.com", "detail": "added"}],
  "grants": [{"to": "shop"}]
})";

struct Case {
  const char* pointer;  // where to change the base document
  json value;           // the new value; null with remove = true deletes the field
  bool remove;
  ErrorCode code;
  const char* path;     // expected error path ("=": same as pointer)
};

Case set(const char* pointer, json value, ErrorCode code, const char* path = "=") { return {pointer, std::move(value), false, code, path}; }
Case drop(const char* pointer, ErrorCode code, const char* path = "=") { return {pointer, nullptr, true, code, path}; }

std::vector<Case> cases() {
  using E = ErrorCode;
  const json obj = json::object();
  const json arr = json::array();
  std::vector<Case> c = {
      // top level
      set("/schemaVersion", 2, E::Version), set("/schemaVersion", 99, E::Version), set("/schemaVersion", "1", E::Schema),
      set("/schemaVersion", 1.5, E::Schema), set("/schemaVersion", 0, E::Range), set("/schemaVersion", -1, E::Range),
      drop("/schemaVersion", E::Schema), set("/extra", 1, E::Schema), set("/Id", "x", E::Schema), set("/id", 7, E::Schema),
      set("/id", nullptr, E::Schema), set("/identities", obj, E::Schema), set("/identities", "x", E::Schema),
      set("/attributes", arr, E::Schema), set("/history", arr, E::Schema), set("/journal", obj, E::Schema),
      set("/grants", obj, E::Schema), set("/grants/0", 1, E::Schema), set("/ledger", "x", E::Schema),
      set("/ledger", json::array({arr}), E::Schema, "/ledger/0"),
      // identities
      set("/identities/0", "ann@example.com", E::Schema), drop("/identities/0/kind", E::Schema),
      set("/identities/0/kind", "mail", E::Range), set("/identities/0/kind", "Email", E::Range), set("/identities/0/kind", 1, E::Schema),
      drop("/identities/0/value", E::Schema), set("/identities/0/value", 5, E::Schema), set("/identities/0/value", "ann", E::Range),
      set("/identities/0/value", "  ", E::Range), set("/identities/0/value", "a@b", E::Range),
      set("/identities/0/verified", "yes", E::Schema), set("/identities/0/primary", 1, E::Schema),
      drop("/identities/0/addedAt", E::Schema), set("/identities/0/addedAt", "2024-13-01", E::Range),
      set("/identities/0/addedAt", "2023-02-29", E::Range), set("/identities/0/addedAt", "yesterday", E::Range),
      set("/identities/0/addedAt", 1700000000, E::Schema), set("/identities/0/addedAt", "0999-01-01", E::Range),
      set("/identities/0/network", "gmail", E::Range), set("/identities/0/normalized", "bob@example.com", E::Range),
      set("/identities/0/normalized", 3, E::Schema), set("/identities/0/colour", "red", E::Schema),
      drop("/identities/1/network", E::Range, "/identities/1/network"), set("/identities/1/network", " ", E::Range),
      set("/identities/1/network", false, E::Schema), set("/identities/1", json({{"kind", "email"}, {"value", " ann@EXAMPLE.com"}, {"addedAt", "2024-01-02"}}), E::Conflict, "/identities/1"),
      set("/identities/1/kind", "email", E::Range, "/identities/1/network"),
      // attributes
      set("/attributes/people", obj, E::Schema), set("/attributes/personal", arr, E::Schema),
      set("/attributes/personal/age", nullptr, E::Schema), set("/attributes/personal/tags", json::array({"a", 1}), E::Schema, "/attributes/personal/tags/1"),
      set("/attributes/personal/born", json({{"date", "1984-02-30"}}), E::Range, "/attributes/personal/born/date"),
      set("/attributes/personal/born", json({{"date", 1984}}), E::Schema, "/attributes/personal/born/date"),
      set("/attributes/personal/born", json({{"day", "1984-01-01"}}), E::Schema, "/attributes/personal/born/date"),
      set("/attributes/personal/born", json({{"date", "1984-01-01"}, {"tz", "x"}}), E::Schema, "/attributes/personal/born/tz"),
      set("/attributes/profile/nested", json({{"a", 1}}), E::Schema, "/attributes/profile/nested/date"),
      set("/attributes/profile/", 1, E::Range), set("/attributes/performance/list", json::array({arr}), E::Schema, "/attributes/performance/list/0"),
      // history container
      set("/history/purchases", arr, E::Schema), set("/history/transactions", obj, E::Schema),
      set("/history/surveys", 9, E::Schema), set("/history/reach/0", "x", E::Schema),
      // transactions
      drop("/history/transactions/0/at", E::Schema), set("/history/transactions/0/at", "2024-01-03 10:00", E::Range),
      set("/history/transactions/0/at", "2024-01-03T25:00:00Z", E::Range), set("/history/transactions/0/amount", "20", E::Schema),
      set("/history/transactions/0/amount", true, E::Schema), set("/history/transactions/0/margin", nullptr, E::Schema),
      set("/history/transactions/0/currency", 978, E::Schema), set("/history/transactions/0/category", arr, E::Schema),
      set("/history/transactions/0/id", 1, E::Schema), set("/history/transactions/0/tax", 1, E::Schema),
      // interactions
      set("/history/interactions/0/direction", "inbound", E::Range), set("/history/interactions/0/direction", 1, E::Schema),
      set("/history/interactions/0/participants", 0, E::Range), set("/history/interactions/0/participants", -3, E::Range),
      set("/history/interactions/0/participants", 2.5, E::Range), set("/history/interactions/0/participants", "2", E::Schema),
      set("/history/interactions/0/participants", 9007199254740992LL, E::Range),
      set("/history/interactions/0/isPublic", "no", E::Schema), set("/history/interactions/0/replyExpected", nullptr, E::Schema),
      set("/history/interactions/0/replyReceived", 0, E::Schema), set("/history/interactions/0/text", obj, E::Schema),
      set("/history/interactions/0/threadId", 3, E::Schema), set("/history/interactions/0/channel", false, E::Schema),
      set("/history/interactions/0/at", "", E::Range), set("/history/interactions/0/sentiment", 0.5, E::Schema),
      // surveys
      set("/history/surveys/0/score", 11, E::Range), set("/history/surveys/0/score", -1, E::Range),
      set("/history/surveys/0/score", 9.5, E::Range), set("/history/surveys/0/score", "9", E::Schema),
      drop("/history/surveys/0/score", E::Schema), set("/history/surveys/0/statedIntentToRecommend", "true", E::Schema),
      set("/history/surveys/0/at", "2024-01-05T00:00:00+25:00", E::Range), set("/history/surveys/0/nps", 9, E::Schema),
      // referrals
      set("/history/referrals/0/converted", "yes", E::Schema), set("/history/referrals/0/value", "30", E::Schema),
      set("/history/referrals/0/referredCustomerId", 9, E::Schema), drop("/history/referrals/0/at", E::Schema),
      set("/history/referrals/0/who", "x", E::Schema),
      // reach
      drop("/history/reach/0/network", E::Schema), set("/history/reach/0/network", "", E::Range),
      set("/history/reach/0/followers", -1, E::Range), set("/history/reach/0/posts", 1.5, E::Range),
      set("/history/reach/0/reshares", "2", E::Schema), set("/history/reach/0/mentions", nullptr, E::Schema),
      set("/history/reach/0/likes", 3, E::Schema), set("/history/reach/0/at", "2024-02-30", E::Range),
      // duplicates
      set("/history/transactions/-", json({{"id", "t1"}, {"at", "2024-02-01"}}), E::Conflict, "/history/transactions/1"),
      set("/history/surveys/-", json({{"id", "s1"}, {"at", "2024-01-05"}, {"score", 9}, {"statedIntentToRecommend", true}}),
          E::Conflict, "/history/surveys/1"),
      set("/history/reach/-", json({{"network", "Twitter"}, {"at", "2024-01-07"}}), E::Conflict, "/history/reach/1"),
      set("/identities/-", json({{"kind", "email"}, {"value", "ANN@example.com"}, {"addedAt", "2024-03-01"}}), E::Conflict, "/identities/2"),
      // journal
      set("/journal/0", "added", E::Schema), drop("/journal/0/op", E::Schema), set("/journal/0/op", 1, E::Schema),
      set("/journal/0/at", "soon", E::Range), set("/journal/0/target", arr, E::Schema), set("/journal/0/who", "me", E::Schema),
      set("/journal/0/detail", false, E::Schema),
  };
  return c;
}

}  // namespace

TEST_CASE("the bad-input matrix: code, path, and the vault unchanged", "[vault][bad-input]") {
  const json base = json::parse(kBase);
  Vault vault = Vault::fromJson(base);
  const std::string before = vault.toJson().dump();
  const auto all = cases();
  REQUIRE(all.size() >= 100);
  for (const Case& c : all) {
    json doc = base;
    const json::json_pointer where(c.pointer);
    if (c.remove) {
      doc.at(where.parent_pointer()).erase(where.back());
    } else {
      doc[where] = c.value;
    }
    const std::string expectedPath = std::string(c.path) == "=" ? c.pointer : c.path;
    INFO("case " << c.pointer << " = " << c.value.dump());
    try {
      vault = Vault::fromJson(doc);
      FAIL_CHECK("accepted");
    } catch (const Error& e) {
      INFO(e.what());
      CHECK(codeName(e.code()) == std::string(codeName(c.code)));
      CHECK(e.path() == expectedPath);
    }
    CHECK(vault.toJson().dump() == before);
  }
}

TEST_CASE("the base document of the matrix is valid and reads back equal", "[vault][bad-input]") {
  const Vault v = Vault::fromJson(json::parse(kBase));
  CHECK(Vault::fromJson(v.toJson()).toJson() == v.toJson());
  CHECK(v.profile().identities.size() == 2);
  CHECK(v.toJson().at("grants").size() == 1);
}

TEST_CASE("a repeated record id is reported at its first repeat, whatever the list's order", "[vault][errors]") {
  // Ids drawn from a few, so most lists repeat one; the expected index is found by brute force.
  test::SplitMix rng{7};
  for (int trial = 0; trial < 300; ++trial) {
    const std::size_t n = 1 + rng.next() % 40;
    json list = json::array();
    std::vector<std::string> ids;
    std::size_t expected = n;
    for (std::size_t i = 0; i < n; ++i) {
      ids.push_back("t" + std::to_string(rng.next() % (2 + n)));
      if (expected == n && std::find(ids.begin(), ids.end() - 1, ids.back()) != ids.end() - 1) expected = i;
      list.push_back({{"id", ids.back()}, {"at", "2024-01-03"}, {"amount", 1}});
    }
    json doc = json::parse(kBase);
    doc["history"]["transactions"] = list;
    CAPTURE(trial, n, expected);
    if (expected == n) {
      CHECK(vaultDocumentFromJson(doc).profile.history.transactions.size() == n);
    } else {
      test::requireError([&] { vaultDocumentFromJson(doc); }, ErrorCode::Conflict, "/history/transactions/" + std::to_string(expected));
    }
  }
}
