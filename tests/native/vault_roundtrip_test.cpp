#include <fstream>
#include <iterator>

#include <catch2/catch.hpp>

#include "selfcrm/vault/profile_json.hpp"
#include "selfcrm/vault/vault.hpp"
#include "vault_gen.hpp"

using namespace selfcrm;

namespace {
// Field-by-field equality from the field tables, independent of the JSON writer under test.
#define SELFCRM_SAME_FIELD(name, member, Kind, fallback) &&a.member == b.member
#define SELFCRM_SAME_RECORD(Type, label, tsName, FIELDS) \
  [[maybe_unused]] bool same(const Type& a, const Type& b) { return true FIELDS(SELFCRM_SAME_FIELD); }
SELFCRM_RECORD_TABLES(SELFCRM_SAME_RECORD)
#undef SELFCRM_SAME_RECORD
#undef SELFCRM_SAME_FIELD
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
         same(a.journal, b.journal) && same(a.provenance, b.provenance) &&
         same(a.identityDecisions, b.identityDecisions) && a.grants == b.grants && a.ledger == b.ledger;
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

TEST_CASE("a document written before the records moved to field tables reads and writes back byte for byte", "[vault][roundtrip][import]") {
  // Written by main at 1d831c3 (hand-written provenance and decision structs): identities of every
  // shape, all five history records, attributes of every type, provenance and both decisions.
  std::ifstream in(SELFCRM_TEST_DATA_DIR "/vault/written-by-main-1d831c3.json", std::ios::binary);
  REQUIRE(in);
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  const VaultDocument doc = vaultDocumentFromText(text);
  CHECK(doc.provenance.size() == 5);
  REQUIRE(doc.identityDecisions.size() == 2);
  CHECK(doc.identityDecisions[0].decision == "never");
  CHECK(doc.provenance[0].file == "Caf\u00e9 \u201ccontacts\u201d.json");
  CHECK(vaultDocumentToText(doc) == text);
  CHECK(vaultDocumentToJson(doc).dump() == text);
  const VaultDocument again = vaultDocumentFromJson(nlohmann::json::parse(text));
  CHECK(same(doc, again));
}

namespace {
// The same JSON with every object's members in reverse order (the reader must not care).
nlohmann::ordered_json reversed(const nlohmann::ordered_json& value) {
  if (value.is_array()) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& element : value) out.push_back(reversed(element));
    return out;
  }
  if (!value.is_object()) return value;
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  std::vector<std::pair<std::string, const nlohmann::ordered_json*>> members;
  for (auto it = value.begin(); it != value.end(); ++it) members.emplace_back(it.key(), &it.value());
  for (auto m = members.rbegin(); m != members.rend(); ++m) out[m->first] = reversed(*m->second);
  return out;
}
}  // namespace

TEST_CASE("records read the same whatever order their members come in", "[vault][roundtrip]") {
  // Documents are written with sorted keys; JS writes records in insertion order. The field-table
  // readers find every member in one walk, so neither order may change what is read or refused.
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    const std::string text = vaultDocumentToText(vaultgen::document(seed));
    const std::string backwards = reversed(nlohmann::ordered_json::parse(text)).dump();
    INFO("seed " << seed);
    REQUIRE(backwards != text);
    REQUIRE(vaultDocumentToText(vaultDocumentFromText(backwards)) == text);
  }
  const auto refused = [](const std::string& transaction, const std::string& path, const std::string& what) {
    const std::string doc = R"({"schemaVersion":1,"id":"p","history":{"transactions":[)" + transaction + "]}}";
    try {
      vaultDocumentFromText(doc);
      FAIL("accepted " << transaction);
    } catch (const Error& e) {
      CHECK(e.code() == ErrorCode::Schema);
      CHECK(e.path() == "/history/transactions/0" + path);
      CHECK(std::string(e.what()).find(what) != std::string::npos);
    }
  };
  // The first member not in the table, in document order; a wrong type before any unknown member.
  refused(R"({"zz":1,"at":"2026-01-01T00:00:00Z","amout":2})", "/zz", "unknown field \"zz\"");
  refused(R"({"amout":2,"at":"2026-01-01T00:00:00Z","zz":1})", "/amout", "unknown field \"amout\"");
  refused(R"({"zz":1,"margin":"3","at":"2026-01-01T00:00:00Z"})", "/margin", "expected a number");
  refused(R"({"amount":2,"margin":3})", "/at", "missing field \"at\"");
}
