// Vault::applyImport: the one door imported items come through (the readers live in the package).
#include <catch2/catch.hpp>

#include "selfcrm/detail/json_tape.hpp"
#include "selfcrm/vault/vault.hpp"
#include "require_error.hpp"
#include "vault_gen.hpp"

using namespace selfcrm;
using nlohmann::json;
using selfcrm::test::requireError;

namespace {
constexpr Timestamp kNow = 1700000000;
const std::string kSha(64, 'a');
const std::string kOtherSha(64, 'b');

json from(const std::string& path, const std::string& sha = kSha, const std::string& file = "ann.vcf") {
  return {{"source", "vcard"}, {"file", file}, {"sha256", sha}, {"path", path}};
}

json cardBatch(const std::string& sha = kSha) {
  return {{"identities",
           {{{"kind", "email"}, {"value", "Ann@Example.com"}, {"pref", 2}, {"provenance", from("line 4", sha)}},
            {{"kind", "email"}, {"value", "ann@work.example"}, {"pref", 1}, {"verified", true}, {"provenance", from("line 5", sha)}},
            {{"kind", "phone"}, {"value", "+33 1 23 45 67 89"}, {"provenance", from("line 6", sha)}}}},
          {"attributes",
           {{{"category", "personal"}, {"name", "name"}, {"value", "Ann Lee"}, {"provenance", from("line 3", sha)}},
            {{"category", "profile"}, {"name", "company"}, {"value", "ACME"}, {"provenance", from("line 7", sha)}}}}};
}
}  // namespace

TEST_CASE("applyImport adds identities and attributes, each with its source", "[vault][import]") {
  Vault v("ann");
  const ImportApplyReport r = v.applyImport(cardBatch(), kNow);
  CHECK(r.added == 5);
  CHECK(r.merged + r.replaced + r.unchanged + r.skipped + r.rejected == 0);
  REQUIRE(r.items.size() == 5);
  CHECK(r.items[0].item == "email:ann@example.com");
  CHECK(r.items[0].path == "line 4");
  const auto& ids = v.profile().identities;
  REQUIRE(ids.size() == 3);
  // PREF=1 of the emails becomes primary; the phone gives no order and stays as it is.
  CHECK(ids[0].normalized == "ann@example.com");
  CHECK_FALSE(ids[0].primary);
  CHECK(ids[1].normalized == "ann@work.example");
  CHECK(ids[1].primary);
  CHECK(ids[1].verified);
  CHECK_FALSE(ids[2].primary);
  CHECK(std::get<std::string>(v.profile().attributes.personal.at("name")) == "Ann Lee");
  const json doc = v.toJson();
  REQUIRE(doc["provenance"].size() == 5);
  CHECK(doc["provenance"][0] == json({{"file", "ann.vcf"}, {"importedAt", "2023-11-14T22:13:20Z"}, {"item", "email:ann@example.com"},
                                       {"path", "line 4"}, {"sha256", kSha}, {"source", "vcard"}}));
  // One journal entry per item, and a summary naming the file and its digest.
  REQUIRE(v.journal().size() == 6);
  CHECK(v.journal().back().op == "vault.import");
  CHECK(v.journal().back().target == "vcard ann.vcf sha256:aaaaaaaaaaaa");
  CHECK(v.journal().back().detail == "5 added, 0 merged, 0 replaced, 0 unchanged, 0 skipped, 0 rejected");
  CHECK(v.toText() == doc.dump());
  CHECK(Vault::fromText(v.toText()).toText() == v.toText());
}

TEST_CASE("applying the same batch twice changes nothing the second time", "[vault][import]") {
  Vault v("ann");
  v.applyImport(cardBatch(), kNow);
  const std::string once = v.toText();
  const ImportApplyReport again = v.applyImport(cardBatch(), kNow + 3600);
  CHECK(again.unchanged == 5);
  CHECK(again.added + again.merged + again.replaced == 0);
  CHECK(v.toText() == once);
}

TEST_CASE("the same items from another file are merged: one more source each, nothing else", "[vault][import]") {
  Vault v("ann");
  v.applyImport(cardBatch(), kNow);
  const ImportApplyReport r = v.applyImport(cardBatch(kOtherSha), kNow + 60);
  CHECK(r.merged == 5);
  CHECK(v.profile().identities.size() == 3);
  CHECK(v.toJson()["provenance"].size() == 10);
}

TEST_CASE("an attribute holding another value is kept unless the import replaces it", "[vault][import]") {
  Vault v("ann");
  v.setAttribute("personal", "name", "Ann", kNow - 100);
  const ImportApplyReport kept = v.applyImport(cardBatch(), kNow);
  CHECK(kept.skipped == 1);
  CHECK(kept.items[3].code == "E_CONFLICT");
  CHECK(kept.items[3].message == "the vault holds \"Ann\"; the file says \"Ann Lee\" (kept; import with replace to take the file's)");
  CHECK(std::get<std::string>(v.profile().attributes.personal.at("name")) == "Ann");
  json replacing = cardBatch();
  replacing["replace"] = true;
  const ImportApplyReport replaced = v.applyImport(replacing, kNow + 10);
  CHECK(replaced.replaced == 1);
  CHECK(std::get<std::string>(v.profile().attributes.personal.at("name")) == "Ann Lee");
}

TEST_CASE("an existing primary is never taken away, and the vault's own flags only grow", "[vault][import]") {
  Vault v("ann");
  v.addIdentity({{"kind", "email"}, {"value", "me@home.example"}, {"primary", true}}, kNow - 100);
  v.addIdentity({{"kind", "email"}, {"value", "ann@work.example"}}, kNow - 100);
  const ImportApplyReport r = v.applyImport(cardBatch(), kNow);
  CHECK(r.merged == 1);  // ann@work.example: now verified, not primary
  CHECK(r.items[1].message == "the same identifier as \"ann@work.example\"; now verified");
  for (const auto& id : v.profile().identities) CHECK(id.primary == (id.normalized == "me@home.example"));
}

