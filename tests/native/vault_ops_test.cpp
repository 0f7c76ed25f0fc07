#include <catch2/catch.hpp>

#include "selfcrm/error.hpp"
#include "selfcrm/vault/vault.hpp"

using namespace selfcrm;
using nlohmann::json;

namespace {
constexpr Timestamp kNow = 1700000000;  // 2023-11-14T22:13:20Z

// Runs `op`, requires it to throw `code` at `path`, and the vault to serialise exactly as before.
template <class Op>
void requireRejected(Vault& v, ErrorCode code, const std::string& path, Op op) {
  const std::string before = v.toJson().dump();
  try {
    op();
    FAIL("accepted");
  } catch (const Error& e) {
    CHECK(codeName(e.code()) == std::string(codeName(code)));
    CHECK(e.path() == path);
  }
  CHECK(v.toJson().dump() == before);
}
}  // namespace

TEST_CASE("an identifier that normalises to a present one merges into it", "[vault][ops]") {
  Vault v("me");
  CHECK_FALSE(v.addIdentity({{"kind", "email"}, {"value", "Ann@Example.com"}}, kNow));
  CHECK(v.addIdentity({{"kind", "email"}, {"value", " ann@EXAMPLE.com"}, {"verified", true}}, kNow + 5));
  REQUIRE(v.profile().identities.size() == 1);
  const Identity& id = v.profile().identities[0];
  CHECK(id.value == "Ann@Example.com");
  CHECK(id.verified);
  CHECK(id.addedAt == kNow);
  CHECK_FALSE(v.addIdentity({{"kind", "twitter"}, {"value", "@Ann"}}, kNow));
  CHECK_FALSE(v.addIdentity({{"kind", "forum"}, {"network", "Reddit"}, {"value", "ann"}}, kNow));
  CHECK(v.addIdentity({{"kind", "forum"}, {"network", "reddit "}, {"value", "@ANN"}}, kNow));
  CHECK(v.profile().identities.size() == 3);
  REQUIRE(v.journal().size() == 5);
  CHECK(v.journal()[0].op == "identity.add");
  CHECK(v.journal()[0].target == "email:ann@example.com");
  CHECK(v.journal().back().op == "identity.merge");
}

TEST_CASE("identities are updated and removed by any spelling", "[vault][ops]") {
  Vault v("me");
  v.addIdentity({{"kind", "phone"}, {"value", "+1 (555) 010-9999"}}, kNow);
  v.updateIdentity({{"kind", "phone"}, {"value", "+15550109999"}, {"primary", true}}, kNow);
  CHECK(v.profile().identities[0].primary);
  CHECK_FALSE(v.profile().identities[0].verified);
  requireRejected(v, ErrorCode::NotFound, "/value",
                  [&] { v.removeIdentity({{"kind", "phone"}, {"value", "+1 555 010 0000"}}, kNow); });
  requireRejected(v, ErrorCode::Schema, "/primary",
                  [&] { v.updateIdentity({{"kind", "phone"}, {"value", "+15550109999"}, {"primary", "yes"}}, kNow); });
  requireRejected(v, ErrorCode::Schema, "/addedAt",
                  [&] { v.removeIdentity({{"kind", "phone"}, {"value", "+15550109999"}, {"addedAt", "x"}}, kNow); });
  v.removeIdentity({{"kind", "phone"}, {"value", "0015550109999"}}, kNow + 1);
  CHECK(v.profile().identities.empty());
  CHECK(v.journal().back().op == "identity.remove");
}

TEST_CASE("attributes are typed, set, replaced and removed", "[vault][ops]") {
  Vault v("me");
  v.setAttribute("personal", "birthYear", 1984, kNow);
  v.setAttribute("preferential", "channels", {"email", "forum"}, kNow);
  v.setAttribute("personal", "birthYear", 1985, kNow + 1);
  CHECK(std::get<double>(v.profile().attributes.personal.at("birthYear")) == 1985);
  CHECK(v.journal().back().detail == "set to 1985.0");
  requireRejected(v, ErrorCode::Range, "/category", [&] { v.setAttribute("people", "x", 1, kNow); });
  requireRejected(v, ErrorCode::Schema, "/value/1", [&] { v.setAttribute("profile", "tags", {"a", 2}, kNow); });
  requireRejected(v, ErrorCode::Range, "/value/date", [&] { v.setAttribute("profile", "since", {{"date", "2023-02-29"}}, kNow); });
  requireRejected(v, ErrorCode::NotFound, "/name", [&] { v.removeAttribute("profile", "job", kNow); });
  requireRejected(v, ErrorCode::Range, "", [&] { v.setAttribute("profile", "job", "baker", -99999999999); });
  v.removeAttribute("preferential", "channels", kNow);
  CHECK(v.profile().attributes.preferential.empty());
}

