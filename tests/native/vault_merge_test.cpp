#include <catch2/catch.hpp>

#include "selfcrm/vault/vault.hpp"
#include "require_error.hpp"
#include "vault_gen.hpp"

using namespace selfcrm;
using selfcrm::test::requireError;

namespace {
constexpr Timestamp kNow = 1700000000;

// Copies of one vault ("v"): merge refuses two different vaults.
Vault generated(std::uint64_t seed) {
  VaultDocument d = vaultgen::document(seed);
  d.profile.id = "v";
  return Vault::fromJson(vaultDocumentToJson(d));
}

std::string merged(const Vault& a, const Vault& b) {
  Vault out = a;
  out.merge(b, kNow);
  return out.toJson().dump();
}
}  // namespace

TEST_CASE("merge is idempotent and commutative on generated vaults", "[vault][merge]") {
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    INFO("seed " << seed);
    // Neighbouring seeds share ids ("t5", "v1", …), so conflicts and overlaps do occur.
    const Vault a = generated(seed);
    const Vault b = generated(seed + 1000);
    REQUIRE(merged(a, a) == a.toJson().dump());
    const std::string ab = merged(a, b);
    REQUIRE(ab == merged(b, a));
    Vault m = a;
    m.merge(b, kNow);
    REQUIRE(merged(m, b) == ab);
    REQUIRE(merged(m, a) == ab);
  }
}

TEST_CASE("merge unions identities and records and keeps the latest attribute change", "[vault][merge]") {
  Vault phone("ann");
  Vault laptop("ann");
  phone.addIdentity({{"kind", "email"}, {"value", "Ann@Example.com"}}, kNow);
  laptop.addIdentity({{"kind", "email"}, {"value", "ann@example.com"}, {"verified", true}}, kNow - 10);
  laptop.addIdentity({{"kind", "twitter"}, {"value", "@ann"}}, kNow);
  phone.addRecord("survey", {{"id", "s1"}, {"at", "2024-01-01"}, {"score", 9}}, kNow);
  laptop.addRecord("survey", {{"id", "s1"}, {"at", "2024-01-01"}, {"score", 9}}, kNow);
  laptop.addRecord("survey", {{"id", "s2"}, {"at", "2024-02-01"}, {"score", 4}}, kNow);
  phone.setAttribute("personal", "city", "Lyon", kNow + 100);
  laptop.setAttribute("personal", "city", "Paris", kNow + 50);
  laptop.setAttribute("personal", "job", "baker", kNow + 50);
  phone.setAttribute("personal", "job", "cook", kNow + 10);
  phone.removeAttribute("personal", "job", kNow + 60);

  phone.merge(laptop, kNow + 200);
  const Profile& p = phone.profile();
  CHECK(p.id == "ann");
  REQUIRE(p.identities.size() == 2);
  CHECK(p.identities[0].value == "ann@example.com");  // the earlier-added spelling
  CHECK(p.identities[0].verified);
  CHECK(p.identities[0].addedAt == kNow - 10);
  CHECK(p.history.surveys.size() == 2);
  CHECK(std::get<std::string>(p.attributes.personal.at("city")) == "Lyon");
  CHECK(p.attributes.personal.count("job") == 0);  // removed after the other copy set it
  CHECK(phone.journal().back().op == "vault.merge");
}