TEST_CASE("items the vault refuses are reported; the rest is applied", "[vault][import]") {
  Vault v("ann");
  json batch = cardBatch();
  batch["identities"].push_back({{"kind", "email"}, {"value", "not an email"}, {"provenance", from("line 9")}});
  batch["attributes"].push_back({{"category", "fourth"}, {"name", "x"}, {"value", 1}, {"provenance", from("line 10")}});
  const ImportApplyReport r = v.applyImport(batch, kNow);
  CHECK(r.added == 5);
  CHECK(r.rejected == 2);
  CHECK(r.items[3].outcome == "rejected");
  CHECK(r.items[3].path == "line 9");
  CHECK(r.items[3].code == "E_RANGE");
}

TEST_CASE("a malformed batch is refused whole and changes nothing", "[vault][import]") {
  Vault v("ann");
  v.applyImport(cardBatch(), kNow);
  const std::string before = v.toText();
  json noSource = cardBatch(kOtherSha);
  noSource["attributes"][1].erase("provenance");
  requireError([&] { v.applyImport(noSource, kNow + 1); }, ErrorCode::Schema, "/attributes/1/provenance");
  json badDigest = cardBatch(kOtherSha);
  badDigest["identities"][2]["provenance"]["sha256"] = "ABC";
  requireError([&] { v.applyImport(badDigest, kNow + 1); }, ErrorCode::Range, "/identities/2/provenance/sha256");
  json extra = cardBatch(kOtherSha);
  extra["identities"][0]["primary"] = true;
  requireError([&] { v.applyImport(extra, kNow + 1); }, ErrorCode::Schema, "/identities/0/primary");
  requireError([&] { v.applyImport(json::array(), kNow + 1); }, ErrorCode::Schema, "");
  CHECK(v.toText() == before);
}

TEST_CASE("provenance survives merge: joined by key, the earlier import kept, either way round", "[vault][import][merge]") {
  Vault phone("ann");
  Vault laptop("ann");
  phone.applyImport(cardBatch(), kNow);
  laptop.applyImport(cardBatch(), kNow + 500);
  laptop.applyImport(cardBatch(kOtherSha), kNow + 600);
  Vault a = phone;
  a.merge(laptop, kNow + 1000);
  Vault b = laptop;
  b.merge(phone, kNow + 1000);
  CHECK(a.toText() == b.toText());
  const json p = a.toJson()["provenance"];
  REQUIRE(p.size() == 10);
  for (const auto& entry : p) CHECK(entry["importedAt"] == (entry["sha256"] == kSha ? "2023-11-14T22:13:20Z" : "2023-11-14T22:23:20Z"));
  Vault again = a;
  again.merge(a, kNow + 2000);
  CHECK(again.toText() == a.toText());
}

TEST_CASE("a document's provenance is read strictly", "[vault][import]") {
  Vault v("ann");
  v.applyImport(cardBatch(), kNow);
  json doc = v.toJson();
  doc["provenance"].push_back(doc["provenance"][0]);
  requireError([&] { Vault::fromJson(doc); }, ErrorCode::Conflict, "/provenance/5");
  doc = v.toJson();
  doc["provenance"][0]["sha256"] = "xyz";
  requireError([&] { Vault::fromJson(doc); }, ErrorCode::Range, "/provenance/0/sha256");
  doc = v.toJson();
  doc["provenance"][0].erase("item");
  requireError([&] { Vault::fromJson(doc); }, ErrorCode::Schema, "/provenance/0/item");
}

TEST_CASE("an identity of the wrong type is rejected by name, not a crash", "[vault][import]") {
  Vault v("ann");
  json batch = {{"identities", {{{"kind", 7}, {"value", "x"}, {"provenance", from("line 2")}}}}};
  const ImportApplyReport r = v.applyImport(batch, kNow);
  REQUIRE(r.items.size() == 1);
  CHECK(r.items[0].outcome == "rejected");
  CHECK(r.items[0].item == "?:x");
  CHECK(r.items[0].code == "E_SCHEMA");
  CHECK(v.journal().empty());
}

// The module reads a batch's text onto a tape (applyImportTape); a tree-built batch goes through
// the same code. Both must name the same first unknown field (key order) and give the same vault.
TEST_CASE("a batch read from its text on the tape applies and refuses like the tree", "[vault][import]") {
  Vault tree("ann");
  Vault tape("ann");
  const json batch = cardBatch();
  JsonTape text;
  text.parse(batch.dump());
  CHECK(json(tree.applyImport(batch, kNow)) == json(tape.applyImportTape(text.root(), kNow)));
  CHECK(tree.toText() == tape.toText());
  // Two unknown fields, written out of key order: the one first in key order is named.
  text.parse(R"({"zeta":1,"identities":[],"alpha":2})");
  requireError([&] { tape.applyImportTape(text.root(), kNow); }, ErrorCode::Schema, "/alpha");
  requireError([&] { tree.applyImport(json::parse(R"({"zeta":1,"identities":[],"alpha":2})"), kNow); }, ErrorCode::Schema, "/alpha");
  text.parse(R"({"identities":[{"kind":"email","value":"a@b.example","pref":1.5,"provenance":{}}]})");
  requireError([&] { tape.applyImportTape(text.root(), kNow); }, ErrorCode::Schema, "/identities/0/provenance/source");
  CHECK(tree.toText() == tape.toText());
}