TEST_CASE("history records dedupe by id and get a content id when they have none", "[vault][ops]") {
  Vault v("me");
  const json t = {{"at", "2024-01-02T10:00:00Z"}, {"amount", 20}, {"margin", 5}, {"currency", "EUR"}};
  CHECK(v.addRecord("transaction", t, kNow));
  CHECK_FALSE(v.addRecord("transaction", t, kNow));  // same content, same derived id
  const std::string id = v.profile().history.transactions[0].id;
  CHECK(id.size() == 17);
  CHECK(id[0] == 'h');
  json other = t;
  other["id"] = id;
  other["amount"] = 21;
  requireRejected(v, ErrorCode::Conflict, "/id", [&] { v.addRecord("transaction", other, kNow); });
  requireRejected(v, ErrorCode::Range, "/score", [&] { v.addRecord("survey", {{"at", "2024-01-01"}, {"score", 11}}, kNow); });
  requireRejected(v, ErrorCode::Range, "/type", [&] { v.addRecord("purchase", t, kNow); });
  CHECK(v.addRecord("transaction", {{"id", "a"}, {"at", "2023-12-31"}}, kNow));
  // Canonical order is by time, whatever the order of arrival.
  CHECK(v.profile().history.transactions[0].id == "a");
  CHECK(v.addRecord("reach", {{"network", "twitter"}, {"at", "2024-01-01"}, {"followers", 10}}, kNow));
  requireRejected(v, ErrorCode::Conflict, "/at",
                  [&] { v.addRecord("reach", {{"network", "Twitter"}, {"at", "2024-01-01"}, {"followers", 11}}, kNow); });
}

TEST_CASE("bulk import adds good lines together and reports bad ones", "[vault][ops]") {
  Vault v("me");
  v.addRecord("survey", {{"id", "s1"}, {"at", "2024-01-01"}, {"score", 9}}, kNow);
  const std::string text =
      "{\"type\":\"survey\",\"id\":\"s1\",\"at\":\"2024-01-01\",\"score\":9}\n"       // 1 duplicate
      "{\"type\":\"survey\",\"id\":\"s2\",\"at\":\"2024-01-02\",\"score\":3}\n"       // 2 added
      "\n"                                                                            // 3 blank
      "{\"type\":\"transaction\",\"at\":\"2024-01-03\",\"amount\":\"ten\"}\n"         // 4 E_SCHEMA /amount
      "not json\n"                                                                    // 5 E_PARSE
      "{\"id\":\"x\",\"at\":\"2024-01-03\"}\n"                                        // 6 E_SCHEMA /type
      "{\"type\":\"survey\",\"id\":\"s1\",\"at\":\"2024-01-01\",\"score\":8}\n"       // 7 E_CONFLICT /id
      "{\"type\":\"interaction\",\"at\":\"2024-01-04\",\"channel\":\"email\",\"participants\":0}\n"  // 8 E_RANGE
      "{\"type\":\"reach\",\"network\":\"x\",\"at\":\"2024-01-05\",\"followers\":7}\r\n";  // 9 added
  const ImportReport r = v.importHistory(text, 1, kNow + 1);
  CHECK(r.added == 2);
  CHECK(r.duplicates == 1);
  REQUIRE(r.rejected.size() == 5);
  const std::pair<std::size_t, std::string> expected[] = {{4, "/amount"}, {5, ""}, {6, "/type"}, {7, "/id"}, {8, "/participants"}};
  const ErrorCode codes[] = {ErrorCode::Schema, ErrorCode::Parse, ErrorCode::Schema, ErrorCode::Conflict, ErrorCode::Range};
  for (std::size_t i = 0; i < 5; ++i) {
    CHECK(r.rejected[i].line == expected[i].first);
    CHECK(r.rejected[i].path == expected[i].second);
    CHECK(r.rejected[i].code == codes[i]);
  }
  CHECK(v.profile().history.surveys.size() == 2);
  CHECK(v.profile().history.reach.size() == 1);
  CHECK(v.journal().back().op == "history.import");
  CHECK(v.journal().back().detail == "imported 2 records (1 already present, 5 lines rejected)");
}

TEST_CASE("10,000 records import in one call and dedupe on a second import", "[vault][ops]") {
  std::string text;
  for (int i = 0; i < 10000; ++i) {
    text += "{\"type\":\"transaction\",\"id\":\"t" + std::to_string(i) + "\",\"at\":\"2024-01-01T00:00:00Z\",\"amount\":" +
            std::to_string(i % 97) + "}\n";
  }
  Vault v("me");
  CHECK(v.importHistory(text, 1, kNow).added == 10000);
  const ImportReport again = v.importHistory(text, 1, kNow);
  CHECK(again.added == 0);
  CHECK(again.duplicates == 10000);
  CHECK(v.profile().history.transactions.size() == 10000);
  CHECK(v.journal().size() == 1);  // an import that adds nothing changes nothing
}

TEST_CASE("a newer schema version is refused", "[vault][ops]") {
  try {
    Vault::fromJson({{"schemaVersion", 2}});
    FAIL("accepted");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::Version);
    CHECK(e.path() == "/schemaVersion");
  }
  CHECK(Vault::fromJson({{"schemaVersion", 1}}).toJson().at("identities").empty());
}
