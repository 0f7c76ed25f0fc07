// Identity matching must give the same proposals and owner verdicts natively and in wasm: one
// request exercising every rule (provider rules, handles, name + birthdate, decisions).
#include <string>

#include "golden.hpp"
#include "selfcrm/detail/envelope.hpp"
#include "selfcrm/vault/identity_match.hpp"
#include "selfcrm/vault/vault.hpp"

using namespace selfcrm;

namespace {
const char* kRecords = R"([
  {"id": "vault", "identities": [{"kind": "email", "value": "Ann.Lee@gmail.com"}, {"kind": "phone", "value": "+44 20 7946 0018"}]},
  {"id": "contacts.csv line 2", "identities": [{"kind": "email", "value": "annlee+shop@googlemail.com"}, {"kind": "email", "value": "ann@work.example"}],
   "name": "Ann Lee", "birthdate": "1990-02-03"},
  {"id": "profile", "identities": [{"kind": "phone", "value": "0044 20 7946 0018"}, {"kind": "facebook", "value": "annlee.photos"}], "name": "ann  lee"},
  {"id": "other card", "identities": [{"kind": "instagram", "value": "@AnnLee.Photos"}, {"kind": "email", "value": "a.lee+x@example.org"}],
   "name": "Ann Lee", "birthdate": "1990-02-03"},
  {"id": "stranger", "identities": [{"kind": "email", "value": "alee@example.org"}, {"kind": "twitter", "value": "bob"}]},
  {"id": "stranger 2", "identities": [{"kind": "instagram", "value": "bob"}]}
])";
}  // namespace

SELFCRM_GOLDEN("identity/propose-merges") {
  return guarded([] {
    nlohmann::json out = nlohmann::json::array();
    const nlohmann::json records = nlohmann::json::parse(kRecords);
    out.push_back(proposeMergesJson({{"records", records}}));
    out.push_back(proposeMergesJson(
        {{"records", records},
         {"decisions", {{{"a", "email:ann@work.example"}, {"b", "email:annlee+shop@googlemail.com"}, {"decision", "never"}},
                        {{"a", "email:ann.lee@gmail.com"}, {"b", "phone:+442079460018"}, {"decision", "same"}}}}}));
    out.push_back(ownRecordsJson({{"owner", records[0]["identities"]}, {"records", records}}));
    return out;
  });
}

SELFCRM_GOLDEN("identity/bad-request") {
  return guarded([] {
    return proposeMergesJson(nlohmann::json::parse(R"({"records": [{"id": "r", "identities": [{"kind": "phone", "value": "020 7946 0018"}]}]})"));
  });
}

SELFCRM_GOLDEN("identity/decisions-merge") {
  return guarded([] {
    const auto key = [](const char* kind, const char* value) { return nlohmann::json{{"kind", kind}, {"value", value}}; };
    Vault a("me");
    Vault b("me");
    a.decideIdentities({{"a", key("email", "Ann@Gmail.com")}, {"b", key("phone", "+44 20 7946 0018")}, {"decision", "same"}}, 1700000000);
    b.decideIdentities({{"a", key("phone", "0044 20 7946 0018")}, {"b", key("email", "ann@gmail.com")}, {"decision", "never"}}, 1700000100);
    b.decideIdentities({{"a", key("email", "x@example.org")}, {"b", key("email", "ann@gmail.com")}, {"decision", "same"}}, 1700000100);
    Vault ab = a;
    ab.merge(b, 1700000200);
    Vault ba = b;
    ba.merge(a, 1700000200);
    return nlohmann::json{{"ab", ab.toJson()}, {"ba", ba.toJson()}};
  });
}
