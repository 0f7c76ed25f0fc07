#include <nlohmann/json.hpp>

#include "golden.hpp"
#include "selfcrm/detail/envelope.hpp"
#include "selfcrm/insights/insights.hpp"
#include "selfcrm/insights/transaction_profiles.hpp"
#include "selfcrm/time.hpp"
#include "selfcrm/vault/vault_document.hpp"

using namespace selfcrm;

// The whole pipeline on a generated population: every score, sentiment, degree, segment and
// persona must come out byte-identical from the native and the wasm build.
SELFCRM_GOLDEN("insights/population-40") {
  std::string lines;
  const char* texts[] = {"Love it, I told my friends!", "Terrible. I want to cancel my account.",
                         "How do I change my address?", "ok", "Not bad at all, but shipping was slow."};
  for (int i = 0; i < 40; ++i) {
    nlohmann::json p = {{"id", "c" + std::to_string(i)}};
    auto& h = p["history"];
    for (int t = 0; t < i % 6; ++t) {
      h["transactions"].push_back({{"id", "t" + std::to_string(t)},
                                   {"at", formatIsoTime(fromCivil(2023, 1 + (t * 2 + i) % 12, 1 + i % 27))},
                                   {"amount", 10.0 + i * 3.5 + t},
                                   {"margin", 2.0 + (i % 7)}});
    }
    for (int k = 0; k < i % 4; ++k) {
      h["interactions"].push_back({{"id", "i" + std::to_string(k)},
                                   {"at", formatIsoTime(fromCivil(2024, 1 + k, 1 + i % 20))},
                                   {"channel", k % 2 ? "twitter" : "email"},
                                   {"direction", (i + k) % 3 ? "customer-to-business" : "business-to-customer"},
                                   {"isPublic", (i + k) % 2 == 0},
                                   {"participants", 1 + (i + k) % 5},
                                   {"threadId", k % 2 ? "th" : ""},
                                   {"replyExpected", i % 2 == 0},
                                   {"replyReceived", i % 3 == 0},
                                   {"text", texts[(i + k) % 5]}});
    }
    h["surveys"].push_back({{"id", "s"}, {"at", "2024-05-01"}, {"score", i % 11}});
    if (i % 5 == 0) h["referrals"].push_back({{"id", "r"}, {"at", "2024-02-01"}, {"referredCustomerId", "z"}, {"converted", true}, {"value", 40.0 + i}});
    if (i % 4 == 0) h["reach"].push_back({{"network", "twitter"}, {"at", "2024-03-01"}, {"followers", i * 150}, {"posts", 10 + i}, {"reshares", i}, {"mentions", i / 2}});
    lines += p.dump() + "\n";
  }
  const auto model = scores::Model::defaults();
  const auto segs = segments::SegmentPack::defaults();
  const auto personas = segments::PersonaPack::defaults();
  const text::Lexicon lexicon;
  return guarded([&] {
    return insights::analyzeProfilesNdjson({model, segs, personas, lexicon}, lines, 1, parseIsoTime("2024-06-01"),
                                           insights::InsightParts::All);
  });
}

// The facts document conditions read, from a score card and from scores given as JSON.
SELFCRM_GOLDEN("insights/facts-document") {
  const text::Lexicon lexicon;
  return guarded([&] {
    const Profile p = vaultDocumentFromJson(nlohmann::json::parse(R"({"id":"f1","identities":[{"kind":"email","value":"A@B.org","addedAt":"2024-01-01"}],
      "history":{"transactions":[{"at":"2024-01-02","amount":19.5}],"surveys":[{"at":"2024-02-01","score":9}],
      "interactions":[{"at":"2024-02-03","text":"Great service, thanks!"}]}})"), "", false).profile;
    const auto feedback = insights::analyzeFeedback(p, lexicon);
    const auto card = scores::scoreProfile(p, scores::Model::defaults(), parseIsoTime("2024-06-01"));
    return nlohmann::json{{"card", insights::factsDocument(p, card, feedback)},
                          {"given", insights::factsDocument(p, nlohmann::json{{"x", {{"value", 0.1}}}}, feedback)}};
  });
}

// A transaction export (customers interleaved, one bad line) grouped into profiles, then the
// facts documents `analyze --facts` writes for them.
SELFCRM_GOLDEN("insights/transactions-to-facts") {
  std::string lines;
  for (int i = 0; i < 60; ++i) {
    if (i == 17) {
      lines += "{\"customerId\":\"c1\",\"at\":\"2024-02-30\",\"amount\":3}\n";
      continue;
    }
    lines += nlohmann::json{{"customerId", "c" + std::to_string(i % 7)},
                            {"at", formatIsoTime(fromCivil(2023, 1 + i % 12, 1 + (i * 5) % 28))},
                            {"amount", 12.5 + i * 1.75},
                            {"margin", 1.0 + i % 4}}
                 .dump() +
             "\n";
  }
  const auto model = scores::Model::defaults();
  const auto segs = segments::SegmentPack::defaults();
  const auto personas = segments::PersonaPack::defaults();
  const text::Lexicon lexicon;
  return guarded([&] {
    const auto grouped = insights::profilesFromTransactions(lines, 1);
    nlohmann::json out = grouped;
    out["facts"] = insights::analyzeProfilesNdjson({model, segs, personas, lexicon}, grouped.ndjson, 1,
                                                   parseIsoTime("2024-06-01"), insights::InsightParts::Facts);
    return out;
  });
}

// Records dated after asOf are left out and counted in the explanations (the copy without them,
// and the re-written explanations, must agree byte for byte across builds).
SELFCRM_GOLDEN("insights/records-after-as-of") {
  const char* profile =
      R"({"id":"later","history":{"transactions":[{"id":"t1","at":"2024-01-05","amount":20.5,"margin":4.1},)"
      R"({"id":"t2","at":"2024-07-01","amount":99.99,"margin":9}],)"
      R"("interactions":[{"id":"i1","at":"2024-08-01","channel":"twitter","direction":"customer-to-business",)"
      R"("isPublic":true,"participants":2,"replyExpected":true,"replyReceived":false,"text":"Terrible, I want a refund"}],)"
      R"("surveys":[{"id":"s1","at":"2024-03-01","score":9},{"id":"s2","at":"2024-09-01","score":2}],)"
      R"("referrals":[{"id":"r1","at":"2024-12-01","referredCustomerId":"z","converted":true,"value":40}]}})";
  const auto model = scores::Model::defaults();
  const auto segs = segments::SegmentPack::defaults();
  const auto personas = segments::PersonaPack::defaults();
  const text::Lexicon lexicon;
  return guarded([&] {
    return insights::analyzeProfilesNdjson({model, segs, personas, lexicon}, profile, 1, parseIsoTime("2024-06-01"),
                                           insights::InsightParts::All);
  });
}
