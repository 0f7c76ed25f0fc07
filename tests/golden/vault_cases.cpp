// Vault results that must be byte-identical natively and in wasm: number formatting of money,
// content ids (hashing), canonical order, merge and import outcomes.
#include <string>

#include "../native/vault_gen.hpp"
#include "golden.hpp"
#include "selfcrm/detail/envelope.hpp"
#include "selfcrm/vault/normalize.hpp"
#include "selfcrm/vault/vault.hpp"

using namespace selfcrm;

namespace {
constexpr Timestamp kNow = 1700000000;
}

SELFCRM_GOLDEN("vault/generated-documents") {
  return guarded([] {
    nlohmann::json out = nlohmann::json::array();
    for (std::uint64_t seed = 1; seed <= 20; ++seed) out.push_back(vaultDocumentToJson(vaultgen::document(seed)));
    return out;
  });
}

SELFCRM_GOLDEN("vault/merge") {
  return guarded([] {
    // Two copies of one vault (merge refuses two different ones).
    VaultDocument b = vaultgen::document(8, 12);
    Vault a = Vault::fromJson(vaultDocumentToJson(vaultgen::document(7, 12)));
    b.profile.id = a.profile().id;
    a.merge(Vault::fromJson(vaultDocumentToJson(b)), kNow);
    return a.toJson();
  });
}

SELFCRM_GOLDEN("vault/import-report") {
  Vault v("golden");
  return guarded([&] {
    const ImportReport r = v.importHistory(
        "{\"type\":\"transaction\",\"at\":\"2024-01-01T10:00:00+02:00\",\"amount\":0.1,\"margin\":0.30000000000000004}\n"
        "{\"type\":\"transaction\",\"at\":\"2024-01-01T10:00:00+02:00\",\"amount\":0.1,\"margin\":0.30000000000000004}\n"
        "{\"type\":\"referral\",\"at\":\"2024-01-02\",\"value\":1e-7}\n"
        "{\"type\":\"survey\",\"at\":\"2024-01-03\",\"score\":10.0}\n"
        "{\"type\":\"reach\",\"network\":\"x\",\"at\":\"2024-01-04\",\"followers\":-1}\n",
        1, kNow);
    return nlohmann::json{{"report", r}, {"vault", v.toJson()}};
  });
}

SELFCRM_GOLDEN("vault/normalize") {
  return guarded([] {
    nlohmann::json out = nlohmann::json::array();
    out.push_back(normalizeIdentity(IdentityKind::Email, " Ann.Lee@Example.COM "));
    out.push_back(normalizeIdentity(IdentityKind::Phone, "+1 (555) 010-9999"));
    out.push_back(normalizeIdentity(IdentityKind::Twitter, "@SelfCRM"));
    return out;
  });
}

SELFCRM_GOLDEN("vault/bad-document") {
  return guarded([] { return Vault::fromJson(nlohmann::json::parse(R"({"schemaVersion":1,"history":{"surveys":[{"at":"2024-01-01","score":12}]}})")).toJson(); });
}

SELFCRM_GOLDEN("vault/apply-import") {
  return guarded([] {
    // An import, a second copy importing the same card from another file, then their merge.
    const auto from = [](const char* path, char digit) {
      return nlohmann::json{{"source", "vcard"}, {"file", "me.vcf"}, {"sha256", std::string(64, digit)}, {"path", path}};
    };
    const auto batch = [&](char digit) {
      return nlohmann::json{
          {"identities",
           {{{"kind", "email"}, {"value", "Zoë@Example.com"}, {"pref", 2}, {"provenance", from("line 4", digit)}},
            {{"kind", "email"}, {"value", "z@work.example"}, {"pref", 1}, {"verified", true}, {"provenance", from("line 5", digit)}},
            {{"kind", "phone"}, {"value", "not a phone"}, {"provenance", from("line 6", digit)}}}},
          {"attributes",
           {{{"category", "personal"}, {"name", "name"}, {"value", "Zoë Ünal"}, {"provenance", from("line 3", digit)}},
            {{"category", "personal"}, {"name", "birthYear"}, {"value", 1988}, {"provenance", from("line 7", digit)}},
            {{"category", "preferential"}, {"name", "languages"}, {"value", {"tr", "en"}}, {"provenance", from("line 8", digit)}}}}};
    };
    Vault a("golden");
    a.setAttribute("personal", "birthYear", 1987, kNow - 10);
    const ImportApplyReport first = a.applyImport(batch('a'), kNow);
    Vault b = a;
    const ImportApplyReport second = b.applyImport(batch('b'), kNow + 60);
    a.merge(b, kNow + 120);
    return nlohmann::json{{"first", first}, {"second", second}, {"merged", a.toJson()}};
  });
}