TEST_CASE("ledgers keep their chain order and merge only when one extends the other", "[vault][merge]") {
  using nlohmann::json;
  const auto entry = [](int seq, const char* claim) {
    return json{{"seq", seq}, {"type", "grant"}, {"at", "2026-01-01T00:00:00Z"}, {"claims", json::array({{{"claim", claim}}})}};
  };
  json doc = {{"schemaVersion", 1}, {"id", "me"}};
  doc["ledger"] = json::array({entry(0, "z"), entry(1, "a"), entry(2, "m")});
  Vault a = Vault::fromJson(doc);
  // Same instant, content that would sort otherwise: the chain order (seq) is kept.
  CHECK(a.toJson().at("ledger").at(1).at("claims").at(0).at("claim") == "a");

  json longer = doc;
  longer["ledger"].push_back(entry(3, "b"));
  Vault b = Vault::fromJson(longer);
  Vault ab = a;
  ab.merge(b, parseIsoTime("2026-02-01"));
  CHECK(ab.toJson().at("ledger").size() == 4);
  Vault ba = b;
  ba.merge(a, parseIsoTime("2026-02-01"));
  CHECK(ba.toJson().at("ledger") == ab.toJson().at("ledger"));

  json diverged = doc;
  diverged["ledger"][2] = entry(2, "other");
  Vault c = Vault::fromJson(diverged);
  const std::string before = a.toJson().dump();
  try {
    a.merge(c, parseIsoTime("2026-02-01"));
    FAIL("merged two diverged ledgers");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::Conflict);
    CHECK(e.path() == "/ledger/2");
  }
  CHECK(a.toJson().dump() == before);
}

TEST_CASE("a vault read out of order comes back in canonical order", "[vault][canonical]") {
  using nlohmann::json;
  json doc = {{"schemaVersion", 1}, {"id", "me"}};
  doc["identities"] = json::array({{{"kind", "email"}, {"value", "zed@example.com"}, {"addedAt", "2024-01-01"}},
                                   {{"kind", "email"}, {"value", "amy@example.com"}, {"addedAt", "2024-01-02"}}});
  doc["history"]["transactions"] = json::array({
      {{"id", "t3"}, {"at", "2024-03-01"}, {"amount", 3}, {"currency", "EUR"}},
      {{"id", "t2"}, {"at", "2024-01-01"}, {"amount", 2}, {"currency", "EUR"}},
      {{"id", "t1"}, {"at", "2024-01-01"}, {"amount", 1}, {"currency", "EUR"}},
  });
  doc["grants"] = json::array({{{"to", "shop"}}, {{"to", "bank"}}, {{"to", "cafe"}}});
  // Unnumbered entries go after numbered ones, in the order of their text.
  doc["ledger"] = json::array({{{"seq", 2}, {"x", "a"}}, {{"note", "b"}}, {{"seq", 1}, {"x", "z"}}, {{"note", "a"}}});
  const json out = Vault::fromJson(doc).toJson();
  CHECK(out.at("identities").at(0).at("value") == "amy@example.com");
  std::vector<std::string> ids;
  for (const json& t : out.at("history").at("transactions")) ids.push_back(t.at("id"));
  CHECK(ids == std::vector<std::string>{"t1", "t2", "t3"});
  CHECK(out.at("grants") == json::array({{{"to", "bank"}}, {{"to", "cafe"}}, {{"to", "shop"}}}));
  CHECK(out.at("ledger") == json::array({{{"seq", 1}, {"x", "z"}}, {{"seq", 2}, {"x", "a"}}, {{"note", "a"}}, {{"note", "b"}}}));
  // Already in order: read again, nothing moves.
  CHECK(Vault::fromJson(out).toJson() == out);
}

TEST_CASE("merge refuses two different vaults and leaves both unchanged", "[vault][merge]") {
  Vault ann("ann");
  Vault bob("bob");
  ann.addRecord("survey", {{"id", "s1"}, {"at", "2024-01-01"}, {"score", 9}}, kNow);
  bob.addRecord("transaction", {{"id", "t1"}, {"at", "2024-01-01"}, {"amount", 40}}, kNow);
  const std::string before = ann.toJson().dump();
  requireError([&] { ann.merge(bob, kNow); }, ErrorCode::Conflict, "/id");
  CHECK(ann.toJson().dump() == before);
  requireError([&] { bob.merge(ann, kNow); }, ErrorCode::Conflict, "/id");
  // A copy without an id (older documents) still merges.
  Vault unnamed("");
  unnamed.addRecord("survey", {{"id", "s2"}, {"at", "2024-01-02"}, {"score", 3}}, kNow);
  ann.merge(unnamed, kNow);
  CHECK(ann.profile().id == "ann");
  CHECK(ann.profile().history.surveys.size() == 2);
}
