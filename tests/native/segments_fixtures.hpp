#pragma once
// Facts documents and helpers shared by the segments tests.
#include <string>

#include <nlohmann/json.hpp>

#include "selfcrm/error.hpp"
#include "selfcrm/segments/condition.hpp"
#include "selfcrm/time.hpp"

namespace segtest {

using nlohmann::json;

inline selfcrm::Timestamp asOf() { return selfcrm::parseIsoTime("2024-06-01T00:00:00Z"); }

/// A promoter with purchases, public forum activity, a converted referral and stated channels.
inline json sampleFacts() {
  return json::parse(R"({
    "id": "cust-1",
    "identities": [
      {"kind": "email", "value": "Ann@Example.com", "normalized": "ann@example.com", "verified": true, "primary": true, "addedAt": "2023-01-05T10:00:00Z"},
      {"kind": "twitter", "value": "@ann", "normalized": "ann", "verified": false, "primary": false, "addedAt": "2023-03-01"}
    ],
    "attributes": {
      "personal": {"name": "Ann Lee", "birthYear": 1985, "newsletter": true, "signupDate": "2021-04-02"},
      "profile": {"job": "Engineer", "interests": ["cycling", "coffee"]},
      "preferential": {"channels": ["email", "forum"]},
      "performance": {}
    },
    "history": {
      "transactions": [
        {"id": "t1", "at": "2024-05-20T12:00:00Z", "amount": 120, "margin": 30, "currency": "EUR", "category": "bikes"},
        {"id": "t2", "at": "2024-03-02T09:00:00Z", "amount": 40, "margin": 10, "currency": "EUR", "category": "parts"},
        {"id": "t3", "at": "2023-11-11T09:00:00Z", "amount": 15, "margin": 5, "currency": "EUR", "category": "parts"}
      ],
      "interactions": [
        {"id": "i1", "at": "2024-05-30T08:00:00Z", "channel": "forum", "direction": "customer-to-business", "isPublic": true, "participants": 6, "threadId": "th1", "replyExpected": true, "replyReceived": true, "text": "Great ride today"},
        {"id": "i2", "at": "2024-05-01T08:00:00Z", "channel": "email", "direction": "business-to-customer", "isPublic": false, "participants": 2, "threadId": "", "replyExpected": false, "replyReceived": false, "text": "Newsletter"}
      ],
      "surveys": [{"id": "s1", "at": "2024-04-01T00:00:00Z", "score": 10, "statedIntentToRecommend": true}],
      "referrals": [{"id": "r1", "at": "2024-02-01T00:00:00Z", "referredCustomerId": "cust-9", "converted": true, "value": 80}],
      "reach": [{"network": "twitter", "at": "2024-05-01T00:00:00Z", "followers": 800, "posts": 120, "reshares": 40, "mentions": 15}]
    },
    "scores": {"clv": {"value": 640.5}, "rfm": {"segment": "loyal"}, "nps": {"category": "promoter", "value": 10},
               "crv": {"value": 80}, "influence": {"value": 35}, "engagement": {"value": 0.6}},
    "cues": {"sentiment": {"trend": 0.1}, "intents": {"churnThreat": 0}},
    "segments": ["beta-testers"]
  })");
}

/// Compiles and tests `spec` against `facts` as of asOf().
inline bool holds(const json& spec, const json& facts = sampleFacts()) {
  return selfcrm::segments::Condition::compile(spec).test(facts, {asOf(), nullptr});
}

inline json cmp(const std::string& field, const std::string& op, const json& value) {
  return {{"field", field}, {"op", op}, {"value", value}};
}

}  // namespace segtest
