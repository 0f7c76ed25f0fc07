// Identity matching must give the same proposals and owner verdicts natively and in wasm: one
// request exercising every rule (provider rules, handles, name + birthdate, decisions).
#include <string>

#include "golden.hpp"
#include "selfcrm/detail/envelope.hpp"
#include "selfcrm/vault/identity_match.hpp"

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
