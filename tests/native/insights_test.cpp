// One profile through every engine: scores, feedback, facts, segments, persona.
#include <catch2/catch.hpp>

#include <algorithm>

#include "selfcrm/error.hpp"
#include "selfcrm/insights/insights.hpp"
#include "selfcrm/insights/transaction_profiles.hpp"
#include "selfcrm/time.hpp"
#include "selfcrm/vault/vault_document.hpp"

using namespace selfcrm;
using nlohmann::json;

namespace {

// A detractor who complains in public, more and more angrily, and has stopped buying.
const char* kVenter = R"({
  "schemaVersion": 1, "id": "venter",
  "identities": [{"kind": "email", "value": "v@example.com", "addedAt": "2023-01-01"}],
  "attributes": {"preferential": {"channels": ["twitter"]}},
  "history": {
    "transactions": [{"id": "t1", "at": "2023-06-01T10:00:00Z", "amount": 80, "margin": 20},
                     {"id": "t2", "at": "2023-09-01T10:00:00Z", "amount": 60, "margin": 15}],
    "interactions": [
      {"id": "i1", "at": "2024-04-01T10:00:00Z", "channel": "twitter", "direction": "customer-to-business",
       "isPublic": true, "participants": 2, "replyExpected": true, "replyReceived": true, "text": "The delivery was fine, thanks."},
      {"id": "i2", "at": "2024-05-20T10:00:00Z", "channel": "twitter", "direction": "customer-to-business",
       "isPublic": true, "participants": 2, "replyExpected": true, "replyReceived": false,
       "text": "Terrible service. My order is broken and nobody answers. Why?"}],
    "surveys": [{"id": "s1", "at": "2024-05-21", "score": 2}]
  }
})";

Profile profileOf(const char* text) { return vaultDocumentFromJson(json::parse(text)).profile; }

struct DefaultEngines {
  scores::Model model = scores::Model::defaults();
  segments::SegmentPack segments = segments::SegmentPack::defaults();
  segments::PersonaPack personas = segments::PersonaPack::defaults();
  text::Lexicon lexicon;
  insights::Engines engines() const { return {model, segments, personas, lexicon}; }
};

bool hasSegment(const insights::ProfileInsights& in, const std::string& name) {
  const auto names = in.segments.names();
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

TEST_CASE("feedback: customer texts only, a worsening tone has a negative trend", "[insights]") {
  DefaultEngines e;
  const auto f = insights::analyzeFeedback(profileOf(kVenter), e.lexicon);
  CHECK(f.sentiment.texts == 2);
  CHECK(f.sentiment.trend < 0);
  CHECK(f.intents.at("complaint") == 1);
  CHECK(f.degrees.interactions.size() == 2);
  CHECK(f.degrees.hasSociability);
}

TEST_CASE("insights of a venter: detractor, at risk, persona venter-at-risk, with reasons", "[insights]") {
  DefaultEngines e;
  const auto in = insights::analyzeProfile(profileOf(kVenter), e.engines(), parseIsoTime("2024-06-01"));
  CHECK(in.facts.at("scores").at("nps").at("category") == "detractor");
  CHECK(in.facts.at("cues").at("sentiment").at("trend").get<double>() < 0);
  CHECK(hasSegment(in, "at-risk"));
  REQUIRE(in.persona.persona.has_value());
  CHECK(in.persona.persona->name == "venter-at-risk");
  const json out = in;
  CHECK(out.at("id") == "venter");
  CHECK(out.at("persona").at("persona").at("name") == "venter-at-risk");
  CHECK_FALSE(out.at("segments").at("segments").at(0).at("because").empty());
}

TEST_CASE("an empty profile gets scores and no persona beyond the fallback", "[insights]") {
  DefaultEngines e;
  const auto in = insights::analyzeProfile(Profile{"nobody", {}, {}, {}}, e.engines(), parseIsoTime("2024-06-01"));
  CHECK(in.feedback.sentiment.texts == 0);
  CHECK(in.feedback.sentiment.trend == 0);
  CHECK_FALSE(hasSegment(in, "at-risk"));
}

TEST_CASE("records after asOf are left out of every part, and the explanations count them", "[insights][asof]") {
  DefaultEngines e;
  const Timestamp asOf = parseIsoTime("2024-05-01");
  // The venter as of May 1: the second text (May 20) and the survey (May 21) had not happened.
  const auto in = insights::analyzeProfile(profileOf(kVenter), e.engines(), asOf);
  Profile past = profileOf(kVenter);
  past.history.interactions.pop_back();
  past.history.surveys.clear();
  const auto expected = insights::analyzeProfile(past, e.engines(), asOf);
  CHECK(in.feedback.sentiment.texts == 1);
  CHECK(nlohmann::json(in.feedback) == nlohmann::json(expected.feedback));
  CHECK(in.segments.names() == expected.segments.names());
  CHECK(in.scores.nps.explain.tree().at("leftOutAfterAsOf") == json{{"surveys", 1}});
  CHECK(in.scores.engagement.explain.tree().at("leftOutAfterAsOf") == json{{"interactions", 1}});
  CHECK_FALSE(in.scores.rfm.explain.tree().contains("leftOutAfterAsOf"));
  CHECK(in.scores.engagement.value == expected.scores.engagement.value);
  CHECK(in.scores.nps.category == expected.scores.nps.category);
}

TEST_CASE("profiles NDJSON: one result per valid line, rejects with line numbers", "[insights][ndjson]") {
  DefaultEngines e;
  std::string venter = json::parse(kVenter).dump();
  const std::string text = venter + "\nnot json\n{\"schemaVersion\":1,\"id\":\"x\",\"oops\":1}\n\n" +
                           R"({"id":"bare","history":{"surveys":[{"at":"2024-01-01","score":10}]}})" + "\n";
  const auto out = insights::analyzeProfilesNdjson(e.engines(), text, 1, parseIsoTime("2024-06-01"),
                                                   insights::InsightParts::ScoresOnly);
  CHECK(out.results == 2);
  REQUIRE(out.rejects.size() == 2);
  CHECK(out.rejects[0].line == 2);
  CHECK(out.rejects[0].code == ErrorCode::Parse);
  CHECK(out.rejects[1].line == 3);
  CHECK(out.rejects[1].code == ErrorCode::Schema);
  CHECK(out.rejects[1].path == "/oops");
  const auto first = json::parse(out.ndjson.substr(0, out.ndjson.find('\n')));
  CHECK(first.at("id") == "venter");
  CHECK(first.contains("scores"));
  CHECK_FALSE(first.contains("persona"));
}

TEST_CASE("profiles NDJSON: a full result line is the insights' JSON, byte for byte", "[insights][ndjson]") {
  DefaultEngines e;
  const Timestamp asOf = parseIsoTime("2024-06-01");
  json other = json::parse(kVenter);
  other["id"] = "caf\xC3\xA9 \"quoted\"";
  other["history"]["interactions"][0]["text"] = "Tr\xC3\xA8s bien \xF0\x9F\x98\x8D, merci!\nA new line.";
  other["history"]["transactions"].push_back({{"id", "t3"}, {"at", "2024-05-30"}, {"amount", 0.1}, {"margin", 1e-7}});
  std::vector<std::string> lines = {json::parse(kVenter).dump(), other.dump(), R"({"schemaVersion":1,"id":"bare"})"};
  // Busier profiles, so every persona, segment, plan and cue shows up in some line.
  const char* texts[] = {"Love the new boots!", "Where is my refund? Third time I ask.", "I will cancel and never buy again.",
                         "I'd recommend you to friends, great service!", "Do you ship to Oslo? I want to order two."};
  for (int i = 0; i < 24; ++i) {
    json p = {{"schemaVersion", 1}, {"id", "p" + std::to_string(i)}};
    auto& h = p["history"];
    h["transactions"] = json::array();
    for (int k = 0; k < i % 7; ++k) {
      h["transactions"].push_back({{"id", "t" + std::to_string(k)}, {"at", "2024-0" + std::to_string(1 + k % 5) + "-1" + std::to_string(i % 9)},
                                   {"amount", 10.5 * (k + 1)}, {"margin", 2 + i % 5}});
    }
    for (int k = 0; k < i % 9; ++k) {
      h["interactions"].push_back({{"id", "i" + std::to_string(k)}, {"at", "2024-05-" + std::to_string(10 + k)}, {"channel", k % 2 ? "email" : "twitter"},
                                   {"direction", (i + k) % 3 ? "customer-to-business" : "business-to-customer"}, {"isPublic", k % 2 == 0},
                                   {"participants", 1 + (i + k) % 4}, {"threadId", k % 3 ? "" : "th"}, {"replyExpected", i % 2 == 0},
                                   {"replyReceived", k % 2 == 1}, {"text", texts[(i + k) % 5]}});
    }
    if (i % 2) h["surveys"].push_back({{"id", "s"}, {"at", "2024-05-01"}, {"score", i % 11}, {"statedIntentToRecommend", i % 4 == 1}});
    if (i % 3) h["referrals"].push_back({{"id", "r"}, {"at", "2024-04-01"}, {"referredCustomerId", "x"}, {"converted", i % 3 == 1}, {"value", 40}});
    if (i % 4) h["reach"].push_back({{"network", "twitter"}, {"at", "2024-03-01"}, {"followers", i * 500}, {"posts", 40}, {"reshares", 5 * i}, {"mentions", 2}});
    lines.push_back(p.dump());
  }
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  const auto out = insights::analyzeProfilesNdjson(e.engines(), text, 1, asOf, insights::InsightParts::All);
  REQUIRE(out.rejects.empty());
  REQUIRE(out.results == lines.size());
  std::string expected;
  for (const auto& line : lines) {
    expected += json(insights::analyzeProfile(profileOf(line.c_str()), e.engines(), asOf)).dump(-1, ' ', false,
                                                                                              json::error_handler_t::replace);
    expected += '\n';
  }
  CHECK(out.ndjson == expected);
  // The lines between them name personas, segments with reasons, plans and cues.
  for (const char* part : {"\"persona\":{", "\"tier\":", "\"because\":[{", "\"rules\":[{", "\"cues\":[\"", "\"sociability\":null"}) {
    CHECK(out.ndjson.find(part) != std::string::npos);
  }
}

TEST_CASE("the facts' scores are the score card's tree", "[insights]") {
  DefaultEngines e;
  const Timestamp asOf = parseIsoTime("2024-06-01");
  for (const char* text : {kVenter, R"({"schemaVersion":1,"id":"bare"})"}) {
    const Profile profile = profileOf(text);
    const auto card = scores::scoreProfile(profile, e.model, asOf);
    const json facts = insights::factsDocument(profile, card, insights::analyzeFeedback(profile, e.lexicon));
    CHECK(facts.at("scores") == json(card));
    CHECK(facts.at("scores").dump() == json(card).dump());
  }
}

TEST_CASE("transaction lines become one profile per customer, in order of first purchase", "[insights]") {
  const std::string lines =
      "{\"customerId\":\"b\",\"at\":\"2024-01-02\",\"amount\":10,\"margin\":2}\n"
      "{\"customerId\":\"a\",\"at\":\"2024-01-03\",\"amount\":20}\n"
      "\n"
      "{\"customerId\":\"b\",\"at\":\"2024-13-01\",\"amount\":5}\n"
      "{\"customerId\":\"b\",\"at\":\"2024-02-01\",\"amount\":30,\"margin\":6}\n";
  const auto grouped = insights::profilesFromTransactions(lines, 10);
  REQUIRE(grouped.linesUsed == 3);
  REQUIRE(grouped.firstLines == std::vector<std::size_t>{10, 11});
  REQUIRE(grouped.rejects.size() == 1);
  CHECK(grouped.rejects[0].line == 13);
  CHECK(grouped.rejects[0].path == "/at");
  const auto first = vaultDocumentFromText(grouped.ndjson.substr(0, grouped.ndjson.find('\n')), false).profile;
  CHECK(first.id == "b");
  REQUIRE(first.history.transactions.size() == 2);
  CHECK(first.history.transactions[1].id == "line-14");
  CHECK(first.history.transactions[1].margin == 6);
  // The facts line of a grouped profile is the facts document analyze evaluates segments on.
  const auto model = scores::Model::defaults();
  const auto segs = segments::SegmentPack::defaults();
  const auto personas = segments::PersonaPack::defaults();
  const text::Lexicon lexicon;
  const auto facts = insights::analyzeProfilesNdjson({model, segs, personas, lexicon}, grouped.ndjson, 1,
                                                     parseIsoTime("2024-06-01"), insights::InsightParts::Facts);
  REQUIRE(facts.results == 2);
  const json doc = json::parse(facts.ndjson.substr(0, facts.ndjson.find('\n')));
  CHECK(doc["id"] == "b");
  CHECK(doc["scores"]["rfm"]["frequency"] == 2.0);
  CHECK(doc.contains("cues"));
  CHECK_FALSE(doc.contains("segments"));
}

namespace {
// Every member path below `value` (objects walked, arrays and scalars are leaves), dotted.
void memberPaths(const json& value, const std::string& at, std::vector<std::string>& out) {
  out.push_back(at);
  if (!value.is_object()) return;
  for (const auto& item : value.items()) memberPaths(item.value(), at + "." + item.key(), out);
}
}  // namespace

TEST_CASE("conditions may name every member of a facts document's scores and cues, and nothing else", "[insights][segments]") {
  DefaultEngines e;
  const auto in = insights::analyzeProfile(profileOf(kVenter), e.engines(), parseIsoTime("2024-06-01T00:00:00Z", ""));
  std::vector<std::string> paths;
  memberPaths(in.facts.at("scores"), "scores", paths);
  memberPaths(in.facts.at("cues"), "cues", paths);
  CHECK(paths.size() > 50);
  for (const auto& path : paths) {
    INFO(path);
    if (path == "scores" || path == "cues") continue;  // a root alone names nothing
    CHECK_NOTHROW(segments::Condition::compile({{"field", path}, {"op", "exists"}}));
  }
  for (const char* typo : {"scores.clv.vlaue", "scores.rmf.value", "cues.intents.complain", "cues.sentiment.means"}) {
    INFO(typo);
    try {
      segments::Condition::compile({{"field", typo}, {"op", "exists"}});
      FAIL("accepted");
    } catch (const Error& e) {
      CHECK(e.code() == ErrorCode::Schema);
      CHECK(e.path() == "/field");
      CHECK(std::string(e.what()).find("known: ") != std::string::npos);
    }
  }
}
